import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { PortalSettings, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { PortalSettingsPage } from './portal-settings.page';

const SETTINGS: PortalSettings = {
  environmentId: 'env',
  portalName: 'Northwind Heating & Air',
  minLeadDays: 1,
  maxLeadDays: 60,
  assetSelection: true,
  additionalDetails: true,
  travelRadiusKm: 0,
  travelBufferMinutes: 30,
  slotGranularityMinutes: 30,
  rescheduleCutOffHours: 24,
  cancelCutOffHours: 24,
  updatedAt: '2026-11-20T09:00:00.000Z',
};

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

  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`)!;
  const grid = () => page.querySelector<HTMLSelectElement>('#slot-granularity-minutes')!;
  const errorOf = (id: string) => page.querySelector(`#${id}-error`)?.textContent?.trim() ?? null;

  async function enter(id: string, value: string): Promise<void> {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
    input(id).dispatchEvent(new Event('blur'));
    await settle();
  }

  async function toggle(id: string): Promise<void> {
    input(id).click();
    await settle();
  }

  async function chooseGrid(minutes: number): Promise<void> {
    const option = [...grid().options].find((candidate) => candidate.textContent?.trim() === `${minutes} minutes`)!;
    grid().value = option.value;
    grid().dispatchEvent(new Event('change'));
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

  describe('booking rules', () => {
    it('shows every rule in fieldsets with legends: numbers with their limits, switches and the time grid', async () => {
      (await open()).flush({ ...SETTINGS, minLeadDays: 2, travelRadiusKm: 80, assetSelection: false, slotGranularityMinutes: 15, cancelCutOffHours: 48 });
      await settle();
      const legends = [...page.querySelectorAll('fieldset.group legend')].map((legend) => legend.textContent?.trim());
      expect(legends).toEqual(['Booking window', 'What customers choose', 'Travel', 'Changes by customers']);
      expect(input('min-lead-days').valueAsNumber).toBe(2);
      expect(input('min-lead-days').type).toBe('number');
      expect([input('min-lead-days').min, input('min-lead-days').max]).toEqual(['0', '365']);
      expect([input('max-lead-days').value, input('max-lead-days').min, input('max-lead-days').max]).toEqual(['60', '1', '365']);
      expect([input('travel-radius-km').value, input('travel-radius-km').max]).toEqual(['80', '20000']);
      expect([input('travel-buffer-minutes').value, input('travel-buffer-minutes').max]).toEqual(['30', '480']);
      expect([input('reschedule-cut-off-hours').value, input('cancel-cut-off-hours').value, input('cancel-cut-off-hours').max]).toEqual(['24', '48', '720']);
      expect(input('asset-selection').checked).toBe(false);
      expect(input('additional-details').checked).toBe(true);
      expect([...grid().options].map((option) => option.textContent?.trim())).toEqual(['5 minutes', '10 minutes', '15 minutes', '20 minutes', '30 minutes', '60 minutes', '120 minutes']);
      expect(grid().selectedOptions[0]!.textContent?.trim()).toBe('15 minutes');
      expect(page.querySelector('label[for="min-lead-days"]')!.textContent).toContain('Earliest booking (days ahead)');
    });

    it('sends only the rules that changed, as numbers and booleans, and is clean again after saving', async () => {
      (await open()).flush(SETTINGS);
      await settle();
      await enter('min-lead-days', '3');
      await enter('travel-radius-km', '150');
      await toggle('asset-selection');
      await chooseGrid(60);
      expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
      await submit();
      const request = backend.expectOne(url);
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toEqual({ minLeadDays: 3, travelRadiusKm: 150, assetSelection: false, slotGranularityMinutes: 60 });
      const saved = { ...SETTINGS, minLeadDays: 3, travelRadiusKm: 150, assetSelection: false, slotGranularityMinutes: 60 as const };
      request.flush(saved);
      await settle();
      expect(page.querySelector('[role="status"]')!.textContent).toContain('Saved.');
      expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
      expect(input('min-lead-days').valueAsNumber).toBe(3);
      expect(input('asset-selection').checked).toBe(false);
    });

    it.each([
      ['min-lead-days', '-1', 'Earliest booking (days ahead) must be at least 0.'],
      ['min-lead-days', '', 'Earliest booking (days ahead) is required.'],
      ['max-lead-days', '0', 'Latest booking (days ahead) must be at least 1.'],
      ['max-lead-days', '366', 'Latest booking (days ahead) must be at most 365.'],
      ['travel-radius-km', '20001', 'Travel radius (km) must be at most 20000.'],
      ['travel-buffer-minutes', '2.5', 'Travel buffer (minutes) must be a whole number.'],
      ['travel-buffer-minutes', '481', 'Travel buffer (minutes) must be at most 480.'],
      ['reschedule-cut-off-hours', '-3', 'Rescheduling closes (hours before) must be at least 0.'],
      ['cancel-cut-off-hours', '721', 'Cancelling closes (hours before) must be at most 720.'],
    ])('refuses %s = %j before sending, next to the field, focusing it', async (id, value, message) => {
      (await open()).flush(SETTINGS);
      await settle();
      document.body.append(page);
      await enter(id, value);
      expect(errorOf(id)).toBe(message);
      await submit();
      backend.expectNone(url);
      expect(input(id).getAttribute('aria-invalid')).toBe('true');
      expect(input(id).getAttribute('aria-describedby')).toContain(`${id}-error`);
      expect(document.activeElement).toBe(input(id));
      page.remove();
    });

    it('refuses an earliest booking that is not before the latest, and sends once it is', async () => {
      (await open()).flush(SETTINGS);
      await settle();
      await enter('max-lead-days', '5');
      await enter('min-lead-days', '5');
      await submit();
      backend.expectNone(url);
      expect(errorOf('min-lead-days')).toBe(
        'The earliest booking day (5 days ahead) must come before the latest (5 days ahead): make the minimum lead smaller than the maximum lead.',
      );
      expect(input('min-lead-days').getAttribute('aria-invalid')).toBe('true');
      await enter('min-lead-days', '4');
      expect(errorOf('min-lead-days')).toBeNull();
      await submit();
      const request = backend.expectOne(url);
      expect(request.request.body).toEqual({ minLeadDays: 4, maxLeadDays: 5 });
      request.flush({ ...SETTINGS, minLeadDays: 4, maxLeadDays: 5 });
      await settle();
    });

    it("shows the server's message next to the rule it names until that rule is edited", async () => {
      (await open()).flush(SETTINGS);
      await settle();
      document.body.append(page);
      await enter('max-lead-days', '10');
      await submit();
      backend.expectOne(url).flush(
        errorBody(400, 'validation', 'Some fields are not valid. Check them and try again.', [
          { field: 'maxLeadDays', code: 'leadDaysOrder', message: 'The earliest booking day (12 days ahead) must come before the latest (10 days ahead).' },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
      await settle();
      expect(errorOf('max-lead-days')).toBe('The earliest booking day (12 days ahead) must come before the latest (10 days ahead).');
      expect(input('max-lead-days').getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement).toBe(input('max-lead-days'));
      expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
      await enter('max-lead-days', '30');
      expect(errorOf('max-lead-days')).toBeNull();
      page.remove();
    });

    it('counts a changed switch or time grid as unsaved, and sends only what differs from the stored settings', async () => {
      (await open()).flush(SETTINGS);
      await settle();
      expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
      await chooseGrid(10);
      expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
      await chooseGrid(30);
      await toggle('additional-details');
      await submit();
      const request = backend.expectOne(url);
      expect(request.request.body).toEqual({ additionalDetails: false });
      request.flush({ ...SETTINGS, additionalDetails: false });
      await settle();
      expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
    });

    it('shows dispatchers every rule disabled', async () => {
      (await open('dispatcher')).flush(SETTINGS);
      await settle();
      for (const id of ['min-lead-days', 'max-lead-days', 'asset-selection', 'additional-details', 'travel-radius-km', 'travel-buffer-minutes', 'reschedule-cut-off-hours', 'cancel-cut-off-hours']) {
        expect(input(id).matches(':disabled')).toBe(true);
      }
      expect(grid().matches(':disabled')).toBe(true);
    });
  });
});
