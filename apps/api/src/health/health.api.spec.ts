import request from 'supertest';
import { TestApp, startTestApp } from '../../test/test-app';

describe('health, readiness, API documentation and response headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness', async () => {
    await request(t.http).get('/api/health').expect(200, { status: 'ok' });
  });

  it('is ready when the database answers and every migration has run', async () => {
    await request(t.http).get('/api/ready').expect(200, { status: 'ready', database: 'up', pendingMigrations: [] });
  });

  it('is not ready when a migration is missing from the database', async () => {
    const { rows } = await t.owner.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING *`);
    try {
      const res = await request(t.http).get('/api/ready').expect(503);
      expect(res.body).toEqual({ status: 'not-ready', database: 'up', pendingMigrations: [rows[0].name] });
    } finally {
      await t.owner.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [rows[0].id, rows[0].timestamp, rows[0].name]);
    }
  });

  it('publishes an OpenAPI 3 document of the API, and its viewer', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/sign-up', '/api/environments/{environmentId}/portal-settings']));
    const signUp = res.body.components.schemas.SignUpDto;
    expect(signUp.properties.organizationName.maxLength).toBe(200);
    await request(t.http).get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('sends security headers and a request id, and echoes a well-formed incoming request id', async () => {
    const res = await request(t.http).get('/api/health').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await request(t.http).get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the error shape', async () => {
    const res = await request(t.http).get('/api/nothing-here').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'routeNotFound', message: 'There is no GET /api/nothing-here in this API.' });
  });
});
