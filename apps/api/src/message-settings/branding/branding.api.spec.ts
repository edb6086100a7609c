import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

type Issue = { field: string; code: string; message: string };

const DEFAULTS = { primaryColor: '#1d4ed8', accentColor: '#0f766e', font: 'system', logoUrl: null, headerImageUrl: null };

describe('branding', () => {
  let t: TestApp;
  let owner: SignedUp;
  const branding = (environmentId = owner.productionId) => `/api/environments/${environmentId}/branding`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  it('starts with the default colours, the system font and no images', async () => {
    expect((await owner.client.get(branding()).expect(200)).body).toEqual(DEFAULTS);
  });

  it('changes the sent fields only, storing colours in lower case, in one environment', async () => {
    const res = await owner.client
      .patch(branding(), { primaryColor: '#B91C1C', font: 'rounded', logoUrl: 'https://cdn.northwind.example/logo.png' })
      .expect(200);
    expect(res.body).toEqual({ ...DEFAULTS, primaryColor: '#b91c1c', font: 'rounded', logoUrl: 'https://cdn.northwind.example/logo.png' });
    const second = await owner.client.patch(branding(), { accentColor: '#FACC15', headerImageUrl: 'https://cdn.northwind.example/header.jpg?v=2' }).expect(200);
    expect(second.body).toEqual({
      primaryColor: '#b91c1c',
      accentColor: '#facc15',
      font: 'rounded',
      logoUrl: 'https://cdn.northwind.example/logo.png',
      headerImageUrl: 'https://cdn.northwind.example/header.jpg?v=2',
    });
    expect((await owner.client.get(branding()).expect(200)).body).toEqual(second.body);
    expect((await owner.client.get(branding(owner.sandboxId)).expect(200)).body).toEqual(DEFAULTS);
  });

  it('removes the logo and header image when sent as null, and keeps the portal name', async () => {
    await owner.client.patch(branding(), { logoUrl: 'https://cdn.example/logo.svg', headerImageUrl: 'https://cdn.example/h.png' }).expect(200);
    const res = await owner.client.patch(branding(), { logoUrl: null, headerImageUrl: null }).expect(200);
    expect(res.body).toEqual(DEFAULTS);
    const portal = await owner.client.get(`/api/environments/${owner.productionId}/portal-settings`).expect(200);
    expect(portal.body.portalName).toContain('Acme Appliance Repair');
  });

  it('accepts an image address of exactly 2000 characters', async () => {
    const url = `https://cdn.example/${'a'.repeat(2000 - 'https://cdn.example/'.length)}`;
    await owner.client.patch(branding(), { logoUrl: url }).expect(200);
  });

  const COLOR = (label: string, value: string) => `${label} must be a color written #rrggbb, e.g. #1d4ed8; “${value}” is not one.`;
  const HTTPS = (label: string) => `${label} must be a secure web address starting with https://.`;

  it.each([
    ['a colour name', { primaryColor: 'red' }, 'primaryColor', 'color', COLOR('Primary color', 'red')],
    ['a short hex colour', { accentColor: '#fff' }, 'accentColor', 'color', COLOR('Accent color', '#fff')],
    ['a colour without #', { primaryColor: '1d4ed8' }, 'primaryColor', 'color', COLOR('Primary color', '1d4ed8')],
    ['a colour with alpha', { primaryColor: '#1d4ed8ff' }, 'primaryColor', 'color', COLOR('Primary color', '#1d4ed8ff')],
    ['a null colour', { primaryColor: null }, 'primaryColor', 'isNotEmpty', 'Primary color is required.'],
    ['an unknown font', { font: 'comic' }, 'font', 'isIn', 'Font must be one of: system, serif, rounded, mono.'],
    ['an http logo address', { logoUrl: 'http://cdn.example/logo.png' }, 'logoUrl', 'httpsUrl', HTTPS('Logo URL')],
    ['a javascript: address', { headerImageUrl: 'javascript:alert(1)' }, 'headerImageUrl', 'httpsUrl', HTTPS('Header image URL')],
    ['an address without a host', { logoUrl: 'https://' }, 'logoUrl', 'httpsUrl', HTTPS('Logo URL')],
    ['an address that is not a URL', { logoUrl: 'https://exa mple.com/logo.png' }, 'logoUrl', 'httpsUrl', HTTPS('Logo URL')],
    ['an address over 2000 characters', { logoUrl: `https://cdn.example/${'a'.repeat(2000)}` }, 'logoUrl', 'maxLength', 'Logo URL must be at most 2000 characters.'],
    ['an unknown field', { portalName: 'Renamed' }, 'portalName', 'unknownField', 'Portal name is not an accepted field.'],
  ])('refuses %s and keeps the branding', async (_case, change, field, code, message) => {
    const res = await owner.client.patch(branding(), change).expect(400);
    expect(res.body.details).toEqual([{ field, code, message }]);
    expect((await owner.client.get(branding()).expect(200)).body).toEqual(DEFAULTS);
  });

  it('reports a bad colour and a bad address together', async () => {
    const res = await owner.client.patch(branding(), { accentColor: 'teal', headerImageUrl: 'ftp://cdn.example/h.png' }).expect(400);
    expect(res.body.details.map((detail: Issue) => `${detail.field}:${detail.code}`)).toEqual(['accentColor:color', 'headerImageUrl:httpsUrl']);
  });

  it('lets a dispatcher see the branding but not change it', async () => {
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    expect((await dispatcher.client.get(branding()).expect(200)).body).toEqual(DEFAULTS);
    await dispatcher.client.patch(branding(), { primaryColor: '#000000' }).expect(403);
    expect((await owner.client.get(branding()).expect(200)).body).toEqual(DEFAULTS);
  });

  it('records what changed in the audit trail', async () => {
    await owner.client.patch(branding(), { primaryColor: '#1D4ED8', accentColor: '#111827', font: 'serif' }).expect(200);
    const audit = await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=1`).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'branding.updated', actorName: 'Robin Park' });
    // The primary colour was sent but did not change.
    expect(audit.body.items[0].details).toEqual({ changes: { accentColor: { from: '#0f766e', to: '#111827' }, font: { from: 'system', to: 'serif' } } });
  });
});
