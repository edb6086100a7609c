import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { TestApp, startTestApp } from '../../test/test-app';
import { PortalContactGuard } from '../portal-auth/portal-access';

/** Routes anyone may call without an admin session. Adding one is a decision; this list makes it visible. */
const PUBLIC_ROUTES = [
  'GET /auth/csrf',
  'GET /health',
  'GET /invitations/:token',
  'GET /portal/:slug',
  'GET /portal/:slug/appearance',
  'GET /portal/:slug/booking-codes/:token',
  'GET /portal/:slug/booking-codes/:token/slots',
  'GET /portal/:slug/invitations/:token',
  'GET /ready',
  'POST /auth/sign-in',
  'POST /auth/sign-out',
  'POST /auth/sign-up',
  'POST /invitations/:token/accept',
  'POST /portal/:slug/auth/forgot-password',
  'POST /portal/:slug/auth/reset-password',
  'POST /portal/:slug/auth/sign-in',
  'POST /portal/:slug/auth/sign-out',
  'POST /portal/:slug/booking-codes/:token/cancel',
  'POST /portal/:slug/booking-codes/:token/reschedule',
  'POST /portal/:slug/invitations/:token/accept',
  'POST /webhooks/delivery/:environmentId/:channel',
  'POST /webhooks/delivery/:environmentId/:channel/*path',
];

/** Routes of the portal realm: they need a contact signed in to the portal they address, never an admin session. */
const PORTAL_CONTACT_ROUTES = [
  'GET /portal/:slug/assets',
  'GET /portal/:slug/auth/session',
  'GET /portal/:slug/booking-options',
  'GET /portal/:slug/bookings',
  'GET /portal/:slug/bookings/:bookingId',
  'GET /portal/:slug/bookings/:bookingId/calendar.ics',
  'GET /portal/:slug/bookings/:bookingId/slots',
  'GET /portal/:slug/service-types',
  'GET /portal/:slug/slots',
  'PATCH /portal/:slug/profile',
  'POST /portal/:slug/auth/change-password',
  'POST /portal/:slug/bookings',
  'POST /portal/:slug/bookings/:bookingId/cancel',
  'POST /portal/:slug/bookings/:bookingId/reschedule',
  'POST /portal/:slug/profile/skip',
];

describe('every route is guarded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('requires an admin session on every route except the listed public ones and the portal realm’s, which require a signed-in contact', () => {
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    const publicRoutes: string[] = [];
    const portalRoutes: string[] = [];
    const portalRoutesWithoutContactGuard: string[] = [];
    let routes = 0;
    for (const wrapper of controllers) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!controller) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classPublic = Reflect.getMetadata('fieldbook:public', controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype).filter((member) => member !== 'constructor')) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        routes += 1;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const full = `/${[prefix, String(path)].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        if (classPublic || Reflect.getMetadata('fieldbook:public', handler) === true) publicRoutes.push(`${method} ${full}`);
        if (Reflect.getMetadata('fieldbook:portal-realm', handler) === true) {
          portalRoutes.push(`${method} ${full}`);
          const guards = [...(Reflect.getMetadata(GUARDS_METADATA, controller) ?? []), ...(Reflect.getMetadata(GUARDS_METADATA, handler) ?? [])];
          if (!guards.includes(PortalContactGuard)) portalRoutesWithoutContactGuard.push(`${method} ${full}`);
        }
      }
    }
    expect(routes).toBeGreaterThan(PUBLIC_ROUTES.length + PORTAL_CONTACT_ROUTES.length);
    expect(publicRoutes.sort()).toEqual(PUBLIC_ROUTES);
    expect(portalRoutes.sort()).toEqual(PORTAL_CONTACT_ROUTES);
    expect(portalRoutesWithoutContactGuard).toEqual([]);
  });

  it('answers 401 on a guarded route without a session', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.http).get('/api/organizations').expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
