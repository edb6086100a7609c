import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { RouterTestingHarness } from '@angular/router/testing';
import { PortalInfo } from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { appConfig } from '../app.config';

function aPortal(overrides: Partial<PortalInfo> = {}): PortalInfo {
  return { slug: 'northwind', portalName: 'Northwind Heating & Air', sandbox: false, ...overrides };
}

describe('portal pages', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    localStorage.clear();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en']);
    // The app's own providers, with Angular's test backend in place of the network.
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  async function visit(url: string, answer?: (request: ReturnType<HttpTestingController['expectOne']>) => void): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    if (answer) {
      answer(backend.expectOne(`/api/portal/${url.slice(1)}`));
      await harness.fixture.whenStable();
    }
    return harness.routeNativeElement!;
  }

  it('shows the portal name as the page heading and title', async () => {
    const page = await visit('/northwind', (request) => request.flush(aPortal()));
    expect(page.querySelector('h1')?.textContent).toBe('Northwind Heating & Air');
    expect(page.querySelector('.sandbox-notice')).toBeNull();
    expect(TestBed.inject(Title).getTitle()).toBe('Northwind Heating & Air · Customer portal');
  });

  it('tells visitors of a sandbox portal that nothing here is real', async () => {
    const page = await visit('/northwind-sandbox', (request) => request.flush(aPortal({ slug: 'northwind-sandbox', sandbox: true })));
    const notice = page.querySelector('.sandbox-notice');
    expect(notice?.getAttribute('role')).toBe('note');
    expect(notice?.textContent).toContain('Test portal');
    expect(notice?.textContent).toContain('Appointments made here are not real, and no messages are sent to customers.');
  });

  it('asks the API in the visitor’s language and follows a switch', async () => {
    TestBed.inject(I18n).use('fr');
    const page = await visit('/northwind-sandbox', (request) => {
      expect(request.request.headers.get('Accept-Language')).toBe('fr');
      request.flush(aPortal({ sandbox: true }));
    });
    expect(page.querySelector('.sandbox-notice strong')?.textContent).toBe('Portail de test');
    TestBed.inject(I18n).use('es');
    await harness.fixture.whenStable();
    expect(page.querySelector('.sandbox-notice strong')?.textContent).toBe('Portal de pruebas');
  });

  it('shows a friendly page for an address without a portal', async () => {
    const page = await visit('/nobody-here', (request) =>
      request.flush({ statusCode: 404, error: 'Not Found', code: 'portalNotFound', message: 'No portal was found at this address.' }, { status: 404, statusText: 'Not Found' }),
    );
    expect(page.querySelector('h1')?.textContent).toBe('Portal not found');
    expect(page.textContent).toContain('Check the link you received from your service company');
    expect(TestBed.inject(Title).getTitle()).toBe('Portal not found · Customer portal');
  });

  it('offers to try again when the server cannot be reached', async () => {
    const page = await visit('/northwind', (request) => request.error(new ProgressEvent('error')));
    expect(page.querySelector('[role=alert]')?.textContent).toBe('We could not reach the server. Check your connection and try again.');
    page.querySelector<HTMLButtonElement>('button')!.click();
    await harness.fixture.whenStable();
    backend.expectOne('/api/portal/northwind').flush(aPortal());
    await harness.fixture.whenStable();
    expect(page.querySelector('h1')?.textContent).toBe('Northwind Heating & Air');
  });

  it('explains the portal root, which belongs to no company', async () => {
    const page = await visit('/');
    expect(page.querySelector('h1')?.textContent).toBe('Customer portal');
    expect(page.textContent).toContain('/p/your-service-company');
    backend.expectNone(() => true);
  });

  it('shows the not-found page for a deeper unknown address', async () => {
    const page = await visit('/northwind/nothing/here');
    expect(page.querySelector('h1')?.textContent).toBe('Portal not found');
  });
});
