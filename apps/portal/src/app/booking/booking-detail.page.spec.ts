import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aPortalSession, answerAppearance, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';
import { aBooking, buttonNamed, textOf } from './testing/booking-data';

const API = '/api/portal/northwind';

describe('BookingDetailPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
    answerAppearance(backend);
    await harness.fixture.whenStable();
  }

  async function open(booking = aBooking(), state?: Record<string, unknown>): Promise<void> {
    if (state) await TestBed.inject(Router).navigateByUrl('/northwind/bookings/booking-1', { state });
    else await harness.navigateByUrl('/northwind/bookings/booking-1');
    await settle();
    backend.expectOne(`${API}/bookings/booking-1`).flush(booking);
    await settle();
    page = harness.fixture.nativeElement;
  }

  function dialog(): HTMLDialogElement {
    return page.querySelector('dialog')!;
  }

  beforeEach(async () => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    enterPortal(aPortalSession());
    harness = await RouterTestingHarness.create();
    document.body.appendChild(harness.fixture.nativeElement);
  });
  afterEach(() => {
    try {
      backend.verify();
    } finally {
      harness.fixture.nativeElement.remove();
      setXsrfCookie(null);
      vi.restoreAllMocks();
      // A failed check must not leave the test module in place for the next test.
      TestBed.resetTestingModule();
    }
  });

  it('shows the date, time with its zone, address, service, reference and status', async () => {
    await open();
    expect(textOf(page.querySelector('h1'))).toBe('Your appointment');
    const facts = [...page.querySelectorAll('dl.facts > div')].map((row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]);
    expect(facts).toEqual([
      ['Date', 'Tuesday, November 24, 2026'],
      ['Time', expect.stringMatching(/^09:00\s*–\s*10:30 \(America\/New_York\)$/)],
      ['Service', 'Furnace tune-up'],
      ['Equipment', 'Basement furnace'],
      ['Address', '12 Elm Street 01101 Springfield MA United States'],
      ['Booking reference', 'WO-7K2M9Q4X'],
      ['Status', 'Scheduled'],
    ]);
    const calendar = [...page.querySelectorAll('a')].find((link) => textOf(link) === 'Add to calendar');
    expect(calendar?.getAttribute('href')).toBe('/api/portal/northwind/bookings/booking-1/calendar.ics');
  });

  it('confirms a booking just made', async () => {
    await open(aBooking(), { bookingNotice: 'booked' });
    expect(textOf(page.querySelector('h1'))).toBe('Booking confirmed');
    expect(textOf(page.querySelector('[role=status]'))).toBe('Booked. We have sent you a confirmation.');
  });

  it('says a booking was rescheduled', async () => {
    await open(aBooking(), { bookingNotice: 'rescheduled' });
    expect(textOf(page.querySelector('h1'))).toBe('Your appointment');
    expect(textOf(page.querySelector('[role=status]'))).toBe('Rescheduled. Your appointment is now at the time below.');
  });

  it('goes to the reschedule page', async () => {
    await open();
    buttonNamed(page, 'Reschedule').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/northwind/bookings/booking-1/reschedule');
    backend.expectOne(`${API}/bookings/booking-1`).flush(aBooking());
    backend.expectOne(`${API}/booking-options`).flush({ assetSelection: true, additionalDetails: true, detailsMaxLength: 200, minLeadDays: 1, maxLeadDays: 30, rescheduleCutOffHours: 24, cancelCutOffHours: 24 });
    await settle();
    for (const request of backend.match((r) => r.url.endsWith('/slots'))) request.flush({ timeZone: 'America/New_York', window: null, slots: [], reasons: [] });
    await settle();
    for (const request of backend.match((r) => r.url.endsWith('/slots'))) request.flush({ timeZone: 'America/New_York', window: null, slots: [], reasons: [] });
  });

  it('explains why it can be neither rescheduled nor canceled, without offering the buttons', async () => {
    const refusal = { code: 'rescheduleCutOffPassed', message: 'Changes are possible up to 24 hours before the appointment. Please call us at +1 415 555 0100.' };
    await open(aBooking({ canReschedule: false, rescheduleRefusal: refusal, canCancel: false, cancelRefusal: { ...refusal, code: 'cancelCutOffPassed' } }));
    expect(() => buttonNamed(page, 'Reschedule')).toThrow();
    expect(() => buttonNamed(page, 'Cancel booking')).toThrow();
    expect(textOf(page.querySelector('[aria-labelledby=booking-changes-heading]'))).toBe(`Change or cancel ${refusal.message}`);
  });

  it('cancels with a reason from an accessible dialog and shows the booking as canceled', async () => {
    await open();
    const opener = buttonNamed(page, 'Cancel booking');
    opener.focus();
    opener.click();
    await settle();
    expect(dialog().open).toBe(true);
    expect(textOf(page.querySelector(`#${dialog().getAttribute('aria-labelledby')}`))).toBe('Cancel this booking?');
    const reason = dialog().querySelector('textarea')!;
    expect(textOf(page.querySelector(`label[for="${reason.id}"]`))).toBe('Reason');
    expect(reason.required).toBe(true);
    expect(document.activeElement).toBe(reason);

    // No reason: nothing is sent, the field says why.
    buttonNamed(dialog(), 'Confirm cancellation').click();
    await settle();
    backend.expectNone({ method: 'POST' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(textOf(page.querySelector(`#${reason.getAttribute('aria-describedby')}`))).toBe('Please give a reason.');

    reason.value = 'Fixed it myself';
    reason.dispatchEvent(new Event('input'));
    buttonNamed(dialog(), 'Confirm cancellation').click();
    const request = backend.expectOne({ method: 'POST', url: `${API}/bookings/booking-1/cancel` });
    expect(request.request.body).toEqual({ reason: 'Fixed it myself' });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('token');
    request.flush(aBooking({ status: 'canceled', cancelReason: 'Fixed it myself', canCancel: false, canReschedule: false }));
    await settle();
    expect(dialog()).toBeNull();
    expect(facts('Status')).toBe('Canceled');
    expect(textOf(page.querySelector('#booking-notice'))).toBe('Canceled. Your appointment will not take place.');
    expect(document.activeElement).toBe(page.querySelector('#booking-notice'));
    expect(() => buttonNamed(page, 'Cancel booking')).toThrow();
  });

  it('shows the server’s reason when canceling is no longer possible, and returns focus when the dialog closes', async () => {
    await open();
    const opener = buttonNamed(page, 'Cancel booking');
    opener.focus();
    opener.click();
    await settle();
    const reason = dialog().querySelector('textarea')!;
    reason.value = 'Away that week';
    reason.dispatchEvent(new Event('input'));
    buttonNamed(dialog(), 'Confirm cancellation').click();
    backend
      .expectOne({ method: 'POST', url: `${API}/bookings/booking-1/cancel` })
      .flush(errorBody(409, 'cancelCutOffPassed', 'Appointments can be canceled online up to 24 hours before they start.'), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(textOf(dialog().querySelector('[role=alert]'))).toBe('Appointments can be canceled online up to 24 hours before they start.');
    expect(dialog().open).toBe(true);
    buttonNamed(dialog(), 'Keep appointment').click();
    await settle();
    expect(dialog().open).toBe(false);
    expect(document.activeElement).toBe(opener);
    expect(facts('Status')).toBe('Scheduled');
  });

  it('shows the API’s message for a booking that is not there', async () => {
    await harness.navigateByUrl('/northwind/bookings/booking-1');
    await settle();
    backend.expectOne(`${API}/bookings/booking-1`).flush(errorBody(404, 'bookingNotFound', 'This booking was not found.'), { status: 404, statusText: 'Not Found' });
    await settle();
    expect(textOf(harness.fixture.nativeElement.querySelector('main [role=alert]'))).toBe('This booking was not found.');
  });

  function facts(label: string): string {
    const row = [...page.querySelectorAll('dl.facts > div')].find((candidate) => textOf(candidate.querySelector('dt')) === label);
    return textOf(row?.querySelector('dd'));
  }
});
