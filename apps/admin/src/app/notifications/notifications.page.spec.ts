import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NotificationDetail, NotificationSummary, Page, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { NotificationsPage } from './notifications.page';

const CONTACT = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';

function aNotification(overrides: Partial<NotificationSummary> = {}): NotificationSummary {
  return {
    id: 'n-1',
    type: 'confirmed',
    channel: 'email',
    state: 'sent',
    contact: { id: CONTACT, name: 'Lee Park' },
    bookingId: 'b-1',
    recipient: 'lee@example.test',
    language: 'en',
    attempts: 1,
    connectorId: 'messaging-mailbox',
    providerMessageId: 'prov-123',
    lastError: null,
    skipReason: null,
    fallbackOfId: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:05.000Z',
    sentAt: '2026-11-20T09:00:05.000Z',
    deliveredAt: null,
    ...overrides,
  };
}

function aPage<T>(items: T[], total = items.length, offset = 0): Page<T> {
  return { items, total, limit: 25, offset };
}

describe('NotificationsPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<NotificationsPage>;
  let page: HTMLElement;
  let base: string;

  async function open(role: Role = 'owner'): Promise<TestRequest> {
    const session = aSession({ role });
    base = `/api/environments/${session.organizations[0]!.environments[0]!.id}/notifications`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(NotificationsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    return backend.expectOne((request) => request.url === base && request.method === 'GET');
  }

  async function settle(): Promise<void> {
    await fixture.whenStable();
  }

  function button(text: string, scope: ParentNode = page): HTMLButtonElement {
    const found = [...scope.querySelectorAll('button')].find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  function set(selector: string, value: string): void {
    const field = page.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  function submitFilters(): void {
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
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

  it('loads the first page without filters and shows each message with its facts', async () => {
    const first = await open();
    expect(first.request.params.keys().sort()).toEqual(['limit', 'offset']);
    expect(page.querySelector('[role=status].list-status')?.textContent?.trim()).toBe('Loading…');
    first.flush(aPage([aNotification(), aNotification({ id: 'n-2', state: 'dead', attempts: 5, lastError: 'Mailbox full', providerMessageId: null, sentAt: null, channel: 'sms', type: 'reminder' })]));
    await settle();
    expect(page.querySelector('caption')?.textContent).toBe('Messages sent to customers, newest first');
    expect(page.querySelector('.table-scroll')?.getAttribute('role')).toBe('region');
    const rows = [...page.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('th')?.textContent).toBe('Lee Park');
    expect(rows[0]!.textContent).toContain('Booking confirmation');
    expect(rows[0]!.textContent).toContain('prov-123');
    expect(rows[1]!.textContent).toContain('Given up');
    expect(rows[1]!.textContent).toContain('Mailbox full');
    expect(rows[1]!.textContent).toContain('Not yet');
    expect(rows[1]!.textContent).toContain('SMS');
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('2 messages found.');
  });

  it('sends every filter the way the API names it, with the end date inclusive', async () => {
    (await open()).flush(aPage([aNotification()]));
    await settle();
    set('#filter-state', 'failed');
    set('#filter-type', 'reminder');
    set('#filter-channel', 'sms');
    set('#filter-contact', CONTACT);
    set('#filter-from', '2026-11-01');
    set('#filter-to', '2026-11-30');
    submitFilters();
    await settle();
    const request = backend.expectOne((candidate) => candidate.url === base);
    const params = request.request.params;
    expect(params.get('state')).toBe('failed');
    expect(params.get('type')).toBe('reminder');
    expect(params.get('channel')).toBe('sms');
    expect(params.get('contactId')).toBe(CONTACT);
    expect(params.has('bookingId')).toBe(false);
    expect(params.get('from')).toBe(new Date(2026, 10, 1).toISOString());
    expect(params.get('to')).toBe(new Date(2026, 11, 1).toISOString());
    expect(params.get('offset')).toBe('0');
    request.flush(aPage([]));
    await settle();
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('No messages match these filters.');
    expect(page.querySelector('table')).toBeNull();
  });

  it('refuses a malformed ID or a reversed date range without asking the server', async () => {
    (await open()).flush(aPage([]));
    await settle();
    set('#filter-booking', 'WO-123');
    submitFilters();
    await settle();
    expect(page.querySelector('#filter-booking-error')?.textContent).toBe('Booking ID is not valid.');
    expect(page.querySelector('#filter-booking')?.getAttribute('aria-invalid')).toBe('true');
    set('#filter-booking', '');
    set('#filter-from', '2026-11-30');
    set('#filter-to', '2026-11-01');
    submitFilters();
    await settle();
    expect(page.querySelector('#filter-to-error')?.textContent).toBe('The end date is before the start date.');
    backend.expectNone((candidate) => candidate.url === base);
  });

  it('shows the API’s reason when the log cannot be loaded', async () => {
    (await open()).flush(errorBody(403, 'forbidden', 'You are not a member of this environment.'), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(page.querySelector('[role=alert]')?.textContent).toBe('You are not a member of this environment.');
  });

  it('pages through the log', async () => {
    (await open()).flush(aPage([aNotification()], 60));
    await settle();
    expect(page.querySelector('.pager-position')?.textContent).toBe('1–25 of 60');
    button('Next page').click();
    await settle();
    const next = backend.expectOne((candidate) => candidate.url === base);
    expect(next.request.params.get('offset')).toBe('25');
    next.flush(aPage([aNotification({ id: 'n-26' })], 60, 25));
    await settle();
    expect(page.querySelector('.pager-position')?.textContent).toBe('26–50 of 60');
  });

  it('opens a message as sent, with its HTML in a frame without any permission', async () => {
    (await open()).flush(aPage([aNotification()]));
    await settle();
    button('View the Booking confirmation to Lee Park').click();
    await settle();
    const detail: NotificationDetail = {
      ...aNotification(),
      content: { subject: 'Your booking is confirmed', text: 'See you on Tuesday.', html: '<p style="color:red">See you <b>Tuesday</b></p><script>alert(1)</script>', attachments: ['booking.ics'] },
    };
    backend.expectOne(`${base}/n-1`).flush(detail);
    await settle();
    const section = page.querySelector('#notification-detail')!;
    expect(section.querySelector('.message-subject')?.textContent).toBe('Your booking is confirmed');
    expect(section.textContent).toContain('booking.ics');
    const frame = section.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('title')).toBe('The message as the recipient sees it (HTML)');
    expect(frame.getAttribute('srcdoc')).toBe(detail.content!.html);
    expect(section.querySelector('.message-text')?.textContent).toBe('See you on Tuesday.');
    expect(section.textContent).not.toContain('Retry');
    expect(document.activeElement).toBe(page.querySelector('#notification-detail-heading'));

    button('Close message').click();
    await settle();
    expect(page.querySelector('#notification-detail section')).toBeNull();
    expect(document.activeElement).toBe(page.querySelector('#open-n-1'));
  });

  it('shows an SMS as its text', async () => {
    (await open()).flush(aPage([aNotification({ channel: 'sms' })]));
    await settle();
    button('View the Booking confirmation to Lee Park').click();
    await settle();
    backend.expectOne(`${base}/n-1`).flush({ ...aNotification({ channel: 'sms' }), content: { subject: null, text: 'Northwind: confirmed.', html: null, attachments: [] } });
    await settle();
    expect(page.querySelector('.message-sms')?.textContent).toBe('Northwind: confirmed.');
    expect(page.querySelector('iframe')).toBeNull();
    expect(page.textContent).toContain('21 characters');
  });

  it('retries a dead message and reloads the log', async () => {
    (await open('dispatcher')).flush(aPage([aNotification({ state: 'dead', lastError: 'Mailbox full' })]));
    await settle();
    button('View the Booking confirmation to Lee Park').click();
    await settle();
    backend.expectOne(`${base}/n-1`).flush({ ...aNotification({ state: 'dead' }), content: null });
    await settle();
    expect(page.textContent).toContain('This message has not been written yet');
    button('Retry').click();
    const retry = backend.expectOne({ method: 'POST', url: `${base}/n-1/retry` });
    retry.flush({ id: 'n-1', state: 'queued' }, { status: 202, statusText: 'Accepted' });
    await settle();
    await settle();
    backend.expectOne(`${base}/n-1`).flush({ ...aNotification({ state: 'queued' }), content: null });
    backend.expectOne((candidate) => candidate.url === base).flush(aPage([aNotification({ state: 'queued' })]));
    await settle();
    expect(page.querySelector('#notification-detail [role=status]')?.textContent?.trim()).toBe('The message will be sent again. State: Queued.');
    expect(page.querySelector('tbody tr')?.textContent).toContain('Queued');
  });

  it('shows the server’s refusal of a retry', async () => {
    (await open()).flush(aPage([aNotification({ state: 'failed' })]));
    await settle();
    button('View the Booking confirmation to Lee Park').click();
    await settle();
    backend.expectOne(`${base}/n-1`).flush({ ...aNotification({ state: 'failed' }), content: null });
    await settle();
    button('Retry').click();
    backend
      .expectOne({ method: 'POST', url: `${base}/n-1/retry` })
      .flush(errorBody(409, 'notificationNotRetryable', 'Only a failed or dead message can be sent again.'), { status: 409, statusText: 'Conflict' });
    await settle();
    const alert = page.querySelector('#retry-problem');
    expect(alert?.textContent).toBe('Only a failed or dead message can be sent again.');
    expect(document.activeElement).toBe(alert);
  });

  it('invites all contacts after confirmation and says how many were queued', async () => {
    (await open()).flush(aPage([]));
    await settle();
    const opener = button('Invite all contacts…');
    opener.focus();
    opener.click();
    await settle();
    const dialog = page.querySelector('dialog')!;
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(page.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Invite all contacts?');
    backend.expectNone({ method: 'POST' });
    button('Yes, invite them', dialog).click();
    backend.expectOne({ method: 'POST', url: `${base}/invite-all` }).flush({ queued: 12, skipped: 3 }, { status: 202, statusText: 'Accepted' });
    await settle();
    backend.expectOne((candidate) => candidate.url === base).flush(aPage([]));
    await settle();
    expect(page.querySelector('dialog')).toBeNull();
    expect(page.textContent).toContain('12 invitations queued; 3 contacts skipped (already invited or not reachable).');
    expect(document.activeElement).toBe(opener);
  });

  it('keeps the dialog open with the server’s message when inviting all fails, and cancels', async () => {
    (await open()).flush(aPage([]));
    await settle();
    button('Invite all contacts…').click();
    await settle();
    button('Yes, invite them').click();
    backend.expectOne({ method: 'POST', url: `${base}/invite-all` }).flush(errorBody(403, 'forbidden', 'Only owners and admins can do this.'), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(page.querySelector('dialog #invite-all-problem')?.textContent).toBe('Only owners and admins can do this.');
    button('Cancel').click();
    await settle();
    expect(page.querySelector('dialog')).toBeNull();
  });

  it('offers dispatchers no "invite all"', async () => {
    (await open('dispatcher')).flush(aPage([]));
    await settle();
    expect(page.textContent).not.toContain('Invite all contacts');
  });
});
