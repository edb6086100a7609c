import request from 'supertest';
import { Client, TestApp, aSignUp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('organization sign-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function countsFor(email: string, organizationName: string) {
    const { rows } = await t.owner.query(
      `SELECT (SELECT count(*)::int FROM admin_user WHERE lower(email) = lower($1)) AS users,
              (SELECT count(*)::int FROM organization WHERE name = $2) AS organizations`,
      [email, organizationName],
    );
    return rows[0];
  }

  it('creates the organization, production and sandbox environments with portal slugs, and the owner, signed in', async () => {
    const { client, session, organizationId } = await signUpOrganization(t.http, { organizationName: 'Northwind Heating & Air Co' });
    const organization = session.organizations[0]!;
    expect(organization).toMatchObject({ id: organizationId, name: 'Northwind Heating & Air Co', role: 'owner' });
    expect(organization.environments.map((environment) => environment.kind)).toEqual(['production', 'sandbox']);
    const [production, sandbox] = organization.environments;
    expect(production!.slug).toMatch(/^northwind-heating-air-co(-[0-9a-f]{6})?$/);
    expect(sandbox!.slug).toMatch(/^northwind-heating-air-co-sandbox(-[0-9a-f]{6})?$/);
    expect(production!.portalUrl).toBe(`http://fieldbook.test/p/${production!.slug}`);
    await client.get('/api/auth/session').expect(200);
    const settings = await client.get(`/api/environments/${sandbox!.id}/portal-settings`).expect(200);
    expect(settings.body.portalName).toBe('Northwind Heating & Air Co');
    const audit = await client.get(`/api/environments/${production!.id}/audit-events`).expect(200);
    expect(audit.body.items.map((event: { action: string }) => event.action)).toEqual(['environment.created']);
  });

  it('gives a second organization of the same name its own unique slugs', async () => {
    const first = await signUpOrganization(t.http, { organizationName: 'Same Name Plumbing' });
    const second = await signUpOrganization(t.http, { organizationName: 'Same Name Plumbing' });
    const slugs = [...first.session.organizations[0]!.environments, ...second.session.organizations[0]!.environments].map((environment) => environment.slug);
    expect(new Set(slugs).size).toBe(4);
  });

  it('refuses an email that already has an account (any case) with 409, and creates nothing', async () => {
    const { email } = await signUpOrganization(t.http);
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up', aSignUp({ email: email.toUpperCase(), organizationName: 'Duplicate Attempt Ltd' })).expect(409);
    expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'emailTaken', message: 'An account with this email already exists. Sign in instead.' });
    expect(await countsFor(email, 'Duplicate Attempt Ltd')).toEqual({ users: 1, organizations: 0 });
  });

  it.each([
    ['shorter than 12 characters', 'short-pass1', 'Use at least 12 characters.'],
    ['a common password', 'password1234', 'This password is too common. Choose one that is harder to guess.'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'This password is too common. Choose one that is harder to guess.'],
    ['a padded common word', 'Welcome!!2026', 'This password is too common. Choose one that is harder to guess.'],
  ])('refuses a password that is %s, with the reason on the field, and creates nothing', async (_case, password, message) => {
    const client = await Client.create(t.http);
    const body = aSignUp({ password });
    const res = await client.post('/api/auth/sign-up', body).expect(400);
    expect(res.body.details).toEqual([{ field: 'password', code: expect.any(String), message }]);
    expect(await countsFor(body.email, body.organizationName)).toEqual({ users: 0, organizations: 0 });
  });

  it('reports every invalid field at once, in the requested language', async () => {
    const client = await Client.create(t.http, { 'Accept-Language': 'fr-CA,fr;q=0.9' });
    const res = await client.post('/api/auth/sign-up', { organizationName: '', name: 42, email: 'not-an-email', password: 'correct-staple-horse-7391' }).expect(400);
    expect(res.body.message).toBe('Certains champs ne sont pas valides. Vérifiez-les et réessayez.');
    expect(res.body.details).toEqual([
      { field: 'organizationName', code: 'isNotEmpty', message: 'Nom de l’organisation est obligatoire.' },
      { field: 'name', code: 'isString', message: 'Nom doit être du texte.' },
      { field: 'email', code: 'isEmail', message: 'Adresse e-mail doit être une adresse e-mail valide.' },
    ]);
  });

  it('refuses unknown fields by name', async () => {
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up', { ...aSignUp(), isAdmin: true }).expect(400);
    expect(res.body.details).toEqual([{ field: 'isAdmin', code: 'unknownField', message: 'isAdmin is not an accepted field.' }]);
  });

  it('refuses over-long strings with the limit in the message', async () => {
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up', aSignUp({ organizationName: 'x'.repeat(201) })).expect(400);
    expect(res.body.details).toEqual([{ field: 'organizationName', code: 'maxLength', message: 'Organization name must be at most 200 characters.' }]);
  });

  it('refuses an unsupported or right-to-left language preference', async () => {
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up', aSignUp({ language: 'ar' })).expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'language', code: 'isIn' });
  });

  it('answers malformed JSON with a clear 400', async () => {
    const client = await Client.create(t.http);
    const res = await client.agent
      .post('/api/auth/sign-up')
      .set('X-XSRF-TOKEN', client.csrfToken)
      .set('Content-Type', 'application/json')
      .send('{"organizationName": "Broken",')
      .expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'malformedJson', message: 'The request body is not valid JSON.' });
  });

  it('answers a body over 1 MB with 413', async () => {
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up', { ...aSignUp(), name: 'x'.repeat(1_100_000) }).expect(413);
    expect(res.body.code).toBe('payloadTooLarge');
  });

  it('answers a missing body like an empty form: every required field named', async () => {
    const client = await Client.create(t.http);
    const res = await client.post('/api/auth/sign-up').expect(400);
    expect(res.body.details.map((detail: { field: string }) => detail.field)).toEqual(['organizationName', 'name', 'email', 'password']);
  });

  it('never sends a stack trace', async () => {
    const res = await request(t.http).get('/api/organizations/../../etc/passwd');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
