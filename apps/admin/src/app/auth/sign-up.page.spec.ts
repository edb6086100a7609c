import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { I18n } from '@fieldbook/ui-i18n';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { SignUpPage } from './sign-up.page';

describe('SignUpPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<SignUpPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    backend = configureAdminTestBed();
    setXsrfCookie('token');
    fixture = TestBed.createComponent(SignUpPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  function field(label: string): HTMLInputElement {
    const element = [...page.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label);
    if (!element) throw new Error(`No field labelled ${label}`);
    return element.htmlFor ? page.querySelector<HTMLInputElement>(`#${element.htmlFor}`)! : element.querySelector('input')!;
  }

  function type(label: string, value: string): void {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }

  function errorFor(label: string): string | null {
    const ids = field(label).getAttribute('aria-describedby')?.split(' ') ?? [];
    const error = ids.map((id) => page.querySelector(`#${id}`)).find((element) => element?.classList.contains('field-error'));
    return error?.textContent?.trim() ?? null;
  }

  it('labels every field and explains the password policy', () => {
    expect(field('Organization name')).toBeTruthy();
    expect(field('Your name').autocomplete).toBe('name');
    expect(field('Email').type).toBe('email');
    const password = field('Password');
    expect(password.type).toBe('password');
    const hint = page.querySelector(`#${password.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toContain('At least 12 characters');
    expect(hint?.textContent).toContain('Common passwords are refused');
  });

  it('says what is missing without sending anything', async () => {
    type('Password', 'short');
    await submit();
    expect(errorFor('Organization name')).toBe('Organization name is required.');
    expect(errorFor('Email')).toBe('Email is required.');
    expect(errorFor('Password')).toBe('Use at least 12 characters.');
    expect(field('Email').getAttribute('aria-invalid')).toBe('true');
    backend.expectNone('/api/auth/sign-up');
  });

  it('creates the organization in the chosen language and opens the console', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    TestBed.inject(I18n).use('de');
    await fixture.whenStable();
    type('Name der Organisation', '  Northwind Heating & Air ');
    type('Ihr Name', 'Dana Reyes');
    type('E-Mail-Adresse', 'dana@northwind.test');
    type('Passwort', 'four unrelated words here');
    await submit();
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/sign-up' });
    expect(request.request.body).toEqual({
      organizationName: 'Northwind Heating & Air',
      name: 'Dana Reyes',
      email: 'dana@northwind.test',
      password: 'four unrelated words here',
      language: 'de',
    });
    expect(request.request.headers.get('Accept-Language')).toBe('de');
    request.flush(aSession({ language: 'de' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(TestBed.inject(SessionService).user()?.name).toBe('Dana Reyes');
    expect(navigate).toHaveBeenCalledWith('/overview');
  });

  it('shows the API’s messages, next to the fields they concern, until the field is changed', async () => {
    type('Organization name', 'Northwind');
    type('Your name', 'Dana');
    type('Email', 'dana@northwind.test');
    type('Password', 'password1234');
    await submit();
    backend.expectOne('/api/auth/sign-up').flush(
      errorBody(400, 'validation', 'Some fields are not valid. Check them and try again.', [
        { field: 'password', code: 'passwordTooCommon', message: 'This password is too common. Choose one that is harder to guess.' },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Some fields are not valid. Check them and try again.');
    expect(errorFor('Password')).toBe('This password is too common. Choose one that is harder to guess.');
    expect(document.activeElement).toBe(field('Password'));

    type('Password', 'a much less guessable phrase');
    await fixture.whenStable();
    expect(errorFor('Password')).toBeNull();
  });

  it('shows a conflict such as an email already taken', async () => {
    type('Organization name', 'Northwind');
    type('Your name', 'Dana');
    type('Email', 'dana@northwind.test');
    type('Password', 'four unrelated words here');
    await submit();
    backend.expectOne('/api/auth/sign-up').flush(errorBody(409, 'emailTaken', 'An account with this email already exists. Sign in instead.'), {
      status: 409,
      statusText: 'Conflict',
    });
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('An account with this email already exists. Sign in instead.');
    expect(page.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(false);
  });

  it('shows and hides the password on request', async () => {
    const toggle = field('Show password');
    expect(toggle.type).toBe('checkbox');
    toggle.click();
    await fixture.whenStable();
    expect(field('Password').type).toBe('text');
    toggle.click();
    await fixture.whenStable();
    expect(field('Password').type).toBe('password');
  });
});
