import { Injectable } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';
import { Passport, type PassportStatic } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { AdminPrincipal } from '../common/request-context';
import { AdminUsersService } from '../platform/admin-users.service';
import { AdminAuthService } from './admin-auth.service';
import { AuthStrategyRegistry } from './auth-strategy.registry';

/**
 * The admin realm's own passport instance (never the global one), so the admin and portal realms
 * can never read each other's logins and several app instances in one process stay apart.
 * Sign-in methods: 'local' (email + password). The session stores only the admin's id; each
 * request reloads the admin, so a deleted admin is signed out at once.
 */
@Injectable()
export class AdminPassport {
  private readonly passport: PassportStatic['Authenticator']['prototype'] = new Passport();

  constructor(auth: AdminAuthService, adminUsers: AdminUsersService, registry: AuthStrategyRegistry) {
    this.passport.use(
      'local',
      new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true }, (req: Request, email, password, done) => {
        auth.verifyCredentials(email, password, req.ip).then((user) => done(null, user), done);
      }),
    );
    this.passport.serializeUser((user: Express.User, done: (error: unknown, id?: string) => void) => done(null, (user as AdminPrincipal).id));
    this.passport.deserializeUser((id: string, done: (error: unknown, user?: Express.User | false) => void) => {
      adminUsers.findById(id).then((user) => done(null, user ?? false), done);
    });
    registry.register('admin', 'local', this.passport, 'local');
  }

  middleware(): RequestHandler[] {
    return [this.passport.initialize(), this.passport.session()];
  }
}
