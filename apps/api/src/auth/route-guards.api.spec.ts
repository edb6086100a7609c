import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { TestApp, startTestApp } from '../../test/test-app';

/** Routes anyone may call without an admin session. Adding one is a decision; this list makes it visible. */
const PUBLIC_ROUTES = [
  'GET /auth/csrf',
  'GET /health',
  'GET /invitations/:token',
  'GET /portal/:slug',
  'GET /portal/:slug/booking-codes/:token',
  'GET /portal/:slug/booking-codes/:token/slots',
  'GET /ready',
  'POST /auth/sign-in',
  'POST /auth/sign-out',
  'POST /auth/sign-up',
  'POST /invitations/:token/accept',
  'POST /portal/:slug/booking-codes/:token/cancel',
  'POST /portal/:slug/booking-codes/:token/reschedule',
  'POST /webhooks/delivery/:environmentId/:channel',
  'POST /webhooks/delivery/:environmentId/:channel/*path',
];

describe('every route is guarded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('requires an admin session on every route except the listed public ones', () => {
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    const publicRoutes: string[] = [];
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
      }
    }
    expect(routes).toBeGreaterThan(PUBLIC_ROUTES.length);
    expect(publicRoutes.sort()).toEqual(PUBLIC_ROUTES);
  });

  it('answers 401 on a guarded route without a session', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.http).get('/api/organizations').expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
