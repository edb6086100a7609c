import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RenderedMessage, Role, TemplateOverride } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { MessageTemplatesPage } from './message-templates.page';

const OVERRIDE: TemplateOverride = { type: 'confirmed', language: 'en', subject: 'See you on {{date}}', intro: null, updatedAt: '2026-11-20T09:00:00.000Z' };
const RENDERED: RenderedMessage = {
  subject: 'See you on Tuesday, December 1',
  text: 'Hello Lee,\nyour visit is confirmed.',
  html: '<!doctype html><html><body><h1 style="color:#1d4ed8">Hello Lee</h1><script>parent.alert(1)</script></body></html>',
  sms: 'Northwind: your visit on Dec 1 at 9:00 is confirmed.',
  smsLength: { encoding: 'GSM-7', characters: 52, segments: 1 },
};

describe('MessageTemplatesPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<MessageTemplatesPage>;
  let page: HTMLElement;
  let base: string;

  async function open(role: Role = 'owner'): Promise<void> {
    const session = aSession({ role });
    const environment = `/api/environments/${session.organizations[0]!.environments[0]!.id}`;
    base = `${environment}/message-templates`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(MessageTemplatesPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: base }).flush([OVERRIDE]);
    backend
      .expectOne({ method: 'GET', url: `${environment}/content-snippets` })
      .flush([{ key: 'parking_note', language: 'en', text: 'Park at the back.', updatedAt: '2026-11-20T09:00:00.000Z' }]);
    await fixture.whenStable();
  }

  const settle = () => fixture.whenStable();
  const field = (id: string) => page.querySelector<HTMLInputElement & HTMLTextAreaElement>(`#${id}`)!;

  async function type(id: string, value: string): Promise<void> {
    field(id).value = value;
    field(id).dispatchEvent(new Event('input'));
    await settle();
  }

  function button(text: string): HTMLButtonElement {
    const found = [...page.querySelectorAll('button')].find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  async function select(id: string, value: string): Promise<void> {
    const element = page.querySelector<HTMLSelectElement>(`#${id}`)!;
    element.value = value;
    element.dispatchEvent(new Event('change'));
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

  it('lists own texts per type and language and opens the chosen one with the placeholders it may use', async () => {
    await open();
    const confirmedRow = [...page.querySelectorAll('tbody tr')].find((row) => row.querySelector('th')?.textContent?.includes('Booking confirmation'))!;
    expect(confirmedRow.querySelectorAll('td')[0]!.textContent).toContain('Own text');
    expect(confirmedRow.querySelectorAll('td')[1]!.textContent).toContain('Standard');
    expect(field('template-subject').value).toBe('See you on {{date}}');
    const placeholders = [...page.querySelectorAll('.placeholders code')].map((code) => code.textContent);
    expect(placeholders).toContain('{{contactFirstName}}');
    expect(placeholders).toContain('{{company_name}}');
    expect(placeholders).toContain('{{parking_note}}');
    await select('template-language', 'de');
    expect(field('template-subject').value).toBe('');
  });

  it('previews the unsaved text in a sandboxed frame, with the text version and the SMS with its segments', async () => {
    await open();
    await type('template-intro', 'Thanks for booking, {{contactFirstName}}.');
    button('Preview').click();
    await settle();
    const request = backend.expectOne({ method: 'POST', url: `${base}/preview` });
    expect(request.request.body).toEqual({ type: 'confirmed', language: 'en', subject: 'See you on {{date}}', intro: 'Thanks for booking, {{contactFirstName}}.' });
    request.flush(RENDERED);
    await settle();
    const frame = page.querySelector<HTMLIFrameElement>('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(RENDERED.html);
    expect(page.querySelector('.preview-subject')?.textContent).toBe('See you on Tuesday, December 1');
    expect(page.querySelector('.preview-text')?.textContent).toBe(RENDERED.text);
    expect(page.querySelector('.preview-sms')?.textContent).toBe(RENDERED.sms);
    expect(page.querySelector('.sms-length')?.textContent?.trim()).toBe('1 SMS segment (52 characters, GSM-7)');
  });

  it('saves with PUT, empty text as the standard (null)', async () => {
    await open();
    await type('template-subject', 'Your visit is booked');
    await type('template-intro', '   ');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    const request = backend.expectOne(`${base}/confirmed/en`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ subject: 'Your visit is booked', intro: null });
    request.flush({ ...OVERRIDE, subject: 'Your visit is booked' });
    await settle();
    expect(page.querySelector('[role="status"]')!.textContent).toContain('Saved.');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
  });

  it('resets to the standard text with DELETE', async () => {
    await open();
    button('Reset to standard').click();
    await settle();
    const request = backend.expectOne(`${base}/confirmed/en`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(field('template-subject').value).toBe('');
    expect(page.textContent).not.toContain('Reset to standard');
  });

  it("shows the server's message next to the field on 400 and focuses it", async () => {
    await open();
    document.body.append(page);
    await type('template-subject', 'Hi {{nickname}}');
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    backend
      .expectOne(`${base}/confirmed/en`)
      .flush(errorBody(400, 'validationFailed', 'Check the highlighted fields.', [{ field: 'subject', code: 'unknownPlaceholder', message: 'Subject uses placeholders no message can fill: {{nickname}}.' }]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await settle();
    expect(page.querySelector('#template-subject-error')?.textContent).toBe('Subject uses placeholders no message can fill: {{nickname}}.');
    expect(document.activeElement).toBe(field('template-subject'));
    page.remove();
  });

  it('asks before switching away from unsaved text and stays on no', async () => {
    await open();
    await type('template-subject', 'Changed');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await select('template-type', 'reminder');
    expect(confirm).toHaveBeenCalled();
    expect(page.querySelector<HTMLSelectElement>('#template-type')!.value).toBe('confirmed');
    expect(field('template-subject').value).toBe('Changed');
  });

  it('lets dispatchers preview but not change', async () => {
    await open('dispatcher');
    expect(field('template-subject').readOnly).toBe(true);
    expect(page.querySelector('button[type="submit"]')).toBeNull();
    button('Preview').click();
    await settle();
    backend.expectOne({ method: 'POST', url: `${base}/preview` }).flush(RENDERED);
    await settle();
    expect(page.querySelector('iframe')).not.toBeNull();
  });
});
