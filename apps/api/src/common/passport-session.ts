import type { Request } from 'express';
import { AdminPrincipal } from './request-context';

/** Establishes the session for `user` (passport regenerates the session id, against fixation). */
export function logIn(req: Request, user: AdminPrincipal): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(user, (error) => (error ? reject(error) : resolve())));
}

/** Ends the passport login and destroys the stored session. */
export function logOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.logOut((error) => {
      if (error) return reject(error);
      if (!req.session) return resolve();
      req.session.destroy((destroyError) => (destroyError ? reject(destroyError) : resolve()));
    }),
  );
}
