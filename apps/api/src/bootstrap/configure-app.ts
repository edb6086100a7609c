import { IncomingMessage } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AdminPassport } from '../auth/admin-passport';
import { adminSession } from '../auth/sessions/admin-session';
import { CSRF_COOKIE, CSRF_HEADER, csrfProtection } from '../auth/sessions/csrf.middleware';
import { realmSessions } from '../auth/sessions/realm-sessions';
import { expressErrorHandler } from '../common/http-error.filter';
import { createValidationPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { PORTAL_COOKIE_AUTH } from '../portal-auth/portal-access';
import { PortalPassport } from '../portal-auth/sessions/portal-passport';
import { PORTAL_SESSION_COOKIE, portalSession } from '../portal-auth/sessions/portal-session';
import { serveStaticApps } from './static-apps';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Fieldbook API')
    .setDescription(
      'Self-scheduling for field-service companies. Admin routes use the session cookie from /api/auth/sign-in; ' +
        `every write must echo the ${CSRF_COOKIE} cookie in the ${CSRF_HEADER} header.`,
    )
    .setVersion('0.1.0')
    .addCookieAuth('fieldbook_admin')
    .addCookieAuth(PORTAL_SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: "A portal's session, from /api/portal/{slug}/auth/sign-in" }, PORTAL_COOKIE_AUTH)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Everything between Nest and the network, shared by `main.ts` and the API tests. */
export function configureApp(app: INestApplication, config: AppConfig, options: { serveApps: boolean }): { missingApps: string[] } {
  const server = app.getHttpAdapter().getInstance() as Express;
  server.set('trust proxy', config.trustProxy);
  server.disable('x-powered-by');
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          fontSrc: ["'self'", 'data:', 'https:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
      hsts: config.publicUrl.startsWith('https:'),
    }),
  );
  app.use(cookieParser());
  // Provider webhooks are signed over the body as sent: keep it as received.
  const keepRawBody = (req: IncomingMessage, _res: unknown, body: Buffer) => {
    (req as IncomingMessage & { rawBody?: string }).rawBody = body.toString('utf8');
  };
  app.use('/api', express.json({ limit: '1mb', verify: keepRawBody }));
  app.use('/api', express.urlencoded({ extended: false, limit: '1mb', verify: keepRawBody }));
  // CSV imports (10,000 rows with addresses fit well within this).
  app.use('/api', express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }));
  // Providers call delivery webhooks without cookies; the connector checks their signature instead.
  app.use('/api', csrfProtection({ secret: config.sessionSecret, secureCookie: config.publicUrl.startsWith('https:'), exemptPaths: [/^\/webhooks\/delivery\//] }));
  // One realm per request, by path: the portal's routes read only the portal's session, every other route only the admin's.
  const db = app.get(DataSource);
  app.use(
    '/api',
    realmSessions({
      admin: [adminSession(config, db), ...app.get(AdminPassport).middleware()],
      portal: [portalSession(config, db), ...app.get(PortalPassport).middleware()],
    }),
  );
  app.use('/api', expressErrorHandler);
  app.useGlobalPipes(createValidationPipe());

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Fieldbook API' });
  const missingApps = options.serveApps ? serveStaticApps(server, config.staticRoot) : [];
  return { missingApps };
}
