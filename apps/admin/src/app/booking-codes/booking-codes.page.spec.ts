import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { BookingCode, Page, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { BookingCodesPage } from './booking-codes.page';

const BOOKING = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';

function aCode(overrides: Partial<BookingCode> = {}): BookingCode {
  return {
    id: 'code-1',
    bookingId: BOOKING,
    contactId: 'contact-1',
    contactName: 'Lee Park',
    state: 'active',
    expiresAt: '2026-12-08T18:00:00.000Z',
    lastUsedAt: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

const aPage = (items: BookingCode[]): Page<BookingCode> => ({ items, total: items.length, limit: 25, offset: 0 });

describe('BookingCodesPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<BookingCodesPage>;
  let page: HTMLElement;
  let base: string;

  async function open(role: Role = 'owner'): Promise<TestRequest> {
    const session = aSession({ role });
    base = `/api/environments/${session.organizations[0]!.environments[0]!.id}/booking-codes`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(BookingCodesPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    return backend.expectOne((request) => request.url === base && request.method === 'GET');
  }

  const settle = () => fixture.whenStable();

  function button(text: string, scope: ParentNode = page): HTMLButtonElement {
    const found = [...scope.querySelectorAll('button')].find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  async function ask(text: string): Promise<HTMLDialogElement> {
    const opener = button(text);
    opener.focus();
    opener.click();
    await settle();
    return page.querySelector('dialog')!;
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

  it('lists codes with their state and filters by state and booking', async () => {
    (await open()).flush(aPage([aCode(), aCode({ id: 'code-2', contactName: 'Kim Roe', state: 'blocked', lastUsedAt: '2026-11-21T10:00:00.000Z' })]));
    await settle();
    expect(page.querySelector('caption')?.textContent).toBe('Booking codes, newest first');
    const rows = [...page.querySelectorAll('tbody tr')];
    expect(rows[0]!.textContent).toContain('Active');
    expect(rows[0]!.textContent).toContain('Never');
    expect(rows[1]!.textContent).toContain('Blocked');
    expect(rows[1]!.querySelectorAll('button')).toHaveLength(0);
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('2 booking codes found.');

    const state = page.querySelector<HTMLSelectElement>('#code-filter-state')!;
    state.value = 'expired';
    state.dispatchEvent(new Event('change'));
    const booking = page.querySelector<HTMLInputElement>('#code-filter-booking')!;
    booking.value = BOOKING;
    booking.dispatchEvent(new Event('input'));
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle();
    const filtered = backend.expectOne((request) => request.url === base);
    expect(filtered.request.params.get('state')).toBe('expired');
    expect(filtered.request.params.get('bookingId')).toBe(BOOKING);
    expect(filtered.request.params.has('contactId')).toBe(false);
    filtered.flush(aPage([]));
    await settle();
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('No booking codes match these filters.');
  });

  it('shows a filter the API refused next to its field', async () => {
    (await open()).flush(aPage([]));
    await settle();
    const contact = page.querySelector<HTMLInputElement>('#code-filter-contact')!;
    contact.value = 'not-an-id';
    contact.dispatchEvent(new Event('input'));
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle();
    expect(page.querySelector('#code-filter-contact-error')?.textContent).toBe('Contact ID is not valid.');
    backend.expectNone((request) => request.url === base);
  });

  it('extends a code to the chosen expiry after confirmation', async () => {
    (await open()).flush(aPage([aCode()]));
    await settle();
    const dialog = await ask('Extend the code of Lee Park');
    expect(page.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Extend the code of Lee Park');
    const input = dialog.querySelector<HTMLInputElement>('#extend-expires-at')!;
    expect(document.activeElement).toBe(input);
    expect(input.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    input.value = '2027-01-15T17:30';
    input.dispatchEvent(new Event('input'));
    button('Extend code', dialog).click();
    const request = backend.expectOne({ method: 'POST', url: `${base}/code-1/extend` });
    expect(request.request.body).toEqual({ expiresAt: new Date(2027, 0, 15, 17, 30).toISOString() });
    request.flush(aCode({ expiresAt: new Date(2027, 0, 15, 17, 30).toISOString() }));
    await settle();
    backend.expectOne((candidate) => candidate.url === base).flush(aPage([aCode()]));
    await settle();
    expect(page.querySelector('dialog')).toBeNull();
    expect(page.querySelector('[role=status]')?.textContent).toContain('The code of Lee Park now works until Jan 15, 2027');
  });

  it('keeps the extend dialog open with the server’s reason next to the date', async () => {
    (await open()).flush(aPage([aCode()]));
    await settle();
    const dialog = await ask('Extend the code of Lee Park');
    button('Extend code', dialog).click();
    backend
      .expectOne({ method: 'POST', url: `${base}/code-1/extend` })
      .flush(errorBody(400, 'validationFailed', 'Please check the highlighted fields.', [{ field: 'expiresAt', code: 'expiryTooFar', message: 'The expiry can be at most a year ahead.' }]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await settle();
    expect(dialog.querySelector('[role=alert]')?.textContent).toBe('Please check the highlighted fields.');
    expect(dialog.querySelector('#extend-expires-at-error')?.textContent).toBe('The expiry can be at most a year ahead.');
    expect(document.activeElement).toBe(dialog.querySelector('#extend-expires-at'));
  });

  it('expires a code after confirmation', async () => {
    (await open()).flush(aPage([aCode()]));
    await settle();
    const dialog = await ask('Expire the code of Lee Park');
    expect(document.activeElement).toBe(button('Cancel', dialog));
    backend.expectNone({ method: 'POST' });
    button('Yes, expire it', dialog).click();
    backend.expectOne({ method: 'POST', url: `${base}/code-1/expire` }).flush(aCode({ state: 'expired' }));
    await settle();
    backend.expectOne((candidate) => candidate.url === base).flush(aPage([aCode({ state: 'expired' })]));
    await settle();
    expect(page.querySelector('[role=status]')?.textContent?.trim()).toBe('The code of Lee Park has expired.');
    expect(page.querySelector('tbody tr')?.textContent).toContain('Expired');
  });

  it('shows why a code could not be blocked, and gives focus back on cancel', async () => {
    (await open()).flush(aPage([aCode()]));
    await settle();
    const opener = button('Block the code of Lee Park');
    const dialog = await ask('Block the code of Lee Park');
    button('Yes, block it', dialog).click();
    backend.expectOne({ method: 'POST', url: `${base}/code-1/block` }).flush(errorBody(404, 'bookingCodeNotFound', 'This booking code does not exist.'), { status: 404, statusText: 'Not Found' });
    await settle();
    const alert = dialog.querySelector('[role=alert]');
    expect(alert?.textContent).toBe('This booking code does not exist.');
    expect(document.activeElement).toBe(alert);
    button('Cancel', dialog).click();
    await settle();
    expect(page.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('shows dispatchers the codes without actions', async () => {
    (await open('dispatcher')).flush(aPage([aCode()]));
    await settle();
    expect(page.querySelectorAll('tbody button')).toHaveLength(0);
    expect(page.textContent).toContain('Only owners and admins can extend, expire or block them.');
  });

  it('shows the API’s reason when the codes cannot be loaded', async () => {
    (await open()).error(new ProgressEvent('error'));
    await settle();
    expect(page.querySelector('[role=alert]')?.textContent).toBe('We could not reach the server. Check your connection and try again.');
  });
});
