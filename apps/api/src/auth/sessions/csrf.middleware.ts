import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../../common/domain-error';

/** Angular's HttpClient reads this cookie and echoes it in the header on every write. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sign(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
}

export function issueCsrfToken(secret: string): string {
  const nonce = randomBytes(32).toString('base64url');
  return `${nonce}.${sign(secret, nonce)}`;
}

export function isValidCsrfToken(secret: string, token: unknown): token is string {
  if (typeof token !== 'string' || token.length > 200) return false;
  const [nonce, signature, extra] = token.split('.');
  if (!nonce || !signature || extra !== undefined) return false;
  const expected = Buffer.from(sign(secret, nonce));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signed double-submit cookie: every response carries a server-signed token in a readable cookie;
 * every write must echo it in the X-XSRF-TOKEN header. Another site can make the browser send the
 * cookie but cannot read it, so it cannot forge the header.
 */
export function csrfProtection(options: { secret: string; secureCookie: boolean; exemptPaths?: RegExp[] }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const cookies = (req.cookies ?? {}) as Record<string, unknown>;
    let token = cookies[CSRF_COOKIE];
    if (!isValidCsrfToken(options.secret, token)) {
      token = issueCsrfToken(options.secret);
      res.cookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'lax', secure: options.secureCookie || req.secure, path: '/' });
      // A request without a valid cookie cannot echo it; writes below are refused.
      req.cookies = { ...cookies, [CSRF_COOKIE]: undefined };
    }
    res.locals['csrfToken'] = token;
    if (SAFE_METHODS.has(req.method) || options.exemptPaths?.some((path) => path.test(req.path))) return next();
    const header = req.get(CSRF_HEADER);
    const cookie = (req.cookies as Record<string, unknown>)[CSRF_COOKIE];
    if (typeof cookie === 'string' && typeof header === 'string' && sameToken(cookie, header)) return next();
    next(new ForbiddenError('csrf'));
  };
}
