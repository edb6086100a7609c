import { HttpTestingController } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { aPortalSession, answerAppearance, button, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie, type } from '../../testing/portal-test-bed';
import { ChangePasswordPage } from './change-password.page';
import { ForgotPasswordPage } from './forgot-password.page';
import { ResetPasswordPage } from './reset-password.page';

describe('password pages', () => {
  let backend: HttpTestingController;
  let navigate: ReturnType<typeof vi.spyOn>;
  let page: HTMLElement;

  beforeEach(() => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });
  afterEach(() => {
    page?.remove();
    answerAppearance(backend);
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function render<T>(component: Type<T>, inputs: Record<string, string> = {}) {
    const fixture = TestBed.createComponent(component);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    page = fixture.nativeElement;
    document.body.appendChild(page);
    await fixture.whenStable();
    return fixture;
  }

  describe('ForgotPasswordPage', () => {
    beforeEach(() => enterPortal());

    it('gives the same answer whether or not the address has an account', async () => {
      const fixture = await render(ForgotPasswordPage);
      type(page, 'forgot-password-email', 'someone@example.test');
      button(page, 'Send reset link').click();
      await fixture.whenStable();
      const request = backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/forgot-password' });
      expect(request.request.body).toEqual({ email: 'someone@example.test' });
      request.flush(null, { status: 202, statusText: 'Accepted' });
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
      const status = page.querySelector('[role=status]');
      expect(status?.textContent).toBe(
        'If an account exists for someone@example.test, we have sent it a link to choose a new password. The link is valid for 60 minutes.',
      );
      expect(document.activeElement).toBe(status);
    });

    it('shows the server’s refusal of too many requests', async () => {
      const fixture = await render(ForgotPasswordPage);
      type(page, 'forgot-password-email', 'someone@example.test');
      button(page, 'Send reset link').click();
      await fixture.whenStable();
      backend
        .expectOne('/api/portal/northwind/auth/forgot-password')
        .flush(errorBody(429, 'tooManyPasswordResetRequests', 'Too many reset requests. Try again later.'), { status: 429, statusText: 'Too Many Requests' });
      await fixture.whenStable();
      expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Too many reset requests. Try again later.');
      expect(page.querySelector('[role=status]')).toBeNull();
    });
  });

  describe('ResetPasswordPage', () => {
    beforeEach(() => enterPortal());

    it('sets the new password with the link’s token and signs the customer in', async () => {
      const fixture = await render(ResetPasswordPage, { token: 'reset-token' });
      type(page, 'reset-password-password', 'a brand new password');
      button(page, 'Set password').click();
      await fixture.whenStable();
      const request = backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/reset-password' });
      expect(request.request.body).toEqual({ token: 'reset-token', password: 'a brand new password' });
      request.flush(aPortalSession());
      expect(navigate).toHaveBeenCalledWith('/northwind/bookings');
    });

    it('offers a new link when this one has expired', async () => {
      const fixture = await render(ResetPasswordPage, { token: 'reset-token' });
      type(page, 'reset-password-password', 'a brand new password');
      button(page, 'Set password').click();
      await fixture.whenStable();
      backend
        .expectOne('/api/portal/northwind/auth/reset-password')
        .flush(errorBody(410, 'passwordResetExpired', 'This reset link has expired.'), { status: 410, statusText: 'Gone' });
      await fixture.whenStable();
      const alert = page.querySelector('[role=alert]')!;
      expect(alert.textContent).toContain('This reset link has expired.');
      expect(alert.querySelector('a')?.textContent).toBe('Request a new link');
      expect(navigate).not.toHaveBeenCalled();
    });
  });

  describe('ChangePasswordPage', () => {
    beforeEach(() => enterPortal(aPortalSession()));

    it('changes the password and says so', async () => {
      const fixture = await render(ChangePasswordPage);
      expect(page.querySelector('label[for=change-password-current]')?.textContent).toBe('Current password');
      expect(page.querySelector('label[for=change-password-new]')?.textContent).toBe('New password');
      type(page, 'change-password-current', 'the old password');
      type(page, 'change-password-new', 'a brand new password');
      button(page, 'Change password').click();
      await fixture.whenStable();
      const request = backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/change-password' });
      expect(request.request.body).toEqual({ currentPassword: 'the old password', newPassword: 'a brand new password' });
      request.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();
      expect(page.querySelector('[role=status]')?.textContent).toBe('Your password has been changed.');
      expect(page.querySelector<HTMLInputElement>('#change-password-current')?.value).toBe('');
    });

    it('shows a wrong current password next to that field', async () => {
      const fixture = await render(ChangePasswordPage);
      type(page, 'change-password-current', 'not it');
      type(page, 'change-password-new', 'a brand new password');
      button(page, 'Change password').click();
      await fixture.whenStable();
      backend
        .expectOne('/api/portal/northwind/auth/change-password')
        .flush(
          errorBody(400, 'validation', 'Some fields are not valid.', [{ field: 'currentPassword', code: 'currentPasswordIncorrect', message: 'The current password is not correct.' }]),
          { status: 400, statusText: 'Bad Request' },
        );
      await fixture.whenStable();
      expect(page.querySelector('#change-password-current-error')?.textContent).toBe('The current password is not correct.');
      expect(page.querySelector('#change-password-current')?.getAttribute('aria-describedby')).toBe('change-password-current-error');
      expect(page.querySelector('[role=status]')).toBeNull();
    });
  });
});
