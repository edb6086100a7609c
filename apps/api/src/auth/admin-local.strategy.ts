import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AdminPrincipal } from '../common/request-context';
import { AdminAuthService } from './admin-auth.service';
import { AuthStrategyRegistry } from './auth-strategy.registry';

/** Email + password sign-in for admins (passport-local), registered as the admin realm's 'local' method. */
@Injectable()
export class AdminLocalStrategy extends PassportStrategy(Strategy, 'admin-local') {
  constructor(
    private readonly auth: AdminAuthService,
    registry: AuthStrategyRegistry,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
    registry.register('admin', 'local', 'admin-local');
  }

  validate(req: Request, email: string, password: string): Promise<AdminPrincipal> {
    return this.auth.verifyCredentials(email, password, req.ip);
  }
}
