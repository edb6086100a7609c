import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<SignInPage>;
  let page: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    backend = configureAdminTestBed();
    setXsrfCookie('token');
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignInPage);
    page = fixture.nativeElement;
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function signIn(email: string, password: string): Promise<void> {
    await fixture.whenStable();
    for (const [id, value] of [['sign-in-email', email], ['sign-in-password', password]]) {
      const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }

  it('returns to the page the guard sent the admin away from', async () => {
    fixture.componentRef.setInput('returnUrl', '/members');
    await signIn('dana@northwind.test', 'tide lantern copper');
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/sign-in' });
    expect(request.request.body).toEqual({ email: 'dana@northwind.test', password: 'tide lantern copper' });
    request.flush(aSession());
    expect(navigate).toHaveBeenCalledWith('/members');
  });

  it('never follows a return address to another site', async () => {
    fixture.componentRef.setInput('returnUrl', '//evil.test/phish');
    await signIn('dana@northwind.test', 'tide lantern copper');
    backend.expectOne('/api/auth/sign-in').flush(aSession());
    expect(navigate).toHaveBeenCalledWith('/overview');
  });

  it('says when the email or password is wrong, and stays', async () => {
    await signIn('dana@northwind.test', 'wrong');
    backend.expectOne('/api/auth/sign-in').flush(errorBody(401, 'invalidCredentials', 'Email or password is incorrect.'), { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    const alert = page.querySelector('[role=alert]');
    expect(alert?.textContent?.trim()).toBe('Email or password is incorrect.');
    expect(document.activeElement).toBe(alert);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('checks the email before asking the server', async () => {
    await signIn('not-an-email', 'whatever');
    expect(page.querySelector('#sign-in-email-error')?.textContent).toBe('Email must be a valid email address.');
    backend.expectNone('/api/auth/sign-in');
  });
});
