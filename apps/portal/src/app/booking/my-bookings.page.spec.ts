import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { aPortalSession, answerAppearance, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';
import { aBooking, textOf } from './testing/booking-data';

describe('MyBookingsPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(answer: (request: ReturnType<HttpTestingController['expectOne']>) => void): Promise<HTMLElement> {
    await harness.navigateByUrl('/northwind/bookings');
    await harness.fixture.whenStable();
    answerAppearance(backend);
    answer(backend.expectOne('/api/portal/northwind/bookings'));
    await harness.fixture.whenStable();
    return harness.fixture.nativeElement;
  }

  beforeEach(async () => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    enterPortal(aPortalSession());
    harness = await RouterTestingHarness.create();
  });
  afterEach(() => {
    try {
      backend.verify();
    } finally {
      setXsrfCookie(null);
      vi.restoreAllMocks();
      // A failed check must not leave the test module in place for the next test.
      TestBed.resetTestingModule();
    }
  });

  it('lists upcoming and past bookings with their status, each linking to its page', async () => {
    const page = await open((request) =>
      request.flush({
        upcoming: [aBooking()],
        past: [aBooking({ id: 'booking-0', status: 'canceled', start: '2026-10-02T13:00:00-04:00', end: '2026-10-02T14:30:00-04:00' })],
      }),
    );
    const upcoming = page.querySelector('[aria-labelledby=upcoming-heading] li')!;
    expect(textOf(upcoming.querySelector('a'))).toBe('Tuesday, November 24, 2026, 09:00 · Furnace tune-up');
    expect(upcoming.querySelector('a')?.getAttribute('href')).toBe('/northwind/bookings/booking-1');
    expect(textOf(upcoming.querySelector('.status'))).toBe('Scheduled');
    const past = page.querySelector('[aria-labelledby=past-heading] li')!;
    expect(textOf(past.querySelector('a'))).toBe('Friday, October 2, 2026, 13:00 · Furnace tune-up');
    expect(textOf(past.querySelector('.status'))).toBe('Canceled');
  });

  it('says when there is nothing to list', async () => {
    const page = await open((request) => request.flush({ upcoming: [], past: [] }));
    expect(textOf(page.querySelector('[aria-labelledby=upcoming-heading]'))).toBe('Upcoming You have no upcoming appointments.');
    expect(textOf(page.querySelector('[aria-labelledby=past-heading]'))).toBe('Past and canceled No past appointments yet.');
  });

  it('shows the API’s message when the list cannot be loaded', async () => {
    const page = await open((request) => request.flush(errorBody(500, 'internal', 'Something went wrong on our side.'), { status: 500, statusText: 'Server Error' }));
    expect(textOf(page.querySelector('main [role=alert]'))).toBe('Something went wrong on our side.');
  });
});
