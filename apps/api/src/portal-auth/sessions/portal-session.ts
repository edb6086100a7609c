import type { Request, RequestHandler } from 'express';
import session, { type CookieOptions } from 'express-session';
import { DataSource } from 'typeorm';
import { PgSessionStore } from '../../auth/sessions/pg-session.store';
import { AppConfig } from '../../config/app-config';

/** Never the admin's cookie: each realm has its own name, path and rows in http_session. */
export const PORTAL_SESSION_COOKIE = 'fieldbook_portal';

const PORTAL_SLUG_IN_URL = /^\/api\/portal\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:[/?#]|$)/;

/**
 * Each portal's session cookie is scoped to that portal's API path, so a browser signed in to two
 * portals (a company's sandbox and production, say) keeps both sessions and sends each only to
 * its own portal. The server still checks the session's environment on every request.
 */
export function portalCookiePath(slug: string): string {
  return `/api/portal/${slug}`;
}

function cookiePathOf(req: Request): string {
  const slug = PORTAL_SLUG_IN_URL.exec(req.originalUrl)?.[1];
  return slug ? portalCookiePath(slug) : '/api/portal';
}

/**
 * The portal realm's session: an httpOnly, SameSite=Lax cookie (Secure whenever the request came
 * over TLS), stored in PostgreSQL under the realm 'portal', expiring after the idle time.
 * Mount on the portal's routes only (see realmSessions).
 */
export function portalSession(config: AppConfig, db: DataSource): RequestHandler {
  const idleMs = config.sessionIdleHours * 3600 * 1000;
  const alwaysSecure = config.publicUrl.startsWith('https:');
  const cookie = (req: Request): CookieOptions => ({
    httpOnly: true,
    sameSite: 'lax',
    secure: alwaysSecure || req.secure,
    maxAge: idleMs,
    path: cookiePathOf(req),
  });
  return session({
    name: PORTAL_SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new PgSessionStore(db, 'portal', idleMs),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy !== false,
    // express-session takes the cookie options as a function of the request; its typings only know the object form.
    cookie: cookie as unknown as CookieOptions,
  });
}
