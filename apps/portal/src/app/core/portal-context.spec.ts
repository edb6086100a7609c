import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { I18n } from '@fieldbook/ui-i18n';
import { anAppearance, configurePortalTestBed, errorBody } from '../../testing/portal-test-bed';
import { PortalContext } from './portal-context';

describe('PortalContext', () => {
  let backend: HttpTestingController;
  let portal: PortalContext;

  beforeEach(() => {
    backend = configurePortalTestBed();
    portal = TestBed.inject(PortalContext);
  });
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  const appearanceRequest = (language: string) =>
    backend.expectOne((r) => r.url === '/api/portal/northwind/appearance' && r.params.get('language') === language && r.headers.get('Accept-Language') === language);

  it('builds API paths and router links of the current portal', () => {
    portal.use('northwind');
    expect(portal.api('auth/session')).toBe('/api/portal/northwind/auth/session');
    expect(portal.api('/bookings')).toBe('/api/portal/northwind/bookings');
    expect(portal.link('bookings', 'b1')).toEqual(['/', 'northwind', 'bookings', 'b1']);
    expect(portal.link()).toEqual(['/', 'northwind']);
    TestBed.tick();
    appearanceRequest('en').flush(anAppearance());
  });

  it('loads the appearance in the portal language, and again after a switch without blanking it', () => {
    portal.use('northwind');
    TestBed.tick();
    expect(portal.appearanceState().state).toBe('loading');
    appearanceRequest('en').flush(anAppearance());
    expect(portal.appearance()?.portalName).toBe('Northwind Heating & Air');

    TestBed.inject(I18n).use('de');
    TestBed.tick();
    expect(portal.appearance()?.language).toBe('en');
    appearanceRequest('de').flush(anAppearance({ language: 'de', content: { ...anAppearance().content, pageFooter: 'Impressum' } }));
    expect(portal.appearance()?.content.pageFooter).toBe('Impressum');
  });

  it('knows when there is no portal at the address', () => {
    portal.use('nobody');
    TestBed.tick();
    backend
      .expectOne((r) => r.url === '/api/portal/nobody/appearance')
      .flush(errorBody(404, 'portalNotFound', 'No portal was found at this address.'), { status: 404, statusText: 'Not Found' });
    expect(portal.appearanceState()).toEqual({ state: 'missing' });
    expect(portal.appearance()).toBeUndefined();
  });

  it('reports a failure and tries again on request', () => {
    portal.use('northwind');
    TestBed.tick();
    appearanceRequest('en').error(new ProgressEvent('error'));
    expect(portal.appearanceState()).toEqual({ state: 'failed', message: 'We could not reach the server. Check your connection and try again.' });
    portal.reloadAppearance();
    TestBed.tick();
    appearanceRequest('en').flush(anAppearance());
    expect(portal.appearanceState().state).toBe('ready');
  });
});
