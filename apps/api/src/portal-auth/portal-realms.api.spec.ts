import { resolve } from 'node:path';
import request from 'supertest';
import { NEW_PASSWORD, Portal, linkInMailbox, openPortal, portalRoutes, signedInContact } from '../../test/portal-fixtures';
import { Client, STRONG_PASSWORD, SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

/** The `name=value` of the admin session cookie the owner's browser holds. */
function adminCookieOf(owner: SignedUp): string {
  const cookie = (owner.client.agent as unknown as { jar: { getCookie(name: string, access: object): { name: string; value: string } | undefined } }).jar.getCookie(
    'fieldbook_admin',
    { domain: '127.0.0.1', path: '/', secure: false, script: false },
  );
  if (!cookie) throw new Error('The owner holds no admin session cookie.');
  return `${cookie.name}=${cookie.value}`;
}

describe('the portal realm is apart from the admin realm and from other portals', () => {
  let t: TestApp;
  let owner: SignedUp;
  let portal: Portal;
  let routes: ReturnType<typeof portalRoutes>;
  let contact: Awaited<ReturnType<typeof signedInContact>>;
  /** The same organization's production portal: another environment. */
  let production: { slug: string; routes: ReturnType<typeof portalRoutes> };

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLES: 'api,worker', CONNECTOR_PATHS: resolve('plugins') });
    owner = await signUpOrganization(t.http, { organizationName: 'Harbor Glass' });
    portal = await openPortal(owner);
    routes = portalRoutes(portal.slug);
    contact = await signedInContact(t.http, portal);
    const slug = owner.session.organizations[0]!.environments.find((environment) => environment.kind === 'production')!.slug;
    production = { slug, routes: portalRoutes(slug) };
  }, 60_000);
  afterAll(() => t.close());

  describe('a portal session on the admin API', () => {
    it('opens no admin route, whatever cookie name it is sent under', async () => {
      await request(t.http).get('/api/auth/session').set('Cookie', contact.cookie).expect(401);
      await request(t.http).get('/api/organizations').set('Cookie', contact.cookie).expect(401);
      await request(t.http).get(`/api/environments/${portal.environmentId}/contacts/${contact.contactId}`).set('Cookie', contact.cookie).expect(401);
      const renamed = contact.cookie.replace(/^fieldbook_portal=/, 'fieldbook_admin=');
      await request(t.http).get('/api/auth/session').set('Cookie', renamed).expect(401);
      await request(t.http).get(`/api/environments/${portal.environmentId}/contacts`).set('Cookie', renamed).expect(401);
    });

    it('cannot write on the admin API either', async () => {
      const res = await contact.client.patch(`/api/environments/${portal.environmentId}/contacts/${contact.contactId}`, { firstName: 'Mallory' }).expect(401);
      expect(res.body.code).toBe('unauthenticated');
      expect((await owner.client.get(`/api/environments/${portal.environmentId}/contacts/${contact.contactId}`).expect(200)).body.firstName).not.toBe('Mallory');
    });
  });

  describe('an admin session on the portal API', () => {
    it('opens no portal route, whatever cookie name it is sent under', async () => {
      // The owner's browser sends its admin cookie (path /) to the portal's routes too.
      const res = await owner.client.get(routes.session).expect(401);
      expect(res.body.code).toBe('unauthenticated');
      await owner.client.patch(routes.profile, { firstName: 'Mallory' }).expect(401);
      await owner.client.post(routes.skipProfile).expect(401);
      await owner.client.post(routes.changePassword, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
      const renamed = adminCookieOf(owner).replace(/^fieldbook_admin=/, 'fieldbook_portal=');
      await request(t.http).get(routes.session).set('Cookie', renamed).expect(401);
    });

    it('is left alone by a sign-in and sign-out on the portal (another cookie, other rows)', async () => {
      const browser = await Client.create(t.http);
      await browser.post(routes.signIn, { email: contact.email, password: STRONG_PASSWORD }).expect(200);
      await owner.client.post(routes.signOut).expect(204);
      await owner.client.get('/api/auth/session').expect(200);
      await browser.get(routes.session).expect(200);
    });
  });

  describe('another environment’s portal', () => {
    it('does not know the session: its signed-in routes answer 401', async () => {
      await request(t.http).get(production.routes.session).set('Cookie', contact.cookie).expect(401);
      await request(t.http)
        .patch(production.routes.profile)
        .set('Cookie', [contact.cookie, `XSRF-TOKEN=${contact.client.csrfToken}`])
        .set('X-XSRF-TOKEN', contact.client.csrfToken)
        .send({ firstName: 'Mallory' })
        .expect(401);
      // The browser itself never sends it there: the cookie's path is the sandbox portal's.
      await contact.client.get(production.routes.session).expect(401);
      await contact.client.get(routes.session).expect(200);
    });

    it('does not know the contact: the same email and password do not sign in there', async () => {
      const res = await (await Client.create(t.http)).post(production.routes.signIn, { email: contact.email, password: STRONG_PASSWORD }).expect(401);
      expect(res.body.code).toBe('invalidCredentials');
    });

    it('does not know the contact’s invitation or reset tokens (404), and does not send links for the contact', async () => {
      const invited = await signedInContact(t.http, portal);
      const elsewhere = await Client.create(t.http);
      await elsewhere.get(production.routes.invitation(invited.token)).expect(404);
      await elsewhere.post(production.routes.forgotPassword, { email: invited.email }).expect(202);
      await elsewhere.post(routes.forgotPassword, { email: invited.email }).expect(202);
      const reset = await linkInMailbox(portal, invited.email, 'reset-password');
      const { rows } = await t.owner.query(`SELECT environment_id FROM portal_password_reset WHERE contact_id = $1`, [invited.contactId]);
      expect(rows).toEqual([{ environment_id: portal.environmentId }]);
      const refused = await elsewhere.post(production.routes.resetPassword, { token: reset, password: NEW_PASSWORD }).expect(404);
      expect(refused.body.code).toBe('passwordResetInvalid');
      await elsewhere.post(routes.resetPassword, { token: reset, password: NEW_PASSWORD }).expect(200);
    }, 30_000);

    it('of another organization is just as closed', async () => {
      const other = await signUpOrganization(t.http, { organizationName: 'Other Glass' });
      const otherRoutes = portalRoutes(other.session.organizations[0]!.environments.find((environment) => environment.kind === 'sandbox')!.slug);
      await request(t.http).get(otherRoutes.session).set('Cookie', contact.cookie).expect(401);
      await request(t.http).get(otherRoutes.invitation(contact.token)).expect(404);
      await (await Client.create(t.http)).post(otherRoutes.signIn, { email: contact.email, password: STRONG_PASSWORD }).expect(401);
    });

    it('answers 404 for a portal that does not exist, signed in or not', async () => {
      const res = await request(t.http).get('/api/portal/no-such-portal/auth/session').set('Cookie', contact.cookie).expect(404);
      expect(res.body.code).toBe('portalNotFound');
      await (await Client.create(t.http)).post('/api/portal/no-such-portal/auth/sign-in', { email: contact.email, password: STRONG_PASSWORD }).expect(404);
    });
  });
});
