import { TestBed } from '@angular/core/testing';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { answerAppearance, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';
import { aBookingByCode, aSlot, buttonNamed, someSlots, textOf } from './testing/booking-data';

const CODE = '/api/portal/northwind/booking-codes/Zm9vYmFyYmF6cXV4MTIzNDU2';
const URL = '/northwind/booking/Zm9vYmFyYmF6cXV4MTIzNDU2';

describe('BookingCodePage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  /** Lets the page render, answering the layout's own questions (appearance; nobody signed in). */
  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
    answerAppearance(backend);
    for (const request of backend.match((r) => r.url.endsWith('/auth/session'))) request.flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
  }

  async function open(answer: (request: TestRequest) => void): Promise<void> {
    await harness.navigateByUrl(URL);
    await settle();
    answer(backend.expectOne(CODE));
    await settle();
    page = harness.fixture.nativeElement;
  }

  function slotRequests(): TestRequest[] {
    return backend.match((r) => r.url === `${CODE}/slots`);
  }

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T15:00:00Z'));
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    enterPortal();
    harness = await RouterTestingHarness.create();
    document.body.appendChild(harness.fixture.nativeElement);
  });
  afterEach(() => {
    try {
      backend.verify();
    } finally {
      harness.fixture.nativeElement.remove();
      setXsrfCookie(null);
      vi.useRealTimers();
      vi.restoreAllMocks();
      // A failed check must not leave the test module in place for the next test.
      TestBed.resetTestingModule();
    }
  });

  it('shows the booking without signing in and changes nothing by opening', async () => {
    await open((request) => request.flush(aBookingByCode()));
    expect(textOf(page.querySelector('main h1'))).toBe('Your appointment');
    expect(textOf(page.querySelector('dl.facts'))).toContain('Tuesday, November 24, 2026');
    expect(textOf(page.querySelector('dl.facts'))).toContain('WO-7K2M9Q4X');
    expect(buttonNamed(page, 'Reschedule')).toBeTruthy();
    expect(buttonNamed(page, 'Cancel booking')).toBeTruthy();
    backend.expectNone({ method: 'POST' });
  });

  it('says when the link has expired, with the company’s email and phone as links', async () => {
    await open((request) =>
      request.flush(
        { ...errorBody(410, 'bookingCodeExpired', 'This link has expired. Contact us at help@northwind.test or +1 415 555 0100.'), contact: { email: 'help@northwind.test', phone: '+1 (415) 555-0100' } },
        { status: 410, statusText: 'Gone' },
      ),
    );
    expect(textOf(page.querySelector('main h1'))).toBe('This link has expired');
    expect(textOf(page.querySelector('main [role=alert]'))).toBe('This link has expired. Contact us at help@northwind.test or +1 415 555 0100.');
    expect(page.querySelector('main ul.contact a[href="mailto:help@northwind.test"]')?.textContent).toBe('help@northwind.test');
    expect(page.querySelector('main ul.contact a[href="tel:+14155550100"]')?.textContent).toBe('+1 (415) 555-0100');
    expect(page.querySelectorAll('main button').length).toBe(0);
  });

  it('shows the message of a blocked link', async () => {
    await open((request) => request.flush(errorBody(403, 'bookingCodeBlocked', 'This link has been blocked. Please contact us.'), { status: 403, statusText: 'Forbidden' }));
    expect(textOf(page.querySelector('main h1'))).toBe('This link can no longer be used');
    expect(textOf(page.querySelector('main [role=alert]'))).toBe('This link has been blocked. Please contact us.');
  });

  it('says so when the link leads to no booking', async () => {
    await open((request) => request.flush(errorBody(404, 'bookingLinkNotFound', 'Not found.'), { status: 404, statusText: 'Not Found' }));
    expect(textOf(page.querySelector('main h1'))).toBe('Booking not found');
    expect(textOf(page.querySelector('main h1 + p'))).toContain('This link does not lead to a booking.');
  });

  it('reschedules on the same calendar, asking for the free times within the API’s range limit', async () => {
    await open((request) => request.flush(aBookingByCode()));
    buttonNamed(page, 'Reschedule').click();
    await settle();
    expect(document.activeElement).toBe(page.querySelector('#code-reschedule-heading'));
    const requests = slotRequests();
    expect(requests.map((r) => [r.request.params.get('from'), r.request.params.get('to')])).toEqual([
      ['2026-11-19', '2026-11-25'],
      ['2026-11-26', '2026-11-30'],
    ]);
    const friday = aSlot('2026-11-27T14:00');
    requests[0]!.flush(someSlots([]));
    requests[1]!.flush(someSlots([friday]));
    await settle();
    buttonNamed(page, 'Friday, November 27, 2026, available').click();
    await settle();
    buttonNamed(page, '14:00').click();
    await settle();
    expect(textOf(page.querySelector('.confirm p'))).toBe('Friday, November 27, 2026 at 14:00 (America/New_York)');
    buttonNamed(page, 'Confirm new time').click();
    buttonNamed(page, 'Confirm new time').click();
    const request = backend.expectOne({ method: 'POST', url: `${CODE}/reschedule` });
    expect(request.request.body).toEqual({ start: friday.start });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(aBookingByCode({ start: friday.start, end: friday.end }));
    await settle();
    expect(textOf(page.querySelector('#code-notice'))).toBe('Rescheduled. Your appointment is now at the time below.');
    expect(textOf(page.querySelector('dl.facts'))).toContain('Friday, November 27, 2026');
    expect(page.querySelector('fb-reschedule-panel')).toBeNull();
  });

  it('offers fresh times when the new time was taken meanwhile', async () => {
    await open((request) => request.flush(aBookingByCode()));
    buttonNamed(page, 'Reschedule').click();
    await settle();
    const friday = aSlot('2026-11-27T14:00');
    for (const request of slotRequests()) request.flush(someSlots([friday]));
    await settle();
    buttonNamed(page, 'Friday, November 27, 2026, available').click();
    await settle();
    buttonNamed(page, '14:00').click();
    await settle();
    buttonNamed(page, 'Confirm new time').click();
    const later = aSlot('2026-11-27T16:00');
    backend
      .expectOne({ method: 'POST', url: `${CODE}/reschedule` })
      .flush({ ...errorBody(409, 'slotTaken', 'That time was just taken.'), alternatives: [later] }, { status: 409, statusText: 'Conflict' });
    await settle();
    for (const request of slotRequests()) request.flush(someSlots([later]));
    await settle();
    expect(textOf(page.querySelector('fb-reschedule-panel [role=alert]'))).toBe('That time was just taken.');
    buttonNamed(page.querySelector('fb-slot-alternatives')!, '16:00').click();
    await settle();
    buttonNamed(page, 'Confirm new time').click();
    const retry = backend.expectOne({ method: 'POST', url: `${CODE}/reschedule` });
    expect(retry.request.body).toEqual({ start: later.start });
    retry.flush(aBookingByCode({ start: later.start, end: later.end }));
    await settle();
  });

  it('cancels with a reason after an explicit confirmation', async () => {
    await open((request) => request.flush(aBookingByCode()));
    buttonNamed(page, 'Cancel booking').click();
    await settle();
    const dialog = page.querySelector('dialog')!;
    const reason = dialog.querySelector('textarea')!;
    reason.value = 'Moving out';
    reason.dispatchEvent(new Event('input'));
    buttonNamed(dialog, 'Confirm cancellation').click();
    const request = backend.expectOne({ method: 'POST', url: `${CODE}/cancel` });
    expect(request.request.body).toEqual({ reason: 'Moving out' });
    request.flush(aBookingByCode({ status: 'canceled', canCancel: false, canReschedule: false }));
    await settle();
    expect(textOf(page.querySelector('#code-notice'))).toBe('Canceled. Your appointment will not take place.');
    expect(textOf(page.querySelector('dl.facts'))).toContain('Canceled');
  });
});
