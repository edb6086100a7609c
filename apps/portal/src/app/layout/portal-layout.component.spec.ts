import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { PortalAppearance } from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { aPortalSession, anAppearance, configurePortalTestBed, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';

const SIGNED_OUT = { body: errorBody(401, 'unauthenticated', 'Please sign in.'), options: { status: 401, statusText: 'Unauthorized' } };

describe('PortalLayoutComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    harness = await RouterTestingHarness.create();
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  /** Opens `url` with the API answering the session question and the appearance. */
  async function visit(url: string, options: { signedIn?: boolean; appearance?: PortalAppearance | 'missing' | 'offline' } = {}): Promise<HTMLElement> {
    const navigation = harness.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    const session = backend.expectOne('/api/portal/northwind/auth/session');
    if (options.signedIn) session.flush(aPortalSession());
    else session.flush(SIGNED_OUT.body, SIGNED_OUT.options);
    await navigation;
    await harness.fixture.whenStable();
    const appearance = backend.expectOne((r) => r.url === '/api/portal/northwind/appearance');
    if (options.appearance === 'missing') appearance.flush(errorBody(404, 'portalNotFound', 'No portal was found at this address.'), { status: 404, statusText: 'Not Found' });
    else if (options.appearance === 'offline') appearance.error(new ProgressEvent('error'));
    else appearance.flush(options.appearance ?? anAppearance());
    await harness.fixture.whenStable();
    return harness.fixture.nativeElement;
  }

  it('shows the company name, its contact details and footer, and sends a signed-out visitor to sign in', async () => {
    const page = await visit('/northwind', {
      appearance: anAppearance({ content: { ...anAppearance().content, companyName: 'Northwind Service Co.', pageFooter: 'Licensed HVAC contractor #1234' } }),
    });
    expect(TestBed.inject(Router).url).toBe('/northwind/sign-in');
    expect(page.querySelector('.portal-name')?.textContent).toBe('Northwind Service Co.');
    expect(page.querySelector('main h1')?.textContent).toBe('Sign in');
    expect(page.querySelector('.portal-footer-text')?.textContent).toBe('Licensed HVAC contractor #1234');
    expect(page.querySelector('a[href="mailto:help@northwind.test"]')).not.toBeNull();
    expect(page.querySelector('a[href="tel:+14155550100"]')?.textContent).toBe('+1 415 555 0100');
    expect(page.querySelector('nav')).toBeNull();
    expect(page.querySelector('.sandbox-notice')).toBeNull();
    expect(page.querySelector('header')).not.toBeNull();
    expect(page.querySelector('main#main')).not.toBeNull();
    expect(page.querySelector('footer')).not.toBeNull();
  });

  it('applies the brand colours with readable text, the font and the page title', async () => {
    const branding = { primaryColor: '#ffd60a', accentColor: '#0b3d2e', font: 'serif' as const, logoUrl: 'https://cdn.test/logo.png', headerImageUrl: null };
    const page = await visit('/northwind/sign-in', { appearance: anAppearance({ branding, content: { ...anAppearance().content, pageTitle: 'Northwind Service' } }) });
    const layout = page.querySelector<HTMLElement>('fb-portal-layout')!;
    expect(layout.style.getPropertyValue('--brand')).toBe('#ffd60a');
    expect(layout.style.getPropertyValue('--brand-contrast')).toBe('#111827');
    expect(layout.style.getPropertyValue('--font-body')).toContain('Georgia');
    expect(page.querySelector<HTMLImageElement>('.portal-logo')?.getAttribute('src')).toBe('https://cdn.test/logo.png');
    expect(page.querySelector<HTMLImageElement>('.portal-logo')?.alt).toBe('');
    expect(TestBed.inject(Title).getTitle()).toBe('Sign in · Northwind Service');
  });

  it('tells visitors of a sandbox portal that nothing here is real', async () => {
    const page = await visit('/northwind/sign-in', { appearance: anAppearance({ sandbox: true }) });
    const notice = page.querySelector('.sandbox-notice');
    expect(notice?.getAttribute('role')).toBe('note');
    expect(notice?.textContent).toContain('Appointments made here are not real');
  });

  it('shows the menu to a signed-in customer and signs out', async () => {
    const page = await visit('/northwind/profile', { signedIn: true });
    const nav = page.querySelector('nav')!;
    expect(nav.getAttribute('aria-label')).toBe('Your account');
    expect([...nav.querySelectorAll('a')].map((link) => link.textContent?.trim())).toEqual(['My bookings', 'Book a service', 'Change password', 'Profile']);
    expect(nav.querySelector('a[aria-current=page]')?.textContent).toBe('Profile');
    [...nav.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Sign out')!.click();
    backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/sign-out' }).flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/northwind/sign-in');
    expect(page.querySelector('nav')).toBeNull();
  });

  it('shows a friendly page for an address without a portal', async () => {
    const page = await visit('/northwind/sign-in', { appearance: 'missing' });
    expect(page.querySelector('h1')?.textContent).toBe('Portal not found');
    expect(page.querySelectorAll('h1').length).toBe(1);
  });

  it('offers to try again when the appearance cannot be loaded', async () => {
    const page = await visit('/northwind/sign-in', { appearance: 'offline' });
    const alert = page.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('We could not reach the server.');
    alert.querySelector('button')!.click();
    await harness.fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/portal/northwind/appearance').flush(anAppearance());
    await harness.fixture.whenStable();
    expect(page.querySelector('[role=alert]')).toBeNull();
    expect(page.querySelector('.portal-name')?.textContent).toBe('Northwind Heating & Air');
  });

  it('asks for the appearance again in the language switched to', async () => {
    const page = await visit('/northwind/sign-in');
    const select = page.querySelector<HTMLSelectElement>('.fb-language-switcher select')!;
    expect([...select.options].map((option) => option.value)).toEqual(['en', 'de', 'fr', 'es']);
    select.value = 'de';
    select.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    const request = backend.expectOne((r) => r.url === '/api/portal/northwind/appearance');
    expect(request.request.params.get('language')).toBe('de');
    request.flush(anAppearance({ language: 'de' }));
    await harness.fixture.whenStable();
    expect(TestBed.inject(I18n).language()).toBe('de');
    expect(page.querySelector('main h1')?.textContent).toBe('Anmelden');
  });

  it("keeps the language switched to on the signed-in customer's profile, once", async () => {
    const page = await visit('/northwind/account/password', { signedIn: true });
    const select = page.querySelector<HTMLSelectElement>('.portal-header .fb-language-switcher select')!;
    select.value = 'fr';
    select.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    const saved = backend.expectOne((r) => r.method === 'PATCH' && r.url === '/api/portal/northwind/profile');
    expect(saved.request.body).toEqual({ language: 'fr' });
    saved.flush(aPortalSession({ contact: { language: 'fr' } }));
    backend.expectOne((r) => r.url === '/api/portal/northwind/appearance').flush(anAppearance({ language: 'fr' }));
    await harness.fixture.whenStable();
    expect(TestBed.inject(I18n).language()).toBe('fr');

    // Choosing the language the profile already has saves nothing.
    select.value = 'fr';
    select.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    backend.expectNone((r) => r.method === 'PATCH');
  });

  it('does not touch any profile when a signed-out visitor switches language', async () => {
    const page = await visit('/northwind/sign-in');
    const select = page.querySelector<HTMLSelectElement>('.portal-header .fb-language-switcher select')!;
    select.value = 'es';
    select.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    backend.expectNone((r) => r.method === 'PATCH');
    backend.expectOne((r) => r.url === '/api/portal/northwind/appearance').flush(anAppearance({ language: 'es' }));
  });

  it('moves focus to the heading of the next page', async () => {
    const page = await visit('/northwind/sign-in');
    await harness.navigateByUrl('/northwind/forgot-password');
    await harness.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    const heading = page.querySelector('main h1');
    expect(heading?.textContent).toBe('Reset your password');
    expect(document.activeElement).toBe(heading);
  });

  it('shows a page-not-found page for an unknown address inside a portal', async () => {
    const navigation = harness.navigateByUrl('/northwind/nothing/here');
    await navigation;
    await harness.fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/portal/northwind/appearance').flush(anAppearance());
    await harness.fixture.whenStable();
    expect(harness.fixture.nativeElement.querySelector('main h1')?.textContent).toBe('Page not found');
  });

  it('explains the portal root, which belongs to no company', async () => {
    await harness.navigateByUrl('/');
    const page: HTMLElement = harness.fixture.nativeElement;
    expect(page.querySelector('h1')?.textContent).toBe('Customer portal');
    expect(page.textContent).toContain('/p/your-service-company');
    expect(TestBed.inject(Title).getTitle()).toBe('Customer portal · Customer portal');
    backend.expectNone(() => true);
  });
});
