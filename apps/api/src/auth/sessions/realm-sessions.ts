import express, { type RequestHandler } from 'express';

/** The portal realm's part of the API, relative to `/api` (Express matches paths without regard to case, so this does too). */
const PORTAL_API = /^\/portal(?:\/|$)/i;

/**
 * Picks each API request's realm by its path, once: the portal's routes (`/api/portal/…`) get the
 * portal's session and passport, every other route the admin's. Neither realm's cookie is ever read
 * on the other's routes, so an admin session cannot authenticate a portal request, nor the reverse.
 * Mount at `/api`.
 */
export function realmSessions(realms: { admin: RequestHandler[]; portal: RequestHandler[] }): RequestHandler {
  const admin = express.Router().use(realms.admin);
  const portal = express.Router().use(realms.portal);
  return (req, res, next) => (PORTAL_API.test(req.path) ? portal(req, res, next) : admin(req, res, next));
}
