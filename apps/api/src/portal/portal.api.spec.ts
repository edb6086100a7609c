import request from 'supertest';
import { TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('portal lookup by slug', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("tells anyone a portal's name, and whether it is a sandbox", async () => {
    const { session, client, productionId } = await signUpOrganization(t.http, { organizationName: 'Portal Lookup Electric' });
    const [production, sandbox] = session.organizations[0]!.environments;
    await request(t.http).get(`/api/portal/${production!.slug}`).expect(200, { slug: production!.slug, portalName: 'Portal Lookup Electric', sandbox: false });
    await request(t.http).get(`/api/portal/${sandbox!.slug}`).expect(200, { slug: sandbox!.slug, portalName: 'Portal Lookup Electric', sandbox: true });

    await client.patch(`/api/environments/${productionId}/portal-settings`, { portalName: 'Lookup Electric Service' }).expect(200);
    const renamed = await request(t.http).get(`/api/portal/${production!.slug}`).expect(200);
    expect(renamed.body.portalName).toBe('Lookup Electric Service');
  });

  it('answers an unknown or malformed slug with a friendly 404 in the visitor’s language', async () => {
    const res = await request(t.http).get('/api/portal/no-such-portal').set('Accept-Language', 'es').expect(404);
    expect(res.body.message).toBe('No hay ningún portal en esta dirección.');
    await request(t.http).get('/api/portal/Bad_Slug!').expect(404);
  });
});
