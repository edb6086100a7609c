import { CanActivate, ExecutionContext, Injectable, UseGuards, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { PortalRealm } from '../auth/access';
import { NotFoundError, UnauthenticatedError } from '../common/domain-error';
import { PortalAccess, PortalPrincipal } from '../common/request-context';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The name the OpenAPI document gives the portal's session cookie. */
export const PORTAL_COOKIE_AUTH = 'portalCookie';

/**
 * Resolves `/portal/:slug/…` to the portal's environment and puts it on `req.portal`; the tenant
 * transaction interceptor then runs the handler in that environment only. An unknown or malformed
 * slug is 404.
 */
@Injectable()
export class PortalGuard implements CanActivate {
  constructor(private readonly db: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.portal) return true;
    const slug = req.params['slug'];
    if (typeof slug !== 'string' || slug.length > 80 || !SLUG.test(slug)) throw new NotFoundError('portalNotFound');
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM environment WHERE slug = $1`, [slug]);
    if (!rows[0]) throw new NotFoundError('portalNotFound');
    req.portal = { environmentId: rows[0].id, slug };
    return true;
  }
}

/** Admits only a contact signed in to this very portal: a session of another environment's portal is no session here. */
@Injectable()
export class PortalContactGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const contact = req.portalContact;
    if (!req.portal || !contact || contact.environmentId !== req.portal.environmentId) throw new UnauthenticatedError();
    return true;
  }
}

/** For controllers under `/portal/:slug`: the portal's environment for every route, public or not. */
export const PortalScoped = () => applyDecorators(UseGuards(PortalGuard), ApiParam({ name: 'slug', description: "The portal's address, e.g. acme-heating" }));

/**
 * A portal route for a signed-in contact (of the portal realm, not the admin's): 401 without a
 * portal session of this portal. Runs in the portal's environment; `@CurrentContact()` gives the contact.
 */
export const SignedInContact = () =>
  applyDecorators(
    PortalRealm(),
    UseGuards(PortalGuard, PortalContactGuard),
    ApiCookieAuth(PORTAL_COOKIE_AUTH),
    ApiUnauthorizedResponse({ description: 'Not signed in to this portal' }),
  );

function request(context: ExecutionContext): Request {
  return context.switchToHttp().getRequest<Request>();
}

/** The signed-in contact, as admitted by PortalContactGuard. */
export const CurrentContact = createParamDecorator((_data: unknown, context: ExecutionContext): PortalPrincipal => {
  const contact = request(context).portalContact;
  if (!contact) throw new UnauthenticatedError();
  return contact;
});

/** The portal the route addresses, as resolved by PortalGuard. */
export const CurrentPortal = createParamDecorator((_data: unknown, context: ExecutionContext): PortalAccess => {
  const portal = request(context).portal;
  if (!portal) throw new Error('CurrentPortal used on a route without @PortalScoped()');
  return portal;
});
