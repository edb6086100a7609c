import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits) as base64url without padding: always 43 characters. */
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

export function newBookingCodeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The only form of a token the database ever sees. */
export function hashBookingCodeToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function isWellFormedBookingCodeToken(token: string): boolean {
  return WELL_FORMED.test(token);
}
