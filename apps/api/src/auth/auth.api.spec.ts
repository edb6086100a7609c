import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, STRONG_PASSWORD, TestApp, aSignUp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('admin sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  // Every request here comes from 127.0.0.1; start each test with that address's counter at zero.
  beforeEach(() => t.owner.query(`DELETE FROM sign_in_attempt WHERE key LIKE 'admin:ip:%'`));

  it('signs in with the right password and returns the admin with their organizations', async () => {
    const { email } = await signUpOrganization(t.http, { organizationName: 'Sign In Heating' });
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-in', { email: email.toUpperCase(), password: STRONG_PASSWORD }).expect(200);
    expect(res.body.user.email).toBe(email);
    expect(res.body.organizations.map((organization: { name: string }) => organization.name)).toEqual(['Sign In Heating']);
    await client.get('/api/auth/session').expect(200);
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up', aSignUp()).expect(201);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('fieldbook_admin='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('marks the session cookie Secure when the request arrived over TLS through a trusted proxy', async () => {
    const behindProxy = await startTestApp({ TRUST_PROXY: '1' });
    try {
      const csrf = await request(behindProxy.http).get('/api/auth/csrf').set('X-Forwarded-Proto', 'https');
      const csrfCookie = (csrf.headers['set-cookie'] as unknown as string[])[0]!;
      expect(csrfCookie).toMatch(/Secure/);
      const res = await request(behindProxy.http)
        .post('/api/auth/sign-up')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', csrfCookie.split(';')[0]!)
        .set('X-XSRF-TOKEN', csrf.body.token)
        .send(aSignUp())
        .expect(201);
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('fieldbook_admin='));
      expect(cookie).toMatch(/Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await signUpOrganization(t.http);
    const client = await Client.create(t.http);
    const wrongPassword = await client.post('/api/auth/sign-in', { email, password: 'not-the-password-at-all' }).expect(401);
    const unknownEmail = await client.post('/api/auth/sign-in', { email: `nobody-${randomUUID()}@example.test`, password: 'not-the-password-at-all' }).expect(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect.', code: 'invalidCredentials' });
  });

  it('locks an email for a while after five failed attempts, even with the right password, and says so', async () => {
    const { email } = await signUpOrganization(t.http);
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await client.post('/api/auth/sign-in', { email, password: 'wrong-password-guess' }).expect(401);
    }
    const locked = await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD }).expect(429);
    expect(locked.body.code).toBe('tooManySignInAttempts');
    expect(locked.body.message).toMatch(/Try again in 15 minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('locks unknown emails the same way (no account enumeration through the lockout)', async () => {
    const client = await Client.create(t.http);
    const email = `ghost-${randomUUID()}@example.test`;
    for (let attempt = 0; attempt < 5; attempt += 1) await client.post('/api/auth/sign-in', { email, password: 'wrong-password-guess' }).expect(401);
    await client.post('/api/auth/sign-in', { email, password: 'wrong-password-guess' }).expect(429);
  });

  it('keeps the lockout in PostgreSQL, so another API instance enforces it too', async () => {
    const { email } = await signUpOrganization(t.http);
    const first = await Client.create(t.http);
    for (let attempt = 0; attempt < 5; attempt += 1) await first.post('/api/auth/sign-in', { email, password: 'wrong-password-guess' }).expect(401);
    const other = await startTestApp();
    try {
      const client = await Client.create(other.http);
      await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD }).expect(429);
    } finally {
      await other.close();
    }
  });

  it('limits failed sign-ins per client address across many emails', async () => {
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await client.post('/api/auth/sign-in', { email: `spray-${attempt}-${randomUUID()}@example.test`, password: 'wrong-password-guess' }).expect(401);
    }
    const res = await client.post('/api/auth/sign-in', { email: `fresh-${randomUUID()}@example.test`, password: 'wrong-password-guess' }).expect(429);
    expect(res.body.code).toBe('tooManySignInAttempts');
  });

  it('lets the lock expire', async () => {
    const { email } = await signUpOrganization(t.http);
    const client = await Client.create(t.http);
    for (let attempt = 0; attempt < 5; attempt += 1) await client.post('/api/auth/sign-in', { email, password: 'wrong-password-guess' }).expect(401);
    await t.owner.query(`UPDATE sign_in_attempt SET locked_until = now() - interval '1 second' WHERE key = $1`, [`admin:email:${email}`]);
    await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD }).expect(200);
  });

  it('serves a session from another API instance (sessions live in PostgreSQL)', async () => {
    const { client } = await signUpOrganization(t.http);
    const other = await startTestApp();
    try {
      const cookie = (await client.agent.get('/api/auth/session')).request.cookies;
      const res = await request(other.http).get('/api/auth/session').set('Cookie', cookie).expect(200);
      expect(res.body.user.name).toBe('Robin Park');
    } finally {
      await other.close();
    }
  });

  it('signs out: the session no longer works', async () => {
    const { client } = await signUpOrganization(t.http);
    await client.post('/api/auth/sign-out').expect(204);
    const res = await client.get('/api/auth/session').expect(401);
    expect(res.body.message).toBe('You are not signed in, or your session has expired. Please sign in.');
  });

  it('refuses an expired session with 401', async () => {
    const { client, session } = await signUpOrganization(t.http);
    await t.owner.query(`UPDATE http_session SET expires_at = now() - interval '1 minute' WHERE data->'passport'->>'user' = $1`, [session.user.id]);
    await client.get('/api/auth/session').expect(401);
  });

  it('answers 401, not a crash, to a request with a forged session cookie', async () => {
    await request(t.http).get('/api/organizations').set('Cookie', 'fieldbook_admin=s%3Aforged.signature').expect(401);
  });

  it('hashes passwords with argon2id, at least 19 MiB and 2 iterations', async () => {
    const { email } = await signUpOrganization(t.http);
    const { rows } = await t.owner.query(`SELECT password_hash FROM admin_user WHERE email = $1`, [email]);
    const hash: string = rows[0].password_hash;
    const match = /^\$argon2id\$v=19\$([^$]+)\$/.exec(hash);
    const params = Object.fromEntries(match![1].split(",").map((pair) => pair.split("=")));
    expect(match).not.toBeNull();
    expect(Number(params["m"])).toBeGreaterThanOrEqual(19456);
    expect(Number(params["t"])).toBeGreaterThanOrEqual(2);
  });

  it("stores the admin's preferred language and answers errors in it", async () => {
    const { client } = await signUpOrganization(t.http);
    await client.patch('/api/auth/me', { language: 'de' }).expect(200);
    const res = await client.get('/api/environments/00000000-0000-4000-8000-000000000000/portal-settings').expect(404);
    expect(res.body.message).toBe('Umgebung nicht gefunden.');
  });
});

describe('CSRF protection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a write without the CSRF header', async () => {
    const agent = request.agent(t.http);
    await agent.get('/api/auth/csrf').expect(200);
    const res = await agent.post('/api/auth/sign-up').send(aSignUp()).expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      code: 'csrf',
      message: 'This request could not be verified (missing or invalid security token). Reload the page and try again.',
    });
  });

  it('refuses a header that does not match the cookie', async () => {
    const agent = request.agent(t.http);
    await agent.get('/api/auth/csrf').expect(200);
    const other = await request(t.http).get('/api/auth/csrf');
    await agent.post('/api/auth/sign-up').set('X-XSRF-TOKEN', other.body.token).send(aSignUp()).expect(403);
  });

  it('refuses a self-made token that the server did not sign', async () => {
    await request(t.http).post('/api/auth/sign-in').set('Cookie', 'XSRF-TOKEN=abc.def').set('X-XSRF-TOKEN', 'abc.def').send({ email: 'a@b.test', password: 'x' }).expect(403);
  });

  it('refuses a signed-in write without the header, and changes nothing', async () => {
    const { client, productionId } = await signUpOrganization(t.http, { organizationName: 'Csrf Target' });
    await client.agent.patch(`/api/environments/${productionId}/portal-settings`).send({ portalName: 'Changed' }).expect(403);
    const settings = await client.get(`/api/environments/${productionId}/portal-settings`).expect(200);
    expect(settings.body.portalName).toBe('Csrf Target');
  });

  it('lets reads through without a token', async () => {
    await request(t.http).get('/api/health').expect(200);
  });
});
