import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PassportStatic } from 'passport';

type Authenticator = PassportStatic['Authenticator']['prototype'];
import { UnauthenticatedError } from '../common/domain-error';
import { AdminPrincipal } from '../common/request-context';

export type AuthRealm = 'admin' | 'portal';

interface Registration {
  passport: Authenticator;
  strategy: string;
}

/**
 * Which sign-in methods each realm offers, by name ('local' today; OpenID Connect per environment
 * later). Controllers ask the registry to authenticate; they never name a passport strategy.
 */
@Injectable()
export class AuthStrategyRegistry {
  private readonly registrations = new Map<string, Registration>();

  register(realm: AuthRealm, method: string, passport: Authenticator, strategy: string): void {
    this.registrations.set(`${realm}:${method}`, { passport, strategy });
  }

  methods(realm: AuthRealm): string[] {
    return [...this.registrations.keys()].filter((key) => key.startsWith(`${realm}:`)).map((key) => key.slice(realm.length + 1));
  }

  /** Checks the request's credentials with the realm's method; resolves to that realm's principal (an admin, or a portal contact). */
  authenticate<Principal = AdminPrincipal>(realm: AuthRealm, method: string, req: Request, res: Response): Promise<Principal> {
    const registration = this.registrations.get(`${realm}:${method}`);
    if (!registration) return Promise.reject(new UnauthenticatedError());
    return new Promise((resolve, reject) => {
      const done = (error: unknown, user: Principal | false) => {
        if (error) return reject(error);
        if (!user) return reject(new UnauthenticatedError('invalidCredentials'));
        resolve(user);
      };
      registration.passport.authenticate(registration.strategy, { session: false }, done)(req, res, reject);
    });
  }
}
