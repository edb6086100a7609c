import { TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

describe('portal settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets an admin rename the portal of one environment only, and records who did it', async () => {
    const owner = await signUpOrganization(t.http, { organizationName: 'Settings Pest Control' });
    const admin = await addMember(t.http, owner, 'admin');
    const res = await admin.client.patch(`/api/environments/${owner.sandboxId}/portal-settings`, { portalName: '  Sandbox Bugs Away  ' }).expect(200);
    expect(res.body.portalName).toBe('Sandbox Bugs Away');
    const production = await owner.client.get(`/api/environments/${owner.productionId}/portal-settings`).expect(200);
    expect(production.body.portalName).toBe('Settings Pest Control');
    const audit = await owner.client.get(`/api/environments/${owner.sandboxId}/audit-events?limit=1`).expect(200);
    expect(audit.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(audit.body.items[0]).toMatchObject({
      action: 'portal_settings.updated',
      actorName: 'A admin',
      details: { portalName: { from: 'Settings Pest Control', to: 'Sandbox Bugs Away' } },
    });
  });

  it('refuses an empty or over-long portal name and keeps the old one', async () => {
    const owner = await signUpOrganization(t.http, { organizationName: 'Keep My Name' });
    await owner.client.patch(`/api/environments/${owner.productionId}/portal-settings`, { portalName: '   ' }).expect(400);
    const long = await owner.client.patch(`/api/environments/${owner.productionId}/portal-settings`, { portalName: 'x'.repeat(121) }).expect(400);
    expect(long.body.details[0]).toMatchObject({ field: 'portalName', code: 'maxLength', message: 'Portal name must be at most 120 characters.' });
    const settings = await owner.client.get(`/api/environments/${owner.productionId}/portal-settings`).expect(200);
    expect(settings.body.portalName).toBe('Keep My Name');
  });

  it('refuses bad paging values', async () => {
    const owner = await signUpOrganization(t.http);
    const res = await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=0&offset=-1`).expect(400);
    expect(res.body.details.map((detail: { field: string }) => detail.field)).toEqual(['limit', 'offset']);
  });
});
