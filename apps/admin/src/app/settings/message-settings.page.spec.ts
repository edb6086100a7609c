import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MessageExclusion, MessageSettings, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { MessageSettingsPage } from './message-settings.page';

const SETTINGS: MessageSettings = {
  enabled: { invite: true, confirmed: true, reminder: true, rescheduled: true, canceled: true, completed: false },
  channel: 'email',
  reminderLeadDays: [1, 3],
  reminderTiming: 'utc',
  reminderTime: '10:00',
  smsQuietStart: null,
  smsQuietEnd: null,
  smsFallbackToEmail: false,
  updatedAt: null,
};
const ACCOUNT_A = '11111111-1111-4111-8111-111111111111';
const ACCOUNT_B = '22222222-2222-4222-8222-222222222222';
const EXCLUDED: MessageExclusion = { id: 'ex-1', kind: 'account', targetId: ACCOUNT_A, targetName: 'Acme Dental', createdAt: '2026-11-20T09:00:00.000Z' };

describe('MessageSettingsPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<MessageSettingsPage>;
  let page: HTMLElement;
  let base: string;

  async function open(role: Role = 'owner', exclusions: MessageExclusion[] = [EXCLUDED]): Promise<void> {
    const session = aSession({ role });
    base = `/api/environments/${session.organizations[0]!.environments[0]!.id}`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(MessageSettingsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: `${base}/message-settings` }).flush(SETTINGS);
    backend.expectOne({ method: 'GET', url: `${base}/message-exclusions` }).flush(exclusions);
    const accounts = backend.expectOne((request) => request.url === `${base}/accounts`);
    expect(accounts.request.params.get('sort')).toBe('name');
    accounts.flush({ items: [{ id: ACCOUNT_A, name: 'Acme Dental' }, { id: ACCOUNT_B, name: 'Birch Bakery' }], total: 2, limit: 200, offset: 0 });
    backend
      .expectOne((request) => request.url === `${base}/service-types`)
      .flush({ items: [{ id: '33333333-3333-4333-8333-333333333333', name: 'Boiler service' }], total: 1, limit: 200, offset: 0 });
    await fixture.whenStable();
  }

  const settle = () => fixture.whenStable();
  const input = (id: string) => page.querySelector<HTMLInputElement>(`#${id}`)!;

  async function click(id: string): Promise<void> {
    input(id).click();
    await settle();
  }

  async function type(id: string, value: string): Promise<void> {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
    await settle();
  }

  async function submit(): Promise<void> {
    page.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
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

  it('loads the settings, the exclusions and the lists to pick from', async () => {
    await open();
    expect(input('enabled-completed').checked).toBe(false);
    expect(input('enabled-invite').checked).toBe(true);
    expect(input('channel-email').checked).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => input(`lead-day-${day}`).checked)).toEqual([true, false, true, false, false, false, false]);
    expect(input('reminder-time').value).toBe('10:00');
    expect(page.querySelector('.exclusion-list')!.textContent).toContain('Acme Dental');
    // Already excluded accounts are not offered again.
    const offered = [...page.querySelectorAll<HTMLOptionElement>('#exclusion-target option')].map((option) => option.textContent);
    expect(offered).toEqual(['Choose…', 'Birch Bakery']);
    expect(page.querySelectorAll('fieldset legend').length).toBeGreaterThanOrEqual(5);
  });

  it('saves every setting in the shape the API takes', async () => {
    await open();
    await click('enabled-completed');
    await click('channel-both');
    await click('lead-day-1');
    await click('lead-day-7');
    await click('timing-local');
    await type('reminder-time', '08:30');
    await type('quiet-start', '21:00');
    await type('quiet-end', '07:00');
    await click('sms-fallback');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
    await submit();
    const request = backend.expectOne(`${base}/message-settings`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      enabled: { invite: true, confirmed: true, reminder: true, rescheduled: true, canceled: true, completed: true },
      channel: 'both',
      reminderLeadDays: [3, 7],
      reminderTiming: 'local',
      reminderTime: '08:30',
      smsQuietStart: '21:00',
      smsQuietEnd: '07:00',
      smsFallbackToEmail: true,
    });
    request.flush({ ...SETTINGS, ...request.request.body, updatedAt: '2026-11-25T10:00:00.000Z' });
    await settle();
    expect(page.querySelector('[role="status"]')!.textContent).toContain('Saved.');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
  });

  it('refuses half-given quiet hours before sending', async () => {
    await open();
    document.body.append(page);
    await type('quiet-start', '21:00');
    await submit();
    expect(page.querySelector('#quiet-error')?.textContent).toContain('both the start and the end');
    expect(input('quiet-end').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('quiet-end'));
    backend.expectNone(`${base}/message-settings`);
    page.remove();
  });

  it("shows the server's field messages on 400", async () => {
    await open();
    await type('reminder-time', '09:15');
    await submit();
    backend.expectOne(`${base}/message-settings`).flush(
      errorBody(400, 'validationFailed', 'Check the highlighted fields.', [
        { field: 'reminderTime', code: 'clockTime', message: 'Reminder time must be a time such as 10:00.' },
        { field: 'reminderLeadDays', code: 'duplicateLeadDay', message: 'Day 3 is listed twice.' },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(page.querySelector('#reminder-time-error')?.textContent).toBe('Reminder time must be a time such as 10:00.');
    expect(input('reminder-time').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('#lead-days-error')?.textContent).toBe('Day 3 is listed twice.');
  });

  it('adds an account to the exclusion list and removes one', async () => {
    await open();
    const target = page.querySelector<HTMLSelectElement>('#exclusion-target')!;
    target.value = ACCOUNT_B;
    target.dispatchEvent(new Event('change'));
    page.querySelector<HTMLFormElement>('.exclusion-add')!.dispatchEvent(new Event('submit'));
    await settle();
    const create = backend.expectOne({ method: 'POST', url: `${base}/message-exclusions` });
    expect(create.request.body).toEqual({ kind: 'account', targetId: ACCOUNT_B });
    create.flush({ ...EXCLUDED, id: 'ex-2', targetId: ACCOUNT_B, targetName: 'Birch Bakery' });
    await settle();
    expect(page.querySelector('.exclusion-list')!.textContent).toContain('Birch Bakery');

    const remove = [...page.querySelectorAll<HTMLButtonElement>('.exclusion-list button')].find((button) => button.textContent?.includes('Acme Dental'))!;
    remove.click();
    await settle();
    backend.expectOne({ method: 'DELETE', url: `${base}/message-exclusions/ex-1` }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(page.querySelector('.exclusion-list')!.textContent).not.toContain('Acme Dental');
  });

  it('shows dispatchers everything read-only', async () => {
    await open('dispatcher');
    expect(input('enabled-invite').matches(':disabled')).toBe(true);
    expect(page.querySelector('button[type="submit"]')).toBeNull();
    expect(page.querySelector('.exclusion-add')).toBeNull();
    expect(page.querySelector('.exclusion-list button')).toBeNull();
  });
});
