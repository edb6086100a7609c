import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits) as base64url without padding: always 43 characters. */
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/** A new token for a link a contact receives (password reset); invitation tokens are made alike when the invitation renders. */
export function newPortalToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The only form of a token the database ever sees. */
export function hashPortalToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A malformed token is answered like an unknown one, without a query. */
export function isWellFormedPortalToken(token: unknown): token is string {
  return typeof token === 'string' && WELL_FORMED.test(token);
}
