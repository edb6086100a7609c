import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MailboxMessage, MailboxMessageSummary, Page, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { ConsoleContext } from '../core/console-context.service';
import { SessionService } from '../core/session.service';
import { MailboxPage } from './mailbox.page';

function aSummary(overrides: Partial<MailboxMessageSummary> = {}): MailboxMessageSummary {
  return { id: 'm-1', channel: 'email', to: 'lee@example.test', subject: 'Your booking is confirmed', preview: 'See you on Tuesday.', attachmentCount: 0, createdAt: '2026-11-20T09:00:00.000Z', ...overrides };
}

const aPage = (items: MailboxMessageSummary[]): Page<MailboxMessageSummary> => ({ items, total: items.length, limit: 25, offset: 0 });

describe('MailboxPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<MailboxPage>;
  let page: HTMLElement;
  let base: string;

  async function open(role: Role = 'owner', sandbox = true): Promise<TestRequest> {
    const session = aSession({ role });
    const environment = session.organizations[0]!.environments[sandbox ? 1 : 0]!;
    base = `/api/environments/${environment.id}/mailbox`;
    TestBed.inject(SessionService).adopt(session);
    TestBed.inject(ConsoleContext).selectEnvironment(environment.id);
    fixture = TestBed.createComponent(MailboxPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    const request = backend.expectOne((candidate) => candidate.url === base && candidate.method === 'GET');
    expect(request.request.params.get('offset')).toBe('0');
    return request;
  }

  const settle = () => fixture.whenStable();

  function button(text: string, scope: ParentNode = page): HTMLButtonElement {
    const found = [...scope.querySelectorAll('button')].find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
    if (!found) throw new Error(`No button "${text}"`);
    return found;
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

  it('lists kept messages by recipient, subject or first line, channel and time', async () => {
    (await open()).flush(aPage([aSummary(), aSummary({ id: 'm-2', channel: 'sms', to: '+15550100', subject: null, preview: 'Northwind: see you Tuesday.' })]));
    await settle();
    const rows = [...page.querySelectorAll('tbody tr')];
    expect(rows[0]!.querySelector('th')?.textContent).toBe('lee@example.test');
    expect(rows[0]!.textContent).toContain('Your booking is confirmed');
    expect(rows[1]!.textContent).toContain('Northwind: see you Tuesday.');
    expect(rows[1]!.textContent).toContain('SMS');
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('2 messages in the mailbox.');
    expect(page.querySelector('.alert-info')).toBeNull();
  });

  it('reads one message with its HTML in a sandboxed frame', async () => {
    (await open()).flush(aPage([aSummary()]));
    await settle();
    button('Read the message to lee@example.test').click();
    await settle();
    const message: MailboxMessage = {
      id: 'm-1',
      channel: 'email',
      to: 'lee@example.test',
      from: 'hello@northwind.test',
      fromName: 'Northwind',
      replyTo: null,
      subject: 'Your booking is confirmed',
      text: 'See you on Tuesday.',
      html: '<h1>See you</h1>',
      attachments: [{ filename: 'booking.ics', contentType: 'text/calendar', size: 120, content: 'QkVHSU4=' }],
      createdAt: '2026-11-20T09:00:00.000Z',
    };
    backend.expectOne(`${base}/m-1`).flush(message);
    await settle();
    const section = page.querySelector('#mailbox-message')!;
    expect(section.textContent).toContain('Northwind <hello@northwind.test>');
    expect(section.textContent).toContain('booking.ics');
    const frame = section.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe('<h1>See you</h1>');
    expect(section.querySelector('.message-text')?.textContent).toBe('See you on Tuesday.');
    expect(document.activeElement).toBe(page.querySelector('#mailbox-message-heading'));
  });

  it('says when the mailbox is empty, and notes that production sends for real', async () => {
    (await open('owner', false)).flush(aPage([]));
    await settle();
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('The mailbox is empty.');
    expect(page.querySelector('.alert-info')?.textContent).toContain('This is production.');
    expect(page.querySelector('table')).toBeNull();
  });

  it('shows what the API says when the mailbox cannot be read', async () => {
    (await open()).flush(errorBody(404, 'environmentNotFound', 'This environment does not exist.'), { status: 404, statusText: 'Not Found' });
    await settle();
    expect(page.querySelector('[role=alert]')?.textContent).toBe('This environment does not exist.');
  });

  it('clears the mailbox after confirmation and says how many were deleted', async () => {
    (await open()).flush(aPage([aSummary()]));
    await settle();
    const opener = button('Clear mailbox…');
    opener.focus();
    opener.click();
    await settle();
    const dialog = page.querySelector('dialog')!;
    expect(page.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Clear the mailbox?');
    expect(document.activeElement).toBe(button('Cancel', dialog));
    backend.expectNone({ method: 'DELETE' });
    button('Yes, clear it', dialog).click();
    backend.expectOne({ method: 'DELETE', url: base }).flush({ deleted: 1 });
    await settle();
    backend.expectOne((candidate) => candidate.url === base).flush(aPage([]));
    await settle();
    expect(page.querySelector('dialog')).toBeNull();
    expect(page.querySelector('[role=status]')?.textContent?.trim()).toBe('The mailbox was emptied: 1 message deleted.');
    expect(page.querySelector('.list-status')?.textContent?.trim()).toBe('The mailbox is empty.');
    expect(document.activeElement).toBe(opener);
  });

  it('closes the confirmation on Escape without clearing', async () => {
    (await open()).flush(aPage([aSummary()]));
    await settle();
    button('Clear mailbox…').click();
    await settle();
    page.querySelector('dialog')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(page.querySelector('dialog')).toBeNull();
    backend.expectNone({ method: 'DELETE' });
  });

  it('shows the server’s refusal to clear', async () => {
    (await open('admin')).flush(aPage([aSummary()]));
    await settle();
    button('Clear mailbox…').click();
    await settle();
    button('Yes, clear it').click();
    backend.expectOne({ method: 'DELETE', url: base }).flush(errorBody(403, 'forbidden', 'Only owners and admins can do this.'), { status: 403, statusText: 'Forbidden' });
    await settle();
    const alert = page.querySelector('#clear-problem');
    expect(alert?.textContent).toBe('Only owners and admins can do this.');
    expect(document.activeElement).toBe(alert);
  });

  it('offers dispatchers no way to clear', async () => {
    (await open('dispatcher')).flush(aPage([aSummary()]));
    await settle();
    expect(() => button('Clear mailbox…')).toThrow();
  });
});
