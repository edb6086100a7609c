import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ContentSnippet, Role } from '@fieldbook/contracts';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { SnippetsPage } from './snippets.page';

const snippet = (key: string, language: string, text: string): ContentSnippet => ({ key, language, text, updatedAt: '2026-11-20T09:00:00.000Z' });
const SNIPPETS = [snippet('company_name', 'en', 'Northwind Heating & Air'), snippet('company_name', 'de', 'Northwind Heizung'), snippet('parking_note', 'en', 'Park at the back.')];

describe('SnippetsPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<SnippetsPage>;
  let page: HTMLElement;
  let base: string;

  async function open(role: Role = 'owner'): Promise<TestRequest> {
    const session = aSession({ role });
    base = `/api/environments/${session.organizations[0]!.environments[0]!.id}/content-snippets`;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(SnippetsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    return backend.expectOne((request) => request.url === base && request.method === 'GET');
  }

  const settle = () => fixture.whenStable();
  const field = (id: string) => page.querySelector<HTMLTextAreaElement & HTMLInputElement>(`#${id}`)!;

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

  async function chooseLanguage(language: string): Promise<void> {
    const select = page.querySelector<HTMLSelectElement>('#snippet-language')!;
    select.value = language;
    select.dispatchEvent(new Event('change'));
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

  it('shows the standard and custom keys with the texts of the chosen language', async () => {
    (await open()).flush(SNIPPETS);
    await settle();
    const labels = [...page.querySelectorAll('.snippet-list code')].map((code) => code.textContent);
    expect(labels).toEqual(['{{company_name}}', '{{contact_email}}', '{{contact_phone}}', '{{page_title}}', '{{page_footer}}', '{{parking_note}}']);
    expect(field('snippet-company_name-en').value).toBe('Northwind Heating & Air');
    expect(field('snippet-parking_note-en').value).toBe('Park at the back.');
    await chooseLanguage('de');
    expect(field('snippet-company_name-de').value).toBe('Northwind Heizung');
    expect(field('snippet-parking_note-de').value).toBe('');
  });

  it('saves one text with PUT to its key and language', async () => {
    (await open()).flush(SNIPPETS);
    await settle();
    await chooseLanguage('fr');
    await type('snippet-contact_email-fr', '  bonjour@northwind.test ');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(true);
    button('Save contact_email').click();
    await settle();
    const request = backend.expectOne(`${base}/contact_email/fr`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ text: 'bonjour@northwind.test' });
    request.flush(snippet('contact_email', 'fr', 'bonjour@northwind.test'));
    await settle();
    expect(page.querySelector('[role="status"]')!.textContent).toContain('Saved.');
    expect(fixture.componentInstance.hasUnsavedChanges()).toBe(false);
    expect(button('Clear contact_email')).toBeTruthy();
  });

  it('clears a stored text with DELETE', async () => {
    (await open()).flush(SNIPPETS);
    await settle();
    button('Clear company_name').click();
    await settle();
    const request = backend.expectOne(`${base}/company_name/en`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(field('snippet-company_name-en').value).toBe('');
    expect(page.textContent).not.toContain('Clear company_name');
  });

  it('adds a custom key, refusing a malformed one', async () => {
    (await open()).flush(SNIPPETS);
    await settle();
    await type('snippet-new-key', 'Gate Code');
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await settle();
    expect(page.querySelector('#snippet-new-key-error')?.textContent).toContain('New key');
    await type('snippet-new-key', 'gate_code');
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await settle();
    expect(field('snippet-gate_code-en')).toBeTruthy();
  });

  it("refuses an empty text before sending, and shows the server's message on 400 next to the text", async () => {
    (await open()).flush(SNIPPETS);
    await settle();
    document.body.append(page);
    button('Save page_title').click();
    await settle();
    expect(field('snippet-page_title-en').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('#snippet-page_title-en-error')?.textContent).toContain('is required');
    backend.expectNone(`${base}/page_title/en`);

    await type('snippet-page_title-en', 'Book your visit');
    button('Save page_title').click();
    await settle();
    backend
      .expectOne(`${base}/page_title/en`)
      .flush(errorBody(400, 'validationFailed', 'Check the highlighted fields.', [{ field: 'text', code: 'maxLength', message: 'Text is too long.' }]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await settle();
    expect(page.querySelector('#snippet-page_title-en-error')?.textContent).toBe('Text is too long.');
    expect(document.activeElement).toBe(field('snippet-page_title-en'));
    page.remove();
  });

  it('turns read-only when the API refuses the change with 403, saying why next to the text', async () => {
    (await open('admin')).flush(SNIPPETS);
    await settle();
    await type('snippet-page_footer-en', 'Northwind, 12 Elm St');
    button('Save page_footer').click();
    await settle();
    backend.expectOne(`${base}/page_footer/en`).flush(errorBody(403, 'forbidden', 'Your role does not allow this.'), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(page.querySelector('#snippet-page_footer-en-error')?.textContent).toBe('Your role does not allow this.');
    expect(field('snippet-page_footer-en').readOnly).toBe(true);
    expect(page.querySelectorAll('.snippet-actions')).toHaveLength(0);
  });

  it('shows dispatchers the texts read-only, without buttons', async () => {
    (await open('dispatcher')).flush(SNIPPETS);
    await settle();
    expect(field('snippet-company_name-en').readOnly).toBe(true);
    expect(page.querySelectorAll('button')).toHaveLength(0);
  });
});
