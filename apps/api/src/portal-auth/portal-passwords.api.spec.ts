import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import request from 'supertest';
import { eventually } from '../../test/notification-fixtures';
import { NEW_PASSWORD, Portal, linkInMailbox, mailCount, openPortal, portalCookieOf, portalRoutes, signedInContact } from '../../test/portal-fixtures';
import { Client, STRONG_PASSWORD, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('portal passwords: forgotten, reset and changed', () => {
  let t: TestApp;
  let portal: Portal;
  let routes: ReturnType<typeof portalRoutes>;

  /** Asks for a reset link as an anonymous browser would, and returns the token from the email. */
  const resetLink = async (email: string, seen: string[] = []): Promise<string> => {
    await (await Client.create(t.http)).post(routes.forgotPassword, { email }).expect(202);
    return linkInMailbox(portal, email, 'reset-password', seen);
  };

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLES: 'api,worker', CONNECTOR_PATHS: resolve('plugins') });
    portal = await openPortal(await signUpOrganization(t.http, { organizationName: 'Harbor Electric' }));
    routes = portalRoutes(portal.slug);
  });
  afterAll(() => t.close());
  beforeEach(() => t.owner.query(`DELETE FROM sign_in_attempt WHERE key LIKE 'portal%:ip:%'`));

  describe('forgotten password', () => {
    it('answers an unknown address exactly as a known one, and sends nothing to it', async () => {
      const { email } = await signedInContact(t.http, portal);
      const client = await Client.create(t.http);
      const stranger = `stranger-${randomUUID().slice(0, 8)}@harbor.test`;
      const known = await client.post(routes.forgotPassword, { email }).expect(202);
      const unknown = await client.post(routes.forgotPassword, { email: stranger }).expect(202);
      expect(unknown.body).toEqual(known.body);
      expect(unknown.text).toBe(known.text);
      await linkInMailbox(portal, email, 'reset-password');
      expect(await mailCount(portal, stranger)).toBe(0);
      const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM notification WHERE environment_id = $1 AND recipient = $2`, [portal.environmentId, stranger]);
      expect(rows[0].n).toBe(0);
    }, 30_000);

    it('emails a reset link valid for 60 minutes, through the notification log, whatever the message settings say', async () => {
      const { contactId, email } = await signedInContact(t.http, portal);
      await portal.owner.client.patch(`/api/environments/${portal.environmentId}/message-settings`, { channel: 'sms' }).expect(200);
      try {
        const token = await resetLink(email);
        // The mailbox has the message; the worker records it as sent right after.
        const rows = await eventually(async () => {
          const result = await t.owner.query(
            `SELECT r.expires_at - r.created_at AS lifetime, r.token_hash, n.type, n.channel, n.state
               FROM portal_password_reset r JOIN notification n ON n.contact_id = r.contact_id AND n.type = 'password_reset'
              WHERE r.environment_id = $1 AND r.contact_id = $2`,
            [portal.environmentId, contactId],
          );
          return result.rows.every((row) => row.state === 'sent') && result.rows;
        }, 'the reset notification, sent');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ lifetime: { hours: 1 }, type: 'password_reset', channel: 'email', state: 'sent' });
        expect(Buffer.compare(rows[0].token_hash, createHash('sha256').update(token).digest())).toBe(0);
      } finally {
        await portal.owner.client.patch(`/api/environments/${portal.environmentId}/message-settings`, { channel: 'email' }).expect(200);
      }
    }, 30_000);

    it('sends at most five links to one address in 15 minutes, answering the same after that', async () => {
      const { email } = await signedInContact(t.http, portal);
      const client = await Client.create(t.http);
      for (let request = 0; request < 7; request += 1) await client.post(routes.forgotPassword, { email }).expect(202);
      const { rows } = await t.owner.query(
        `SELECT count(*)::int AS n FROM portal_password_reset r JOIN contact c ON c.id = r.contact_id AND c.environment_id = r.environment_id WHERE c.email = $1`,
        [email],
      );
      expect(rows[0].n).toBe(5);
    }, 30_000);

    it('refuses a client that asks for too many links with 429', async () => {
      const client = await Client.create(t.http);
      for (let attempt = 0; attempt < 20; attempt += 1) await client.post(routes.forgotPassword, { email: `spray-${attempt}-${randomUUID()}@harbor.test` }).expect(202);
      const res = await client.post(routes.forgotPassword, { email: `fresh-${randomUUID()}@harbor.test` }).expect(429);
      expect(res.body).toMatchObject({ code: 'tooManyPasswordResetRequests', message: 'Too many password reset requests. Try again in 15 minutes.' });
    });

    it('refuses a request without a valid email address', async () => {
      const res = await (await Client.create(t.http)).post(routes.forgotPassword, { email: 'nope' }).expect(400);
      expect(res.body.details).toMatchObject([{ field: 'email', code: 'isEmail' }]);
    });
  });

  describe('resetting with the link', () => {
    it('sets the new password, signs in, ends every other session of the contact and makes the old password fail', async () => {
      const { client: elsewhere, email } = await signedInContact(t.http, portal);
      const token = await resetLink(email);
      const browser = await Client.create(t.http);
      const weak = await browser.post(routes.resetPassword, { token, password: 'password1234' }).expect(400);
      expect(weak.body.details).toMatchObject([{ field: 'password', code: 'passwordTooCommon' }]);
      const reset = await browser.post(routes.resetPassword, { token, password: NEW_PASSWORD }).expect(200);
      expect(reset.body.contact.email).toBe(email);
      await browser.get(routes.session).expect(200);
      await elsewhere.get(routes.session).expect(401);
      const signIn = await Client.create(t.http);
      await signIn.post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(401);
      await signIn.post(routes.signIn, { email, password: NEW_PASSWORD }).expect(200);
    }, 30_000);

    it('resets from a browser signed in as the same contact: that browser gets a fresh session, its old one ends', async () => {
      const { client, cookie, email } = await signedInContact(t.http, portal);
      const token = await resetLink(email);
      const reset = await client.post(routes.resetPassword, { token, password: NEW_PASSWORD }).expect(200);
      expect(portalCookieOf(reset)).not.toBe(cookie);
      await client.get(routes.session).expect(200);
      await request(t.http).get(routes.session).set('Cookie', cookie).expect(401);
    }, 30_000);

    it('works once: the used link answers 409', async () => {
      const { email } = await signedInContact(t.http, portal);
      const token = await resetLink(email);
      await (await Client.create(t.http)).post(routes.resetPassword, { token, password: NEW_PASSWORD }).expect(200);
      const again = await (await Client.create(t.http)).post(routes.resetPassword, { token, password: 'yet-another-passphrase-4411' }).expect(409);
      expect(again.body).toMatchObject({ code: 'passwordResetUsed' });
    }, 30_000);

    it('stops every other open link of the contact once one was used', async () => {
      const { email } = await signedInContact(t.http, portal);
      const first = await resetLink(email);
      const second = await resetLink(email, [first]);
      await (await Client.create(t.http)).post(routes.resetPassword, { token: second, password: NEW_PASSWORD }).expect(200);
      await (await Client.create(t.http)).post(routes.resetPassword, { token: first, password: 'yet-another-passphrase-4411' }).expect(409);
    }, 30_000);

    it('answers 410 once the hour is over, saying how long links last', async () => {
      const { contactId, email } = await signedInContact(t.http, portal);
      const token = await resetLink(email);
      await t.owner.query(
        `UPDATE portal_password_reset SET created_at = created_at - interval '2 hours', expires_at = expires_at - interval '2 hours' WHERE contact_id = $1`,
        [contactId],
      );
      const res = await (await Client.create(t.http)).post(routes.resetPassword, { token, password: NEW_PASSWORD }).expect(410);
      expect(res.body).toMatchObject({ code: 'passwordResetExpired', message: 'This password reset link has expired (links work for 60 minutes). Ask for a new one.' });
    }, 30_000);

    it('answers 404 to an unknown or malformed token', async () => {
      const client = await Client.create(t.http);
      const unknown = await client.post(routes.resetPassword, { token: randomBytes(32).toString('base64url'), password: NEW_PASSWORD }).expect(404);
      expect(unknown.body.code).toBe('passwordResetInvalid');
      await client.post(routes.resetPassword, { token: 'short', password: NEW_PASSWORD }).expect(404);
      const missing = await client.post(routes.resetPassword, { password: NEW_PASSWORD }).expect(400);
      expect(missing.body.details).toMatchObject([{ field: 'token', code: 'isNotEmpty', message: 'Link is required.' }]);
    });

    it('lifts a sign-in lockout: the reset proves the contact holds the address', async () => {
      const { email } = await signedInContact(t.http, portal);
      const client = await Client.create(t.http);
      for (let attempt = 0; attempt < 5; attempt += 1) await client.post(routes.signIn, { email, password: 'wrong-password-guess' }).expect(401);
      await client.post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(429);
      const token = await resetLink(email);
      await (await Client.create(t.http)).post(routes.resetPassword, { token, password: NEW_PASSWORD }).expect(200);
      await client.post(routes.signIn, { email, password: NEW_PASSWORD }).expect(200);
    }, 30_000);

    it('writes the reset email in the contact’s language, with the link and how long it works', async () => {
      const { contactId, email } = await signedInContact(t.http, portal);
      await portal.owner.client.patch(`/api/environments/${portal.environmentId}/contacts/${contactId}`, { language: 'de' }).expect(200);
      const token = await resetLink(email);
      const base = `/api/environments/${portal.environmentId}/mailbox`;
      const message = await eventually(async () => {
        const list = await portal.owner.client.get(`${base}?limit=100`).expect(200);
        const items = (list.body.items as { id: string; to: string }[]).filter((item) => item.to === email);
        for (const item of items) {
          const full = await portal.owner.client.get(`${base}/${item.id}`).expect(200);
          if (String(full.body.text).includes(token)) return full.body as { subject: string; text: string };
        }
        return undefined;
      }, 'the reset email');
      expect(message.text).toContain(`http://fieldbook.test/p/${portal.slug}/reset-password/${token}`);
      expect(message.text).toContain('60');
      expect(message.subject).toMatch(/Passwort/);
    }, 30_000);
  });

  describe('changing the password while signed in', () => {
    it('changes it after checking the current one; other sessions end, this one stays', async () => {
      const { client, email } = await signedInContact(t.http, portal);
      const other = await Client.create(t.http);
      await other.post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(200);
      await client.post(routes.changePassword, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
      await client.get(routes.session).expect(200);
      await other.get(routes.session).expect(401);
      const signIn = await Client.create(t.http);
      await signIn.post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(401);
      await signIn.post(routes.signIn, { email, password: NEW_PASSWORD }).expect(200);
    }, 30_000);

    it('refuses a wrong current password with a field message, and counts it towards the lockout', async () => {
      const { client, email } = await signedInContact(t.http, portal);
      const res = await client.post(routes.changePassword, { currentPassword: 'not-my-password-at-all', newPassword: NEW_PASSWORD }).expect(400);
      expect(res.body.details).toEqual([{ field: 'currentPassword', code: 'currentPasswordIncorrect', message: 'The current password is not correct.' }]);
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await client.post(routes.changePassword, { currentPassword: 'not-my-password-at-all', newPassword: NEW_PASSWORD }).expect(400);
      }
      const locked = await client.post(routes.changePassword, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }).expect(429);
      expect(locked.body.code).toBe('tooManySignInAttempts');
      await t.owner.query(`DELETE FROM sign_in_attempt WHERE key = $1`, [`portal:${portal.environmentId}:email:${email}`]);
      await (await Client.create(t.http)).post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(200);
    }, 30_000);

    it('refuses a weak new password, and keeps the old one', async () => {
      const { client, email } = await signedInContact(t.http, portal);
      const res = await client.post(routes.changePassword, { currentPassword: STRONG_PASSWORD, newPassword: 'short' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'newPassword', code: 'passwordTooShort', message: 'Use at least 12 characters.' }]);
      await (await Client.create(t.http)).post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(200);
    }, 30_000);

    it('needs a signed-in contact', async () => {
      const res = await (await Client.create(t.http)).post(routes.changePassword, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
      expect(res.body.code).toBe('unauthenticated');
      await request(t.http).post(routes.changePassword).send({}).expect(403);
    });
  });
});
