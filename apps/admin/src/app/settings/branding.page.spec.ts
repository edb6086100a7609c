import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Branding, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { BrandingPage } from './branding.page';

const BRANDING: Branding = { primaryColor: '#1d4ed8', accentColor: '#0f766e', font: 'system', logoUrl: null, headerImageUrl: null };

describe('BrandingPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<BrandingPage>;
  let page: HTMLElement;
  let url: string;

  async function open(role: Role = 'owner'): Promise<TestRequest> {
    const session = aSession({ role });
    url = `/api/environments/${session.organizations[0]!.environments[0]!.id}/branding`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(BrandingPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    return backend.expectOne((request) => request.url === url && request.method === 'GET');
  }

  const settle = () => fixture.whenStable();
  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`)!;

  async function type(id: string, value: string): Promise<void> {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
    input(id).dispatchEvent(new Event('blur'));
    await settle();
  }

  async function submit(): Promise<void> {
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
  }

  beforeEach(() => {
    backend = configureAdminTestBed();
    setXsrfCookie('token');
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  it('loads the branding into the form and the preview', async () => {
    (await open()).flush({ ...BRANDING, logoUrl: 'https://cdn.example.com/logo.png' });
    await settle();
    expect(input('primaryColor').value).toBe('#1d4ed8');
    expect(input('primaryColor-picker').value).toBe('#1d4ed8');
    expect(input('logoUrl').value).toBe('https://cdn.example.com/logo.png');
    expect(page.style.getPropertyValue('--preview-primary')).toBe('#1d4ed8');
    expect(page.style.getPropertyValue('--preview-on-primary')).toBe('#ffffff');
    expect(page.style.getPropertyValue('--preview-accent')).toBe('#0f766e');
    expect(page.querySelector('.preview-header')!.classList).not.toContain('preview-header-image');
    expect(page.querySelector('.preview-header img')?.getAttribute('src')).toBe('https://cdn.example.com/logo.png');
    expect(page.querySelector('.contrast-warning')).toBeNull();
  });

  it('follows the colour picker in the hex field and the preview, and warns when text on the primary colour fails AA', async () => {
    (await open()).flush(BRANDING);
    await settle();
    const picker = input('primaryColor-picker');
    picker.value = '#808080';
    picker.dispatchEvent(new Event('input'));
    await settle();
    expect(input('primaryColor').value).toBe('#808080');
    expect(page.style.getPropertyValue('--preview-primary')).toBe('#808080');
    expect(page.style.getPropertyValue('--preview-on-primary')).toBe('#111827');
    expect(page.querySelector('.contrast-warning')?.textContent).toContain('4.49:1');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);

    await type('primaryColor', '#14532D');
    expect(page.querySelector('.contrast-warning')).toBeNull();
    expect(input('primaryColor-picker').value).toBe('#14532d');
  });

  it('saves colours in lower case and empty image addresses as null', async () => {
    (await open()).flush({ ...BRANDING, headerImageUrl: 'https://cdn.example.com/header.jpg' });
    await settle();
    await type('accentColor', '#F59E0B');
    await type('headerImageUrl', '  ');
    const font = page.querySelector<HTMLSelectElement>('#font')!;
    font.value = 'serif';
    font.dispatchEvent(new Event('change'));
    await submit();
    const request = backend.expectOne(url);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ primaryColor: '#1d4ed8', accentColor: '#f59e0b', font: 'serif', logoUrl: null, headerImageUrl: null });
    request.flush({ ...BRANDING, accentColor: '#f59e0b', font: 'serif' });
    await settle();
    expect(page.querySelector('[role="status"]')!.textContent).toContain('Saved.');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
  });

  it('refuses a malformed colour or a non-https address before sending', async () => {
    (await open()).flush(BRANDING);
    await settle();
    await type('primaryColor', 'blue');
    await type('logoUrl', 'http://cdn.example.com/logo.png');
    await submit();
    expect(input('primaryColor').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('#primaryColor-error')?.textContent).toContain('Primary colour');
    expect(page.querySelector('#logoUrl-error')?.textContent).toContain('Logo address');
    backend.expectNone(url);
  });

  it("shows the server's field messages on 400 and focuses the first", async () => {
    (await open()).flush(BRANDING);
    await settle();
    document.body.append(page);
    await type('logoUrl', 'https://cdn.example.com/logo.png');
    await submit();
    backend
      .expectOne(url)
      .flush(errorBody(400, 'validationFailed', 'Check the highlighted fields.', [{ field: 'logoUrl', code: 'httpsUrl', message: 'Logo address must start with https://.' }]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await settle();
    expect(page.querySelector('#logoUrl-error')?.textContent).toBe('Logo address must start with https://.');
    expect(document.activeElement).toBe(input('logoUrl'));
    page.remove();
  });

  it('shows dispatchers the branding read-only', async () => {
    (await open('dispatcher')).flush(BRANDING);
    await settle();
    expect(input('primaryColor').matches(':disabled')).toBe(true);
    expect(input('primaryColor-picker').matches(':disabled')).toBe(true);
    expect(page.querySelector<HTMLSelectElement>('#font')!.matches(':disabled')).toBe(true);
    expect(page.querySelector('button[type="submit"]')).toBeNull();
  });
});
