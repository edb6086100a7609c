import { anAccount, customerRoutes } from '../../test/customer-builders';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { TenancyService } from '../tenancy/tenancy.service';
import { MessageContentService } from './message-content.service';
import { MessageSettingsService } from './message-settings.service';

/** What the message worker reads, set up through the API and read as the worker does: inside a tenant transaction. */
describe('message settings and content for the message worker', () => {
  let t: TestApp;
  let owner: SignedUp;
  let tenancy: TenancyService;
  let content: MessageContentService;
  let settings: MessageSettingsService;
  const environment = () => `/api/environments/${owner.productionId}`;
  const inTenant = <T>(work: () => Promise<T>, environmentId = owner.productionId) => tenancy.run(environmentId, work);

  beforeAll(async () => {
    t = await startTestApp();
    tenancy = t.app.get(TenancyService);
    content = t.app.get(MessageContentService);
    settings = t.app.get(MessageSettingsService);
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http, { organizationName: 'Lakeside Plumbing' });
  });
  afterAll(() => t.close());

  describe('renderingContext', () => {
    it('gives the default branding and the portal name as company name when nothing was set', async () => {
      const context = await inTenant(() => content.renderingContext('en'));
      expect(context).toEqual({
        branding: { primaryColor: '#1d4ed8', accentColor: '#0f766e', font: 'system', logoUrl: null, headerImageUrl: null },
        snippets: { company_name: 'Lakeside Plumbing' },
        overrides: {},
      });
    });

    it('resolves each snippet in the language, then in English, then to its default', async () => {
      const put = (key: string, language: string, text: string) => owner.client.put(`${environment()}/content-snippets/${key}/${language}`, { text }).expect(200);
      await put('company_name', 'de', 'Seeufer Sanitär');
      await put('page_footer', 'en', 'Licensed plumbers since 1987.');
      await put('page_footer', 'de', 'Meisterbetrieb seit 1987.');
      await put('contact_phone', 'en', '+1 312 555 0100');
      await put('warranty_note', 'fr', 'Garantie deux ans.');
      expect((await inTenant(() => content.renderingContext('de'))).snippets).toEqual({
        company_name: 'Seeufer Sanitär',
        page_footer: 'Meisterbetrieb seit 1987.',
        contact_phone: '+1 312 555 0100',
      });
      expect((await inTenant(() => content.renderingContext('fr'))).snippets).toEqual({
        company_name: 'Lakeside Plumbing',
        page_footer: 'Licensed plumbers since 1987.',
        contact_phone: '+1 312 555 0100',
        warranty_note: 'Garantie deux ans.',
      });
    });

    it('gives the overrides of the language only, and the stored branding', async () => {
      await owner.client.put(`${environment()}/message-templates/confirmed/es`, { subject: 'Cita confirmada' }).expect(200);
      await owner.client.put(`${environment()}/message-templates/reminder/es`, { intro: 'Le esperamos.' }).expect(200);
      await owner.client.put(`${environment()}/message-templates/reminder/en`, { intro: 'See you soon.' }).expect(200);
      await owner.client.patch(`${environment()}/branding`, { accentColor: '#F59E0B', logoUrl: 'https://cdn.lakeside.example/logo.png' }).expect(200);
      const context = await inTenant(() => content.renderingContext('es'));
      expect(context.overrides).toEqual({ confirmed: { subject: 'Cita confirmada', intro: null }, reminder: { subject: null, intro: 'Le esperamos.' } });
      expect(context.branding).toMatchObject({ accentColor: '#f59e0b', logoUrl: 'https://cdn.lakeside.example/logo.png' });
    });

    it('reads an unsupported language as English', async () => {
      await owner.client.put(`${environment()}/message-templates/confirmed/en`, { subject: 'Booked' }).expect(200);
      const context = await inTenant(() => content.renderingContext('ar'));
      expect(context.overrides).toEqual({ confirmed: { subject: 'Booked', intro: null } });
    });

    it("sees only the environment it runs in", async () => {
      await owner.client.put(`${environment()}/content-snippets/page_footer/en`, { text: 'Production footer' }).expect(200);
      expect((await inTenant(() => content.renderingContext('en'), owner.sandboxId)).snippets).toEqual({ company_name: 'Lakeside Plumbing' });
    });
  });

  describe('current settings', () => {
    it('are the defaults until changed, then the stored ones', async () => {
      expect(await inTenant(() => settings.current())).toMatchObject({ channel: 'email', reminderLeadDays: [1], updatedAt: null });
      await owner.client.patch(`${environment()}/message-settings`, { channel: 'both', reminderLeadDays: [3, 1], enabled: { reminder: false } }).expect(200);
      const current = await inTenant(() => settings.current());
      expect(current).toMatchObject({ channel: 'both', reminderLeadDays: [1, 3], enabled: { reminder: false, confirmed: true } });
      expect(current.updatedAt).toEqual(expect.any(String));
    });
  });

  describe('isExcluded', () => {
    let excludedAccount: string;
    let otherAccount: string;
    let excludedServiceType: string;
    let otherServiceType: string;
    beforeEach(async () => {
      const api = customerRoutes(owner.productionId);
      excludedAccount = (await owner.client.post(api.accounts, anAccount({ name: 'Quiet Tenant' })).expect(201)).body.id;
      otherAccount = (await owner.client.post(api.accounts, anAccount({ name: 'Chatty Tenant' })).expect(201)).body.id;
      const serviceType = (name: string) => owner.client.post(`${environment()}/service-types`, { name, durationMinutes: 60 }).expect(201);
      excludedServiceType = (await serviceType('Warranty visit')).body.id;
      otherServiceType = (await serviceType('Drain cleaning')).body.id;
      await owner.client.post(`${environment()}/message-exclusions`, { kind: 'account', targetId: excludedAccount }).expect(201);
      await owner.client.post(`${environment()}/message-exclusions`, { kind: 'serviceType', targetId: excludedServiceType }).expect(201);
    });

    it('is true for an excluded account or an excluded service type, and false otherwise', async () => {
      expect(await inTenant(() => settings.isExcluded(excludedAccount, otherServiceType))).toBe(true);
      expect(await inTenant(() => settings.isExcluded(excludedAccount, null))).toBe(true);
      expect(await inTenant(() => settings.isExcluded(otherAccount, excludedServiceType))).toBe(true);
      expect(await inTenant(() => settings.isExcluded(otherAccount, otherServiceType))).toBe(false);
      expect(await inTenant(() => settings.isExcluded(otherAccount, null))).toBe(false);
    });

    it('is false in another environment', async () => {
      expect(await inTenant(() => settings.isExcluded(excludedAccount, excludedServiceType), owner.sandboxId)).toBe(false);
    });
  });
});
