import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { aPortalSession, answerAppearance, button, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie, type } from '../../testing/portal-test-bed';
import { PortalSessionService } from '../core/portal-session.service';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<SignInPage>;
  let page: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    enterPortal();
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignInPage);
    page = fixture.nativeElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  });
  afterEach(() => {
    page.remove();
    answerAppearance(backend);
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function signIn(email: string, password: string): Promise<void> {
    type(page, 'sign-in-email', email);
    type(page, 'sign-in-password', password);
    button(page, 'Sign in').click();
    await fixture.whenStable();
  }

  it('labels its fields and returns to the step the guard sent the customer away from', async () => {
    expect(page.querySelector('label[for=sign-in-email]')?.textContent).toBe('Email');
    expect(page.querySelector('label[for=sign-in-password]')?.textContent).toBe('Password');
    fixture.componentRef.setInput('returnUrl', '/northwind/book?serviceTypeId=s1');
    await signIn(' dana@example.test ', 'tide lantern copper');
    const request = backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/sign-in' });
    expect(request.request.body).toEqual({ email: 'dana@example.test', password: 'tide lantern copper' });
    request.flush(aPortalSession());
    expect(navigate).toHaveBeenCalledWith('/northwind/book?serviceTypeId=s1');
  });

  it('asks for the profile first after the first sign-in', async () => {
    await signIn('dana@example.test', 'tide lantern copper');
    backend.expectOne('/api/portal/northwind/auth/sign-in').flush(aPortalSession({ profilePending: true }));
    expect(navigate).toHaveBeenCalledWith('/northwind/profile?returnUrl=%2Fnorthwind%2Fbookings');
  });

  it('never follows a return address out of this portal', async () => {
    fixture.componentRef.setInput('returnUrl', '//evil.test/northwind');
    await signIn('dana@example.test', 'tide lantern copper');
    backend.expectOne('/api/portal/northwind/auth/sign-in').flush(aPortalSession());
    expect(navigate).toHaveBeenCalledWith('/northwind/bookings');
  });

  it('shows the server’s message when the email or password is wrong, focused, and stays', async () => {
    await signIn('dana@example.test', 'wrong');
    backend.expectOne('/api/portal/northwind/auth/sign-in').flush(errorBody(401, 'invalidCredentials', 'Email or password is incorrect.'), { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    const alert = page.querySelector('[role=alert]');
    expect(alert?.textContent?.trim()).toBe('Email or password is incorrect.');
    expect(document.activeElement).toBe(alert);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('checks the fields before asking the server, with the message tied to the field', async () => {
    await signIn('not-an-email', '');
    backend.expectNone('/api/portal/northwind/auth/sign-in');
    const email = page.querySelector('#sign-in-email')!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('sign-in-email-error');
    expect(page.querySelector('#sign-in-email-error')?.textContent).toBe('Email must be a valid email address.');
    expect(page.querySelector('#sign-in-password-error')).not.toBeNull();
    expect(document.activeElement).toBe(email);
  });

  it('says why the customer has to sign in again after the session ran out', async () => {
    TestBed.inject(PortalSessionService).expire();
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent).toContain('Your session has expired.');
  });
});
