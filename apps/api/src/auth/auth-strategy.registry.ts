import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport from 'passport';
import { UnauthenticatedError } from '../common/domain-error';
import { AdminPrincipal } from '../common/request-context';

export type AuthRealm = 'admin' | 'portal';

/**
 * Which sign-in methods each realm offers, by name ('local' today; OpenID Connect per environment
 * later). Controllers ask the registry to authenticate; they never name a passport strategy.
 */
@Injectable()
export class AuthStrategyRegistry {
  private readonly strategies = new Map<string, string>();

  register(realm: AuthRealm, method: string, passportStrategy: string): void {
    this.strategies.set(`${realm}:${method}`, passportStrategy);
  }

  methods(realm: AuthRealm): string[] {
    return [...this.strategies.keys()].filter((key) => key.startsWith(`${realm}:`)).map((key) => key.slice(realm.length + 1));
  }

  authenticate(realm: AuthRealm, method: string, req: Request, res: Response): Promise<AdminPrincipal> {
    const strategy = this.strategies.get(`${realm}:${method}`);
    if (!strategy) return Promise.reject(new UnauthenticatedError());
    return new Promise((resolve, reject) => {
      const done = (error: unknown, user: AdminPrincipal | false) => {
        if (error) return reject(error);
        if (!user) return reject(new UnauthenticatedError('invalidCredentials'));
        resolve(user);
      };
      passport.authenticate(strategy, { session: false }, done)(req, res, reject);
    });
  }
}
