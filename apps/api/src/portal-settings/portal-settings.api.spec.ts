import request from 'supertest';
import { openPortal, signedInContact } from '../../test/portal-fixtures';
import { nyDate, seedScheduling } from '../../test/scheduling-fixtures';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

const DEFAULT_RULES = {
  minLeadDays: 1,
  maxLeadDays: 60,
  assetSelection: true,
  additionalDetails: true,
  travelRadiusKm: 0,
  travelBufferMinutes: 30,
  slotGranularityMinutes: 30,
  rescheduleCutOffHours: 24,
  cancelCutOffHours: 24,
};

interface Issue {
  field: string;
  code: string;
  message: string;
}

describe('portal settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The worker delivers the invitation a contact signs in with.
    t = await startTestApp({ APP_ROLES: 'api,worker' });
  });
  afterAll(() => t.close());

  const settingsOf = (owner: SignedUp, environmentId = owner.productionId) => `/api/environments/${environmentId}/portal-settings`;

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

  describe('booking rules', () => {
    it('shows the defaults of a new environment to every member, dispatchers included', async () => {
      const owner = await signUpOrganization(t.http, { organizationName: 'Default Rules Co' });
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      const res = await dispatcher.client.get(settingsOf(owner)).expect(200);
      expect(res.body).toEqual({ environmentId: owner.productionId, portalName: 'Default Rules Co', ...DEFAULT_RULES, updatedAt: expect.any(String) });
    });

    it.each([
      ['minLeadDays', 0],
      ['minLeadDays', 59],
      ['maxLeadDays', 365],
      ['maxLeadDays', 2],
      ['assetSelection', false],
      ['additionalDetails', false],
      ['travelRadiusKm', 20000],
      ['travelRadiusKm', 75],
      ['travelBufferMinutes', 0],
      ['travelBufferMinutes', 480],
      ['slotGranularityMinutes', 5],
      ['slotGranularityMinutes', 120],
      ['rescheduleCutOffHours', 0],
      ['rescheduleCutOffHours', 720],
      ['cancelCutOffHours', 0],
      ['cancelCutOffHours', 720],
    ] as const)('changes %s to %p alone, keeping everything else', async (field, value) => {
      const owner = await signUpOrganization(t.http);
      const res = await owner.client.patch(settingsOf(owner), { [field]: value }).expect(200);
      const expected = { ...DEFAULT_RULES, [field]: value };
      expect(res.body).toMatchObject(expected);
      expect((await owner.client.get(settingsOf(owner)).expect(200)).body).toMatchObject(expected);
    });

    it('changes several rules at once and records each change from and to, once', async () => {
      const owner = await signUpOrganization(t.http, { organizationName: 'Audited Rules' });
      const admin = await addMember(t.http, owner, 'admin');
      const change = { minLeadDays: 2, maxLeadDays: 90, assetSelection: false, slotGranularityMinutes: 15, cancelCutOffHours: 24, portalName: 'Audited Rules' };
      const res = await admin.client.patch(settingsOf(owner), change).expect(200);
      expect(res.body).toMatchObject({ ...DEFAULT_RULES, ...change });
      const audit = await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=1`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'portal_settings.updated', actorName: 'A admin' });
      // Unchanged values (cancelCutOffHours, portalName) are not recorded.
      expect(audit.body.items[0].details).toEqual({
        minLeadDays: { from: 1, to: 2 },
        maxLeadDays: { from: 60, to: 90 },
        assetSelection: { from: true, to: false },
        slotGranularityMinutes: { from: 30, to: 15 },
      });
      const total = audit.body.total;
      await admin.client.patch(settingsOf(owner), { maxLeadDays: 90 }).expect(200);
      expect((await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=1`).expect(200)).body.total).toBe(total);
    });

    it.each([
      [{ minLeadDays: -1 }, 'minLeadDays', 'min', 'Minimum lead (days) must be at least 0.'],
      [{ minLeadDays: 366 }, 'minLeadDays', 'max', 'Minimum lead (days) must be at most 365.'],
      [{ maxLeadDays: 0 }, 'maxLeadDays', 'min', 'Maximum lead (days) must be at least 1.'],
      [{ maxLeadDays: 366 }, 'maxLeadDays', 'max', 'Maximum lead (days) must be at most 365.'],
      [{ travelRadiusKm: -5 }, 'travelRadiusKm', 'min', 'Travel radius (km) must be at least 0.'],
      [{ travelRadiusKm: 20001 }, 'travelRadiusKm', 'max', 'Travel radius (km) must be at most 20000.'],
      [{ travelBufferMinutes: -1 }, 'travelBufferMinutes', 'min', 'Travel buffer (minutes) must be at least 0.'],
      [{ travelBufferMinutes: 481 }, 'travelBufferMinutes', 'max', 'Travel buffer (minutes) must be at most 480.'],
      [{ slotGranularityMinutes: 7 }, 'slotGranularityMinutes', 'isIn', 'Time grid (minutes) must be one of: 5, 10, 15, 20, 30, 60, 120.'],
      [{ slotGranularityMinutes: 0 }, 'slotGranularityMinutes', 'isIn', 'Time grid (minutes) must be one of: 5, 10, 15, 20, 30, 60, 120.'],
      [{ rescheduleCutOffHours: -1 }, 'rescheduleCutOffHours', 'min', 'Reschedule cut-off (hours) must be at least 0.'],
      [{ rescheduleCutOffHours: 721 }, 'rescheduleCutOffHours', 'max', 'Reschedule cut-off (hours) must be at most 720.'],
      [{ cancelCutOffHours: -1 }, 'cancelCutOffHours', 'min', 'Cancel cut-off (hours) must be at least 0.'],
      [{ cancelCutOffHours: 721 }, 'cancelCutOffHours', 'max', 'Cancel cut-off (hours) must be at most 720.'],
      [{ minLeadDays: 1.5 }, 'minLeadDays', 'isInt', 'Minimum lead (days) must be a whole number.'],
      [{ maxLeadDays: '30' }, 'maxLeadDays', 'isInt', 'Maximum lead (days) must be a whole number.'],
      [{ travelBufferMinutes: null }, 'travelBufferMinutes', 'isInt', 'Travel buffer (minutes) must be a whole number.'],
      [{ slotGranularityMinutes: '15' }, 'slotGranularityMinutes', 'isIn', 'Time grid (minutes) must be one of: 5, 10, 15, 20, 30, 60, 120.'],
      [{ assetSelection: 'no' }, 'assetSelection', 'isBoolean', 'Asset selection must be true or false.'],
      [{ additionalDetails: 0 }, 'additionalDetails', 'isBoolean', 'Additional details must be true or false.'],
      [{ additionalDetails: null }, 'additionalDetails', 'isBoolean', 'Additional details must be true or false.'],
      [{ bookingHorizon: 30 }, 'bookingHorizon', 'unknownField', 'bookingHorizon is not an accepted field.'],
    ])('refuses %j with a message on the field, and changes nothing', async (change, field, code, message) => {
      const owner = await signUpOrganization(t.http);
      const res = await owner.client.patch(settingsOf(owner), { travelRadiusKm: 40, ...change }).expect(400);
      expect(res.body).toMatchObject({ code: 'validation', message: 'Some fields are not valid. Check them and try again.' });
      expect(res.body.details).toEqual([{ field, code, message }]);
      expect((await owner.client.get(settingsOf(owner)).expect(200)).body).toMatchObject(DEFAULT_RULES);
    });

    it('reports every bad field of one request', async () => {
      const owner = await signUpOrganization(t.http);
      const res = await owner.client.patch(settingsOf(owner), { minLeadDays: -1, slotGranularityMinutes: 7, cancelCutOffHours: 'soon' }).expect(400);
      expect((res.body.details as Issue[]).map((issue) => issue.field)).toEqual(['minLeadDays', 'slotGranularityMinutes', 'cancelCutOffHours']);
    });

    it('refuses a minimum lead that is not below the maximum, sent together', async () => {
      const owner = await signUpOrganization(t.http);
      for (const [minLeadDays, maxLeadDays] of [
        [10, 10],
        [30, 20],
      ]) {
        const res = await owner.client.patch(settingsOf(owner), { minLeadDays, maxLeadDays }).expect(400);
        expect(res.body.details).toEqual([
          {
            field: 'minLeadDays',
            code: 'leadDaysOrder',
            message: `The earliest booking day (${minLeadDays} days ahead) must come before the latest (${maxLeadDays} days ahead): make the minimum lead smaller than the maximum lead.`,
          },
        ]);
      }
      expect((await owner.client.get(settingsOf(owner)).expect(200)).body).toMatchObject({ minLeadDays: 1, maxLeadDays: 60 });
      await owner.client.patch(settingsOf(owner), { minLeadDays: 9, maxLeadDays: 10 }).expect(200);
    });

    it('compares a sent lead with the stored other one, in the caller’s language', async () => {
      const owner = await signUpOrganization(t.http);
      await owner.client.patch(settingsOf(owner), { maxLeadDays: 14 }).expect(200);
      const tooLate = await owner.client.patch(settingsOf(owner), { minLeadDays: 14, travelBufferMinutes: 15 }).expect(400);
      expect(tooLate.body.details).toMatchObject([{ field: 'minLeadDays', code: 'leadDaysOrder' }]);
      await owner.client.patch(settingsOf(owner), { minLeadDays: 7 }).expect(200);
      const tooSoon = await owner.client.patch(settingsOf(owner), { maxLeadDays: 7 }).set('Accept-Language', 'de').expect(400);
      expect(tooSoon.body.details).toEqual([
        {
          field: 'maxLeadDays',
          code: 'leadDaysOrder',
          message: 'Der früheste Buchungstag (7 Tage im Voraus) muss vor dem spätesten (7 Tage im Voraus) liegen: Die Mindestvorlaufzeit muss kleiner als die maximale Vorlaufzeit sein.',
        },
      ]);
      // Nothing of a refused request is kept, not even its valid fields.
      expect((await owner.client.get(settingsOf(owner)).expect(200)).body).toMatchObject({ minLeadDays: 7, maxLeadDays: 14, travelBufferMinutes: 30 });
    });

    it('documents every rule with its limits in the API description', async () => {
      const docs = await request(t.http).get('/api/docs-json').expect(200);
      const properties = docs.body.components.schemas.UpdatePortalSettingsDto.properties;
      expect(Object.keys(properties).sort()).toEqual(['portalName', ...Object.keys(DEFAULT_RULES)].sort());
      for (const field of Object.keys(DEFAULT_RULES)) expect(properties[field].description).toEqual(expect.any(String));
      expect(properties.minLeadDays).toMatchObject({ type: 'integer', minimum: 0, maximum: 365 });
      expect(properties.travelRadiusKm).toMatchObject({ type: 'integer', minimum: 0, maximum: 20000 });
      expect(properties.slotGranularityMinutes).toMatchObject({ enum: [5, 10, 15, 20, 30, 60, 120] });
      expect(properties.assetSelection).toMatchObject({ type: 'boolean' });
    });

    it('refuses changes by a dispatcher, as before', async () => {
      const owner = await signUpOrganization(t.http);
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      const res = await dispatcher.client.patch(settingsOf(owner), { minLeadDays: 3 }).expect(403);
      expect(res.body.code).toBe('roleForbidden');
      expect((await owner.client.get(settingsOf(owner)).expect(200)).body).toMatchObject({ minLeadDays: 1 });
    });

    it('takes effect in the portal: without asset selection, customers are told and offered no assets', async () => {
      const owner = await signUpOrganization(t.http, { organizationName: 'Rules In Effect' });
      const portal = await openPortal(owner);
      const contact = await signedInContact(t.http, portal);
      const options = `/api/portal/${portal.slug}/booking-options`;
      expect((await contact.client.get(options).expect(200)).body).toMatchObject({ assetSelection: true, additionalDetails: true, minLeadDays: 1, cancelCutOffHours: 24 });
      await owner.client.patch(settingsOf(owner, portal.environmentId), { assetSelection: false, additionalDetails: false, cancelCutOffHours: 48 }).expect(200);
      expect((await contact.client.get(options).expect(200)).body).toMatchObject({ assetSelection: false, additionalDetails: false, cancelCutOffHours: 48 });
    });

    it('takes effect in scheduling: a raised minimum lead no longer offers tomorrow', async () => {
      const owner = await signUpOrganization(t.http);
      const f = await seedScheduling(t.owner, owner.productionId, [{ name: 'Ana' }]);
      const slots = `/api/environments/${owner.productionId}/slots?${new URLSearchParams({
        serviceTypeId: f.serviceTypeId,
        assetId: f.assetId,
        from: nyDate(1),
        to: nyDate(2),
      }).toString()}`;
      const days = async () => [...new Set(((await owner.client.get(slots).expect(200)).body.slots as { start: string }[]).map((slot) => slot.start.slice(0, 10)))];
      expect(await days()).toEqual([nyDate(1), nyDate(2)]);
      await owner.client.patch(settingsOf(owner), { minLeadDays: 2 }).expect(200);
      expect(await days()).toEqual([nyDate(2)]);
    });
  });
});
