import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aPortalSession, answerAppearance, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';
import { aBooking, aSlot, buttonNamed, someOptions, someSlots, textOf } from './testing/booking-data';

const API = '/api/portal/northwind';

describe('ReschedulePage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
    answerAppearance(backend);
    await harness.fixture.whenStable();
  }

  async function open(booking = aBooking()): Promise<void> {
    await harness.navigateByUrl('/northwind/bookings/booking-1/reschedule');
    await settle();
    backend.expectOne(`${API}/bookings/booking-1`).flush(booking);
    backend.expectOne(`${API}/booking-options`).flush(someOptions());
    await settle();
    page = harness.fixture.nativeElement;
  }

  function slotsRequest(): TestRequest {
    return backend.expectOne((r) => r.url === `${API}/bookings/booking-1/slots`);
  }

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T15:00:00Z'));
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
      vi.useRealTimers();
      vi.restoreAllMocks();
      // A failed check must not leave the test module in place for the next test.
      TestBed.resetTestingModule();
    }
  });

  it('keeps the service and asset and moves the booking to a newly chosen time', async () => {
    await open();
    expect(textOf(page.querySelector('[aria-labelledby=current-heading]'))).toContain('Furnace tune-up');
    const request = slotsRequest();
    expect([request.request.params.get('from'), request.request.params.get('to')]).toEqual(['2026-11-20', '2026-11-30']);
    const wednesday = aSlot('2026-11-25T11:00');
    request.flush(someSlots([wednesday]));
    await settle();
    buttonNamed(page, 'Wednesday, November 25, 2026, available').click();
    await settle();
    buttonNamed(page, '11:00').click();
    await settle();
    buttonNamed(page, 'Confirm new time').click();
    const move = backend.expectOne({ method: 'POST', url: `${API}/bookings/booking-1/reschedule` });
    expect(move.request.body).toEqual({ start: wednesday.start });
    const key = move.request.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    move.flush(aBooking({ start: wednesday.start, end: wednesday.end }));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/northwind/bookings/booking-1');
    backend.expectOne(`${API}/bookings/booking-1`).flush(aBooking({ start: wednesday.start, end: wednesday.end }));
    await settle();
    page = harness.fixture.nativeElement;
    expect(textOf(page.querySelector('#booking-notice'))).toBe('Rescheduled. Your appointment is now at the time below.');
  });

  it('resends the same key after a dropped connection and offers fresh times after a 409', async () => {
    await open();
    const wednesday = aSlot('2026-11-25T11:00');
    slotsRequest().flush(someSlots([wednesday]));
    await settle();
    buttonNamed(page, 'Wednesday, November 25, 2026, available').click();
    await settle();
    buttonNamed(page, '11:00').click();
    await settle();
    buttonNamed(page, 'Confirm new time').click();
    const first = backend.expectOne({ method: 'POST', url: `${API}/bookings/booking-1/reschedule` });
    const key = first.request.headers.get('Idempotency-Key');
    first.error(new ProgressEvent('error'));
    await settle();
    buttonNamed(page, 'Confirm new time').click();
    const again = backend.expectOne({ method: 'POST', url: `${API}/bookings/booking-1/reschedule` });
    expect(again.request.headers.get('Idempotency-Key')).toBe(key);
    const noon = aSlot('2026-11-25T12:00');
    again.flush({ ...errorBody(409, 'slotTaken', 'That time was just taken.'), alternatives: [noon] }, { status: 409, statusText: 'Conflict' });
    await settle();
    slotsRequest().flush(someSlots([noon]));
    await settle();
    expect(textOf(page.querySelector('fb-reschedule-panel [role=alert]'))).toBe('That time was just taken.');
    expect(document.activeElement).toBe(page.querySelector('fb-reschedule-panel [role=alert]'));
    buttonNamed(page.querySelector('fb-slot-alternatives')!, '12:00').click();
    await settle();
    expect(page.querySelector('fb-reschedule-panel [role=alert]')).toBeNull();
  });

  it('shows why a booking can no longer be rescheduled, without a calendar', async () => {
    const refusal = { code: 'rescheduleCutOffPassed', message: 'Changes are possible up to 24 hours before the appointment.' };
    await open(aBooking({ canReschedule: false, rescheduleRefusal: refusal }));
    expect(page.querySelector('fb-slot-picker')).toBeNull();
    expect(textOf(page.querySelector('[aria-labelledby=new-time-heading]'))).toBe(`Choose a new day and time ${refusal.message}`);
  });
});
