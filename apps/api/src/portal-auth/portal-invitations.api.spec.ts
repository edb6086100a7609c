import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import request from 'supertest';
import { Portal, aContactEmail, inviteContact, openPortal, portalCookieOf, portalRoutes } from '../../test/portal-fixtures';
import { Client, STRONG_PASSWORD, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

const aToken = () => randomBytes(32).toString('base64url');

describe('accepting a portal invitation', () => {
  let t: TestApp;
  let portal: Portal;
  let routes: ReturnType<typeof portalRoutes>;

  /** An invitation written as the renderer writes one, for a contact the test chose. */
  const addInvitation = async (contactId: string, expiresIn = '14 days'): Promise<string> => {
    const token = aToken();
    await t.owner.query(
      `INSERT INTO contact_invitation (environment_id, token_hash, contact_id, expires_at) VALUES ($1, $2, $3, now() + $4::interval)`,
      [portal.environmentId, createHash('sha256').update(token).digest(), contactId, expiresIn],
    );
    return token;
  };

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLES: 'api,worker', CONNECTOR_PATHS: resolve('plugins') });
    portal = await openPortal(await signUpOrganization(t.http, { organizationName: 'Harbor Heating' }));
    routes = portalRoutes(portal.slug);
  });
  afterAll(() => t.close());

  it('shows what the emailed invitation is for: the contact’s first name and email, and until when it works', async () => {
    const { email, token } = await inviteContact(portal, { firstName: 'Dana' });
    const res = await request(t.http).get(routes.invitation(token)).expect(200);
    expect(res.body).toEqual({ firstName: 'Dana', email, expiresAt: expect.any(String) });
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13);
    expect(days).toBeLessThanOrEqual(14);
    expect(res.headers['cache-control']).toBe('no-store');
  }, 30_000);

  it('refuses a weak password with the admins’ policy, and keeps the invitation usable', async () => {
    const { token } = await inviteContact(portal);
    const client = await Client.create(t.http);
    const short = await client.post(routes.accept(token), { password: 'short-pass' }).expect(400);
    expect(short.body.details).toEqual([{ field: 'password', code: 'passwordTooShort', message: 'Use at least 12 characters.' }]);
    const common = await client.post(routes.accept(token), { password: 'password1234' }).expect(400);
    expect(common.body.details).toEqual([{ field: 'password', code: 'passwordTooCommon', message: 'This password is too common. Choose one that is harder to guess.' }]);
    const missing = await client.post(routes.accept(token), {}).expect(400);
    expect(missing.body.details[0]).toMatchObject({ field: 'password', code: 'isNotEmpty' });
    await request(t.http).get(routes.invitation(token)).expect(200);
    await client.get(routes.session).expect(401);
  }, 30_000);

  it('creates the account with an argon2id hash, uses the invitation up and signs the contact in to this portal only', async () => {
    const { contactId, email, token } = await inviteContact(portal, { firstName: 'Dana', lastName: 'Whitfield' });
    const client = await Client.create(t.http);
    const accepted = await client.post(routes.accept(token), { password: STRONG_PASSWORD }).expect(200);
    expect(accepted.body).toEqual({
      contact: { id: contactId, firstName: 'Dana', lastName: 'Whitfield', email, phone: null, language: null, preferredChannel: null },
      profilePending: true,
    });
    const cookies = accepted.headers['set-cookie'] as unknown as string[];
    expect(cookies.some((cookie) => cookie.startsWith('fieldbook_admin='))).toBe(false);
    const cookie = cookies.find((value) => value.startsWith('fieldbook_portal='))!;
    expect(cookie).toMatch(new RegExp(`Path=/api/portal/${portal.slug};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await client.get(routes.session).expect(200)).body).toEqual(accepted.body);

    const { rows } = await t.owner.query(
      `SELECT pu.password_hash, pu.last_sign_in_at, ci.accepted_at FROM portal_user pu JOIN contact_invitation ci ON ci.contact_id = pu.contact_id
        WHERE pu.environment_id = $1 AND pu.contact_id = $2`,
      [portal.environmentId, contactId],
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].accepted_at).not.toBeNull();
    expect(rows[0].last_sign_in_at).not.toBeNull();
    const sessions = await t.owner.query(`SELECT realm FROM http_session WHERE data->'passport'->'user'->>'contactId' = $1`, [contactId]);
    expect(sessions.rows).toEqual([{ realm: 'portal' }]);
  }, 30_000);

  it('refuses a used invitation link with 409, to look at and to accept', async () => {
    const { token } = await inviteContact(portal);
    await (await Client.create(t.http)).post(routes.accept(token), { password: STRONG_PASSWORD }).expect(200);
    const view = await request(t.http).get(routes.invitation(token)).expect(409);
    expect(view.body).toMatchObject({ code: 'portalInvitationUsed', message: 'This invitation has already been used. Sign in with your email address and password instead.' });
    const again = await (await Client.create(t.http)).post(routes.accept(token), { password: 'another-long-passphrase-2291' }).expect(409);
    expect(again.body.code).toBe('portalInvitationUsed');
  }, 30_000);

  it('answers 410 for an expired invitation', async () => {
    const { contactId, token } = await inviteContact(portal);
    await t.owner.query(`UPDATE contact_invitation SET expires_at = now() - interval '1 minute' WHERE contact_id = $1`, [contactId]);
    const view = await request(t.http).get(routes.invitation(token)).expect(410);
    expect(view.body).toMatchObject({ code: 'portalInvitationExpired', message: 'This invitation has expired. Ask the company that invited you for a new one.' });
    await (await Client.create(t.http)).post(routes.accept(token), { password: STRONG_PASSWORD }).expect(410);
  }, 30_000);

  it('answers 404 for an unknown or malformed token, and for a deactivated contact’s invitation', async () => {
    const unknown = await request(t.http).get(routes.invitation(aToken())).expect(404);
    expect(unknown.body.code).toBe('portalInvitationInvalid');
    await request(t.http).get(routes.invitation('not-a-token')).expect(404);
    await (await Client.create(t.http)).post(routes.accept('x'.repeat(44)), { password: STRONG_PASSWORD }).expect(404);
    const { contactId, token } = await inviteContact(portal);
    await portal.owner.client.patch(`/api/environments/${portal.environmentId}/contacts/${contactId}`, { active: false }).expect(200);
    await request(t.http).get(routes.invitation(token)).expect(404);
  }, 30_000);

  it('answers 404 for a portal that does not exist', async () => {
    const res = await request(t.http).get(`/api/portal/no-such-portal-here/invitations/${aToken()}`).expect(404);
    expect(res.body.code).toBe('portalNotFound');
    await request(t.http).get(`/api/portal/NOT_A_SLUG/invitations/${aToken()}`).expect(404);
  });

  it('lets the first of two invitations of one contact create the account, and refuses the other with 409', async () => {
    const { contactId, token } = await inviteContact(portal);
    const second = await addInvitation(contactId);
    await (await Client.create(t.http)).post(routes.accept(token), { password: STRONG_PASSWORD }).expect(200);
    const res = await request(t.http).get(routes.invitation(second)).expect(409);
    expect(res.body).toMatchObject({ code: 'portalAccountExists', message: 'You already have an account for this portal. Sign in with your email address and password instead.' });
    await (await Client.create(t.http)).post(routes.accept(second), { password: STRONG_PASSWORD }).expect(409);
  }, 30_000);

  it('refuses to create an account for a contact without an email address (the sign-in name)', async () => {
    const contact = await portal.owner.client
      .post(`/api/environments/${portal.environmentId}/accounts/${portal.accountId}/contacts`, { firstName: 'Noel', lastName: 'Nomail', phone: '+14155550123' })
      .expect(201);
    const token = await addInvitation(contact.body.id);
    expect((await request(t.http).get(routes.invitation(token)).expect(200)).body).toMatchObject({ firstName: 'Noel', email: null });
    const res = await (await Client.create(t.http)).post(routes.accept(token), { password: STRONG_PASSWORD }).expect(409);
    expect(res.body.code).toBe('portalInvitationNoEmail');
  });

  it('refuses to accept without the CSRF header, like every other write', async () => {
    const { token } = await inviteContact(portal, { email: aContactEmail() });
    const agent = request.agent(t.http);
    await agent.get(routes.invitation(token)).expect(200);
    const res = await agent.post(routes.accept(token)).send({ password: STRONG_PASSWORD }).expect(403);
    expect(res.body.code).toBe('csrf');
    await request(t.http).get(routes.invitation(token)).expect(200);
  }, 30_000);

  it('answers in the language the browser asks for', async () => {
    const res = await request(t.http).get(routes.invitation(aToken())).set('Accept-Language', 'de-DE,de;q=0.9').expect(404);
    expect(res.body.message).toMatch(/^Dieser Einladungslink ist ungültig/);
  });

  it('signs in with the session cookie on the next visit (the cookie is all the browser keeps)', async () => {
    const { token } = await inviteContact(portal);
    const accepted = await (await Client.create(t.http)).post(routes.accept(token), { password: STRONG_PASSWORD }).expect(200);
    const res = await request(t.http).get(routes.session).set('Cookie', portalCookieOf(accepted)).expect(200);
    expect(res.body.contact.id).toBe(accepted.body.contact.id);
  }, 30_000);
});
