import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aPortalSession, answerAppearance, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';
import { detailsStorageKey } from './book.page';
import { aBooking, aServiceType, aSlot, anAsset, buttonNamed, choiceNamed, nameOf, someOptions, someSlots, textOf } from './testing/booking-data';

const API = '/api/portal/northwind';
const NINE = aSlot('2026-11-24T09:00');
const ONE_PM = aSlot('2026-11-24T13:00');
const THURSDAY = aSlot('2026-11-26T08:00');

describe('BookPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
    answerAppearance(backend);
    await harness.fixture.whenStable();
  }

  async function open(url = '/northwind/book', options = someOptions()): Promise<void> {
    await harness.navigateByUrl(url);
    await settle();
    backend.expectOne(`${API}/booking-options`).flush(options);
    await settle();
    if (options.assetSelection) backend.expectOne(`${API}/assets`).flush([anAsset(), anAsset({ id: 'asset-boiler', name: 'Garage boiler', description: null })]);
    backend.expectOne(`${API}/service-types`).flush([aServiceType(), aServiceType({ id: 'type-repair', name: 'Repair visit', description: null, durationMinutes: 120 })]);
    await settle();
    page = harness.fixture.nativeElement;
  }

  function slotsRequest(): TestRequest {
    return backend.expectOne((request) => request.url === `${API}/slots`);
  }

  function query(): Record<string, string> {
    return TestBed.inject(Router).parseUrl(TestBed.inject(Router).url).queryParams;
  }

  /** Asset, service type, the 24th and 09:00: the state right before Book. */
  async function chooseEverything(): Promise<void> {
    await open();
    choiceNamed(page, 'Basement furnace').click();
    await settle();
    choiceNamed(page, 'Furnace tune-up').click();
    await settle();
    slotsRequest().flush(someSlots([NINE, ONE_PM, THURSDAY]));
    await settle();
    buttonNamed(page, 'Tuesday, November 24, 2026, available').click();
    await settle();
    buttonNamed(page, '09:00').click();
    await settle();
  }

  function bookButton(): HTMLButtonElement {
    return buttonNamed(page, 'Book');
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

  it('offers the assets with their service address first, then the service types in the customer’s language', async () => {
    await open();
    expect(textOf(page.querySelector('#step-asset'))).toBe('Step 1 of 4 Which equipment needs service?');
    expect(page.querySelector('#step-service')).toBeNull();
    const furnace = choiceNamed(page, 'Basement furnace');
    expect(nameOf(furnace)).toBe('Basement furnace Carrier 59SC5. Serviced at 12 Elm Street, 01101 Springfield, MA, United States');
    choiceNamed(page, 'Garage boiler').click();
    await settle();
    expect(query()).toEqual({ asset: 'asset-boiler' });
    expect(document.activeElement).toBe(page.querySelector('#step-service'));
    const repair = choiceNamed(page, 'Repair visit');
    expect(repair.getAttribute('aria-pressed')).toBe('false');
    expect(nameOf(repair)).toBe('Repair visit Takes about 120 minutes');
  });

  it('starts at the service type when the portal does not offer asset selection', async () => {
    await open('/northwind/book', someOptions({ assetSelection: false, additionalDetails: false }));
    expect(page.querySelector('#step-asset')).toBeNull();
    expect(textOf(page.querySelector('#step-service'))).toBe('Step 1 of 2 Which service do you need?');
    choiceNamed(page, 'Repair visit').click();
    await settle();
    const request = slotsRequest();
    expect(request.request.params.get('assetId')).toBeNull();
    expect(request.request.params.get('serviceTypeId')).toBe('type-repair');
    request.flush(someSlots([THURSDAY]));
    await settle();
  });

  it('asks for the visible month’s free times and shows the chosen day’s times in the location’s zone', async () => {
    await open();
    choiceNamed(page, 'Basement furnace').click();
    await settle();
    choiceNamed(page, 'Furnace tune-up').click();
    await settle();
    expect(page.querySelector('[role=status]')?.textContent).toBe('Looking for free times in November 2026…');
    expect(page.querySelectorAll('.skeleton').length).toBeGreaterThan(0);
    const request = slotsRequest();
    expect(request.request.params.keys().map((key) => [key, request.request.params.get(key)])).toEqual([
      ['serviceTypeId', 'type-tune-up'],
      ['from', '2026-11-20'],
      ['to', '2026-11-30'],
      ['assetId', 'asset-furnace'],
    ]);
    request.flush(someSlots([NINE, ONE_PM, THURSDAY]));
    await settle();
    expect(page.querySelector('fb-slot-picker [role=status]')?.textContent).toBe('2 days with free times in November 2026.');
    expect(buttonNamed(page, 'Wednesday, November 25, 2026, no times').getAttribute('aria-disabled')).toBe('true');
    buttonNamed(page, 'Tuesday, November 24, 2026, available').click();
    await settle();
    expect(query()['day']).toBe('2026-11-24');
    expect(textOf(page.querySelector('fb-slot-times h3'))).toBe('Times on Tuesday, November 24, 2026');
    expect(document.activeElement).toBe(page.querySelector('fb-slot-times h3'));
    expect(textOf(page.querySelector('fb-slot-times .zone'))).toBe('Times in America/New_York');
    expect([...page.querySelectorAll('fb-slot-times li button')].map(textOf)).toEqual(['09:00', '13:00']);
    expect(page.querySelector('fb-slot-picker [role=status]')?.textContent).toBe('2 free times on Tuesday, November 24, 2026.');
    buttonNamed(page, '13:00').click();
    await settle();
    expect(query()['time']).toBe(ONE_PM.start);
    expect(buttonNamed(page, '13:00').getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(page.querySelector('#step-details'));
  });

  it('says why no time is free when the engine finds none', async () => {
    await open('/northwind/book?asset=asset-furnace&service=type-tune-up');
    slotsRequest().flush(someSlots([], [{ code: 'beyondRadius', message: 'No technician works within 40 km of this address.' }]));
    await settle();
    // A month with nothing free moves on to the next once.
    const december = slotsRequest();
    expect([december.request.params.get('from'), december.request.params.get('to')]).toEqual(['2026-12-01', '2026-12-21']);
    december.flush(someSlots([], [{ code: 'beyondRadius', message: 'No technician works within 40 km of this address.' }]));
    await settle();
    expect(textOf(page.querySelector('.no-times'))).toBe('No free times in December 2026. No technician works within 40 km of this address.');
  });

  it('keeps the choices in the address and the details in the session, so a return after signing in again picks up where it was', async () => {
    sessionStorage.setItem(detailsStorageKey('northwind'), 'Gate code 4411');
    await open(`/northwind/book?asset=asset-furnace&service=type-tune-up&day=2026-11-24&time=${encodeURIComponent(NINE.start)}`);
    slotsRequest().flush(someSlots([NINE, ONE_PM]));
    await settle();
    expect(buttonNamed(page, '09:00').getAttribute('aria-pressed')).toBe('true');
    expect(page.querySelector('textarea')?.value).toBe('Gate code 4411');
    expect(textOf(page.querySelector('#booking-details-count'))).toBe('14 of 200 characters');
    expect(textOf(page.querySelector('.review'))).toContain('Tuesday, November 24, 2026');
    expect(textOf(page.querySelector('.review'))).toContain('09:00 (America/New_York)');
  });

  it('counts the details as they are typed and keeps them for later', async () => {
    await chooseEverything();
    const details = page.querySelector('textarea')!;
    expect(details.getAttribute('maxlength')).toBe('200');
    details.value = 'Dog in the yard';
    details.dispatchEvent(new Event('input'));
    await settle();
    expect(textOf(page.querySelector('#booking-details-count'))).toBe('15 of 200 characters');
    expect(sessionStorage.getItem(detailsStorageKey('northwind'))).toBe('Dog in the yard');
  });

  it('books once on a double click and shows the confirmation', async () => {
    await chooseEverything();
    const details = page.querySelector('textarea')!;
    details.value = '  Dog in the yard ';
    details.dispatchEvent(new Event('input'));
    await settle();
    bookButton().click();
    bookButton().click();
    await settle();
    expect(bookButton().disabled).toBe(true);
    const request = backend.expectOne({ method: 'POST', url: `${API}/bookings` });
    expect(request.request.body).toEqual({ serviceTypeId: 'type-tune-up', assetId: 'asset-furnace', start: NINE.start, details: 'Dog in the yard' });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(aBooking(), { status: 201, statusText: 'Created' });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/northwind/bookings/booking-1');
    backend.expectOne(`${API}/bookings/booking-1`).flush(aBooking());
    await settle();
    page = harness.fixture.nativeElement;
    expect(textOf(page.querySelector('h1'))).toBe('Booking confirmed');
    expect(textOf(page.querySelector('.notice'))).toBe('Booked. We have sent you a confirmation.');
    expect(sessionStorage.getItem(detailsStorageKey('northwind'))).toBeNull();
  });

  it('sends the same Idempotency-Key again when the connection dropped, and a new one for another time', async () => {
    await chooseEverything();
    bookButton().click();
    const first = backend.expectOne({ method: 'POST', url: `${API}/bookings` });
    const key = first.request.headers.get('Idempotency-Key');
    first.error(new ProgressEvent('error'));
    await settle();
    expect(textOf(page.querySelector('#book-problem'))).toBe('We could not reach the server. Check your connection and try again.');
    expect(document.activeElement).toBe(page.querySelector('#book-problem'));
    expect(bookButton().disabled).toBe(false);
    bookButton().click();
    const again = backend.expectOne({ method: 'POST', url: `${API}/bookings` });
    expect(again.request.headers.get('Idempotency-Key')).toBe(key);
    again.flush(errorBody(422, 'slotOutsideWindow', 'Choose a time between 1 and 30 days from today.'), { status: 422, statusText: 'Unprocessable Entity' });
    await settle();
    expect(textOf(page.querySelector('#book-problem'))).toBe('Choose a time between 1 and 30 days from today.');
    buttonNamed(page, '13:00').click();
    await settle();
    bookButton().click();
    const other = backend.expectOne({ method: 'POST', url: `${API}/bookings` });
    expect(other.request.body.start).toBe(ONE_PM.start);
    expect(other.request.headers.get('Idempotency-Key')).not.toBe(key);
    other.flush(aBooking({ start: ONE_PM.start }), { status: 201, statusText: 'Created' });
    await settle();
    backend.expectOne(`${API}/bookings/booking-1`).flush(aBooking());
    await settle();
  });

  it('offers the fresh times when the chosen one was taken, keeping the details', async () => {
    await chooseEverything();
    const details = page.querySelector('textarea')!;
    details.value = 'Side door';
    details.dispatchEvent(new Event('input'));
    await settle();
    bookButton().click();
    const taken = backend.expectOne({ method: 'POST', url: `${API}/bookings` });
    const takenKey = taken.request.headers.get('Idempotency-Key');
    const alternative = aSlot('2026-11-27T10:30');
    taken.flush({ ...errorBody(409, 'slotTaken', 'Someone just booked that time. Please pick another one.'), alternatives: [alternative] }, { status: 409, statusText: 'Conflict' });
    await settle();
    // The calendar asks again, since the taken time is gone.
    slotsRequest().flush(someSlots([ONE_PM, THURSDAY, alternative]));
    await settle();
    expect(textOf(page.querySelector('#book-problem'))).toBe('Someone just booked that time. Please pick another one.');
    const offered = page.querySelector('fb-slot-alternatives')!;
    expect(textOf(offered.querySelector('h3'))).toBe('Times on Friday, November 27, 2026');
    expect(page.querySelector('textarea')?.value).toBe('Side door');
    buttonNamed(offered, '10:30').click();
    await settle();
    expect(query()).toMatchObject({ day: '2026-11-27', time: alternative.start });
    expect(page.querySelector('#book-problem')).toBeNull();
    bookButton().click();
    const retry = backend.expectOne({ method: 'POST', url: `${API}/bookings` });
    expect(retry.request.body).toEqual({ serviceTypeId: 'type-tune-up', assetId: 'asset-furnace', start: alternative.start, details: 'Side door' });
    expect(retry.request.headers.get('Idempotency-Key')).not.toBe(takenKey);
    retry.flush(aBooking(), { status: 201, statusText: 'Created' });
    await settle();
    backend.expectOne(`${API}/bookings/booking-1`).flush(aBooking());
    await settle();
  });

  it('shows why the booking page cannot load', async () => {
    await harness.navigateByUrl('/northwind/book');
    await settle();
    backend.expectOne(`${API}/booking-options`).flush(errorBody(500, 'internal', 'Something went wrong on our side.'), { status: 500, statusText: 'Server Error' });
    await settle();
    expect(textOf(harness.fixture.nativeElement.querySelector('main [role=alert]'))).toBe('Something went wrong on our side.');
  });
});
