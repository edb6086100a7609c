import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { configureApp } from './configure-app';

/** Builds the configured Nest application (not yet listening). */
export async function createApp(config: AppConfig, appDatabaseUrl: string, options: { serveApps: boolean }): Promise<{ app: INestApplication; missingApps: string[] }> {
  const app = await NestFactory.create(AppModule.forRoot(config, appDatabaseUrl), { bufferLogs: true, bodyParser: false });
  const { missingApps } = configureApp(app, config, options);
  return { app, missingApps };
}
