import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import request from 'supertest';
import { Portal, openPortal, portalRoutes, signedInContact } from '../../test/portal-fixtures';
import { Client, STRONG_PASSWORD, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('signing in to a portal', () => {
  let t: TestApp;
  let portal: Portal;
  let routes: ReturnType<typeof portalRoutes>;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLES: 'api,worker', CONNECTOR_PATHS: resolve('plugins') });
    portal = await openPortal(await signUpOrganization(t.http, { organizationName: 'Harbor Plumbing' }));
    routes = portalRoutes(portal.slug);
  });
  afterAll(() => t.close());
  // Every request here comes from 127.0.0.1; start each test with that address's counters at zero.
  beforeEach(() => t.owner.query(`DELETE FROM sign_in_attempt WHERE key LIKE 'portal:%:ip:%'`));

  it('signs in with the email in any case and the password, and records when', async () => {
    const { contactId, email } = await signedInContact(t.http, portal, { firstName: 'Dana' });
    await t.owner.query(`UPDATE portal_user SET last_sign_in_at = NULL WHERE contact_id = $1`, [contactId]);
    const client = await Client.create(t.http);
    const res = await client.post(routes.signIn, { email: email.toUpperCase(), password: STRONG_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ contact: { id: contactId, firstName: 'Dana', email }, profilePending: true });
    expect((await client.get(routes.session).expect(200)).body.contact.id).toBe(contactId);
    const { rows } = await t.owner.query(`SELECT last_sign_in_at FROM portal_user WHERE contact_id = $1`, [contactId]);
    expect(rows[0].last_sign_in_at).not.toBeNull();
  }, 30_000);

  it('answers 401 to the session route without a session', async () => {
    const res = await request(t.http).get(routes.session).expect(401);
    expect(res.body).toMatchObject({ code: 'unauthenticated', message: 'You are not signed in, or your session has expired. Please sign in.' });
  });

  it('signs out: the session no longer works, and signing out again is harmless', async () => {
    const { client, contactId } = await signedInContact(t.http, portal);
    const res = await client.post(routes.signOut).expect(204);
    const cleared = (res.headers['set-cookie'] as unknown as string[]).find((cookie) => cookie.startsWith('fieldbook_portal='));
    expect(cleared).toMatch(new RegExp(`Path=/api/portal/${portal.slug};.*Expires=Thu, 01 Jan 1970`));
    await client.get(routes.session).expect(401);
    await client.post(routes.signOut).expect(204);
    const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM http_session WHERE data->'passport'->'user'->>'contactId' = $1`, [contactId]);
    expect(rows[0].n).toBe(0);
  }, 30_000);

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const { email } = await signedInContact(t.http, portal);
    const client = await Client.create(t.http);
    const wrongPassword = await client.post(routes.signIn, { email, password: 'not-the-password-at-all' }).expect(401);
    const unknownEmail = await client.post(routes.signIn, { email: `nobody-${randomUUID()}@harbor.test`, password: 'not-the-password-at-all' }).expect(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect.', code: 'invalidCredentials' });
    await client.get(routes.session).expect(401);
  }, 30_000);

  it('refuses a sign-in without an email or password with field details', async () => {
    const client = await Client.create(t.http);
    const res = await client.post(routes.signIn, { email: 'not an email' }).expect(400);
    expect(res.body.details.map((issue: { field: string; code: string }) => `${issue.field}:${issue.code}`)).toEqual(['email:isEmail', 'password:isNotEmpty']);
  });

  it('locks an email for a while after five failed attempts, even with the right password, and says so', async () => {
    const { email } = await signedInContact(t.http, portal);
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 5; attempt += 1) await client.post(routes.signIn, { email, password: 'wrong-password-guess' }).expect(401);
    const locked = await client.post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(429);
    expect(locked.body.code).toBe('tooManySignInAttempts');
    expect(locked.body.message).toMatch(/Try again in 15 minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  }, 30_000);

  it('locks unknown emails the same way (no account enumeration through the lockout)', async () => {
    const client = await Client.create(t.http);
    const email = `ghost-${randomUUID()}@harbor.test`;
    for (let attempt = 0; attempt < 5; attempt += 1) await client.post(routes.signIn, { email, password: 'wrong-password-guess' }).expect(401);
    await client.post(routes.signIn, { email, password: 'wrong-password-guess' }).expect(429);
  });

  it('lets the lock expire', async () => {
    const { email } = await signedInContact(t.http, portal);
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 5; attempt += 1) await client.post(routes.signIn, { email, password: 'wrong-password-guess' }).expect(401);
    await t.owner.query(`UPDATE sign_in_attempt SET locked_until = now() - interval '1 second' WHERE key = $1`, [`portal:${portal.environmentId}:email:${email}`]);
    await client.post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(200);
  }, 30_000);

  it('limits failed sign-ins per client address across many emails', async () => {
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await client.post(routes.signIn, { email: `spray-${attempt}-${randomUUID()}@harbor.test`, password: 'wrong-password-guess' }).expect(401);
    }
    const res = await client.post(routes.signIn, { email: `fresh-${randomUUID()}@harbor.test`, password: 'wrong-password-guess' }).expect(429);
    expect(res.body.code).toBe('tooManySignInAttempts');
  });

  it('counts a portal’s failures under that portal’s own key, apart from the admins’ and other portals’', async () => {
    const { email } = await signedInContact(t.http, portal);
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 5; attempt += 1) await client.post(routes.signIn, { email, password: 'wrong-password-guess' }).expect(401);
    const { rows } = await t.owner.query(`SELECT key FROM sign_in_attempt WHERE key LIKE $1`, [`%:email:${email}`]);
    expect(rows).toEqual([{ key: `portal:${portal.environmentId}:email:${email}` }]);
  }, 30_000);

  it('signs out a contact the office deactivates, and refuses their sign-in', async () => {
    const { client, contactId, email } = await signedInContact(t.http, portal);
    await portal.owner.client.patch(`/api/environments/${portal.environmentId}/contacts/${contactId}`, { active: false }).expect(200);
    await client.get(routes.session).expect(401);
    const res = await (await Client.create(t.http)).post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(401);
    expect(res.body.code).toBe('invalidCredentials');
  }, 30_000);

  it('ends the session when it expires', async () => {
    const { client, contactId } = await signedInContact(t.http, portal);
    await t.owner.query(`UPDATE http_session SET expires_at = now() - interval '1 minute' WHERE data->'passport'->'user'->>'contactId' = $1`, [contactId]);
    await client.get(routes.session).expect(401);
  }, 30_000);

  it('answers 401, not a crash, to a forged portal session cookie', async () => {
    await request(t.http).get(routes.session).set('Cookie', 'fieldbook_portal=s%3Aforged.signature').expect(401);
  });

  it('serves a portal session from another API instance (sessions live in PostgreSQL)', async () => {
    const { cookie, contactId } = await signedInContact(t.http, portal);
    const other = await startTestApp();
    try {
      const res = await request(other.http).get(routes.session).set('Cookie', cookie).expect(200);
      expect(res.body.contact.id).toBe(contactId);
    } finally {
      await other.close();
    }
  }, 30_000);
});
