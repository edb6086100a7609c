import type { RequestHandler } from 'express';
import session from 'express-session';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { PgSessionStore } from './pg-session.store';

export const ADMIN_SESSION_COOKIE = 'fieldbook_admin';

/**
 * The admin realm's session: an httpOnly, SameSite=Lax cookie (Secure whenever the request came
 * over TLS, including behind a trusting proxy), stored in PostgreSQL, expiring after the idle time.
 */
export function adminSession(config: AppConfig, db: DataSource): RequestHandler {
  const idleMs = config.sessionIdleHours * 3600 * 1000;
  return session({
    name: ADMIN_SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new PgSessionStore(db, 'admin', idleMs),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy !== false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicUrl.startsWith('https:') ? true : 'auto',
      maxAge: idleMs,
      path: '/',
    },
  });
}
