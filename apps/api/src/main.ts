import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { containConnectorFaults } from './messaging/fault-containment';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { appDatabaseUrl, prepareDatabase } from './database/database-setup';
import { RunningDatabase, startEmbeddedDatabase } from './database/embedded-database';
import { DemoSeedService } from './platform/demo-seed.service';
import { rotateKeysCommand } from './messaging/rotate-keys';
import { join } from 'node:path';

function banner(config: AppConfig, demo: { email: string; password: string } | undefined, slugs: string[], missingApps: string[], embedded: boolean): string {
  const lines = [
    '',
    '  Fieldbook is running.',
    '',
    `  Admin console   ${config.publicUrl}/admin/`,
    ...slugs.map((slug, index) => `  ${index === 0 ? 'Customer portal' : '               '} ${config.publicUrl}/p/${slug}`),
    `  API             ${config.publicUrl}/api  (docs: ${config.publicUrl}/api/docs)`,
    `  Database        ${embedded ? `embedded PostgreSQL, data in ${join(config.database.dataDir, 'pg')}` : 'DATABASE_URL'}`,
  ];
  if (demo) lines.push('', `  Demo sign-in    ${demo.email}  /  ${demo.password}`);
  if (missingApps.length) lines.push('', `  Not built: ${missingApps.join(', ')} (run: npx nx run-many -t build)`);
  lines.push('', '  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  let database: RunningDatabase | undefined;
  if (!config.database.url) {
    database = await startEmbeddedDatabase({
      dataDir: config.database.dataDir,
      persistent: true,
      onLog: config.logLevel === 'debug' || config.logLevel === 'trace' ? (message) => process.stderr.write(message) : undefined,
    });
  }
  const ownerUrl = config.database.url ?? database?.ownerUrl;
  if (!ownerUrl) throw new Error('No database: DATABASE_URL is unset and the embedded PostgreSQL did not start.');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nReceived ${signal}; stopping…\n`);
    await app?.close().catch(() => undefined);
    await database?.stop().catch(() => undefined);
    process.exit(0);
  };
  let app: Awaited<ReturnType<typeof createApp>>['app'] | undefined;
  // A connector's stray asynchronous error is logged and survived; any other stays fatal.
  containConnectorFaults(
    (line) => process.stderr.write(`${line}\n`),
    (error) => {
      process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await prepareDatabase(ownerUrl, config.database);
    // `main.js rotate-keys`: re-wrap stored connector credentials with the current key, then stop.
    if (process.argv[2] === 'rotate-keys') {
      await rotateKeysCommand(config, ownerUrl, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
        process.stderr.write(`rotate-keys: ${(error as Error).message}\n`);
        process.exitCode = 1;
      });
      await database?.stop();
      return;
    }
    const created = await createApp(config, appDatabaseUrl(ownerUrl, config.database), { serveApps: true });
    app = created.app;
    const demo = config.seedDemo ? await app.get(DemoSeedService).ensureDemo() : undefined;
    await app.listen(config.port);
    const slugs = demo ? await app.get(DemoSeedService).demoPortalSlugs() : [];
    process.stdout.write(banner(config, demo, slugs, created.missingApps, Boolean(database)));
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database?.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Fieldbook failed to start: ${(error as Error)?.stack ?? String(error)}`}\n`);
  process.exit(1);
});
