import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { PortalSettings, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { PortalSettingsPage } from './portal-settings.page';

const SETTINGS: PortalSettings = { environmentId: 'env', portalName: 'Northwind Heating & Air', updatedAt: '2026-11-20T09:00:00.000Z' };

describe('PortalSettingsPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<PortalSettingsPage>;
  let page: HTMLElement;
  let url: string;

  async function open(role: Role = 'owner'): Promise<TestRequest> {
    const session = aSession({ role });
    url = `/api/environments/${session.organizations[0]!.environments[0]!.id}/portal-settings`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(PortalSettingsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    return backend.expectOne((request) => request.url === url && request.method === 'GET');
  }

  const settle = () => fixture.whenStable();
  const nameInput = () => page.querySelector<HTMLInputElement>('#portal-name')!;

  async function type(value: string): Promise<void> {
    nameInput().value = value;
    nameInput().dispatchEvent(new Event('input'));
    nameInput().dispatchEvent(new Event('blur'));
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

  it('loads the settings of the chosen environment into the form', async () => {
    (await open()).flush(SETTINGS);
    await settle();
    expect(nameInput().value).toBe('Northwind Heating & Air');
    expect(page.querySelector('fieldset')!.disabled).toBe(false);
  });

  it('saves the trimmed name, says so in a live region and is clean again', async () => {
    (await open()).flush(SETTINGS);
    await settle();
    await type('  Northwind Service  ');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
    await submit();
    const request = backend.expectOne(url);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ portalName: 'Northwind Service' });
    request.flush({ ...SETTINGS, portalName: 'Northwind Service' });
    await settle();
    expect(page.querySelector('[role="status"]')!.textContent).toContain('Saved.');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
  });

  it('refuses a blank or overlong name before sending, focusing the field', async () => {
    (await open()).flush(SETTINGS);
    await settle();
    await type('   ');
    await submit();
    expect(page.querySelector('#portal-name-error')?.textContent).toContain('Portal name');
    expect(nameInput().getAttribute('aria-invalid')).toBe('true');
    await type('x'.repeat(121));
    await submit();
    expect(page.querySelector('#portal-name-error')?.textContent).toContain('120');
    backend.expectNone(url);
  });

  it("shows the server's message next to the field on 400 and focuses it", async () => {
    (await open()).flush(SETTINGS);
    await settle();
    document.body.append(page);
    await type('Northwind');
    await submit();
    backend
      .expectOne(url)
      .flush(errorBody(400, 'validationFailed', 'Check the highlighted fields.', [{ field: 'portalName', code: 'maxLength', message: 'Portal name is too long on the server.' }]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await settle();
    expect(page.querySelector('#portal-name-error')?.textContent).toBe('Portal name is too long on the server.');
    expect(nameInput().getAttribute('aria-describedby')).toContain('portal-name-error');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Check the highlighted fields.');
    expect(document.activeElement).toBe(nameInput());
    page.remove();
  });

  it('shows dispatchers the settings read-only, without a save button', async () => {
    (await open('dispatcher')).flush(SETTINGS);
    await settle();
    expect(page.querySelector('fieldset')!.disabled).toBe(true);
    expect(page.querySelector('button[type="submit"]')).toBeNull();
    expect(page.textContent).toContain('You can see these settings');
  });

  it('turns read-only when the API refuses the change with 403', async () => {
    (await open('admin')).flush(SETTINGS);
    await settle();
    await type('Northwind');
    await submit();
    backend.expectOne(url).flush(errorBody(403, 'forbidden', 'Your role does not allow this.'), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Your role does not allow this.');
    expect(page.querySelector('fieldset')!.disabled).toBe(true);
  });
});
