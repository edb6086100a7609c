import { Injectable } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';
import { Passport, type PassportStatic } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { AuthStrategyRegistry } from '../../auth/auth-strategy.registry';
import { PortalPrincipal } from '../../common/request-context';
import { PortalAccountsService } from '../portal-accounts.service';

/** What a portal session stores: which contact of which environment signed in, nothing else. */
interface StoredLogin {
  environmentId: string;
  contactId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isStoredLogin(value: unknown): value is StoredLogin {
  const login = value as Partial<StoredLogin> | null;
  return typeof login === 'object' && login !== null && UUID.test(String(login.environmentId)) && UUID.test(String(login.contactId));
}

/*
 * passport types the user of every realm as the admin (Express.User). This realm's users are
 * contacts, kept on `req.portalContact` (the userProperty below); these two casts are the only
 * places where the types meet.
 */
const asPassportUser = (contact: PortalPrincipal) => contact as unknown as Express.User;
const asContact = (user: Express.User) => user as unknown as PortalPrincipal;

/**
 * The portal realm's own passport instance, never the global one nor the admin's. Sign-in methods:
 * 'local' (email + password, in the portal's environment). The session stores the contact's id and
 * environment; each request reloads the contact, so a deactivated or deleted contact is signed out
 * at once.
 */
@Injectable()
export class PortalPassport {
  private readonly passport: PassportStatic['Authenticator']['prototype'] = new Passport();

  constructor(accounts: PortalAccountsService, registry: AuthStrategyRegistry) {
    this.passport.use(
      'local',
      new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true }, (req: Request, email, password, done) => {
        if (!req.portal) return done(new Error('Portal sign-in outside a portal route (PortalGuard did not run).'));
        accounts.verifyCredentials(req.portal.environmentId, email, password, req.ip).then((contact) => done(null, asPassportUser(contact)), done);
      }),
    );
    this.passport.serializeUser((user: Express.User, done: (error: unknown, login?: StoredLogin) => void) => {
      const contact = asContact(user);
      done(null, { environmentId: contact.environmentId, contactId: contact.contactId });
    });
    this.passport.deserializeUser((login: unknown, done: (error: unknown, user?: Express.User | false) => void) => {
      if (!isStoredLogin(login)) return done(null, false);
      accounts.principal(login.environmentId, login.contactId).then((contact) => done(null, contact ? asPassportUser(contact) : false), done);
    });
    registry.register('portal', 'local', this.passport, 'local');
  }

  middleware(): RequestHandler[] {
    return [this.passport.initialize({ userProperty: 'portalContact' }), this.passport.session()];
  }
}

/** Establishes the portal session for `contact` (passport regenerates the session id, against fixation). */
export function portalLogIn(req: Request, contact: PortalPrincipal): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(asPassportUser(contact), (error) => (error ? reject(error) : resolve())));
}
