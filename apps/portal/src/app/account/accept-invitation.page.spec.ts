import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { PortalInvitationPreview } from '@fieldbook/contracts';
import { aPortalSession, answerAppearance, button, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie, type } from '../../testing/portal-test-bed';
import { AcceptInvitationPage } from './accept-invitation.page';

const TOKEN = 'invitation-token';

describe('AcceptInvitationPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let page: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    enterPortal();
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    page = fixture.nativeElement;
    document.body.appendChild(page);
  });
  afterEach(() => {
    page.remove();
    answerAppearance(backend);
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function open(answer: PortalInvitationPreview | { status: number; code: string; message: string }): Promise<void> {
    await fixture.whenStable();
    const request = backend.expectOne(`/api/portal/northwind/invitations/${TOKEN}`);
    if ('status' in answer) request.flush(errorBody(answer.status, answer.code, answer.message), { status: answer.status, statusText: 'Error' });
    else request.flush(answer);
    await fixture.whenStable();
  }

  const preview: PortalInvitationPreview = { firstName: 'Dana', email: 'dana@example.test', expiresAt: '2026-12-01T10:00:00Z' };

  it('greets the contact, shows the address they will sign in with, and signs them in to the profile step', async () => {
    await open(preview);
    expect(page.querySelector('h1')?.textContent).toBe('Welcome, Dana');
    expect(page.querySelector<HTMLInputElement>('#invitation-email')?.value).toBe('dana@example.test');
    type(page, 'invitation-password', 'tide lantern copper');
    button(page, 'Set password').click();
    await fixture.whenStable();
    const request = backend.expectOne({ method: 'POST', url: `/api/portal/northwind/invitations/${TOKEN}/accept` });
    expect(request.request.body).toEqual({ password: 'tide lantern copper' });
    request.flush(aPortalSession({ profilePending: true }));
    expect(navigate).toHaveBeenCalledWith('/northwind/profile?returnUrl=%2Fnorthwind%2Fbookings');
  });

  it('asks for the admins’ password length before sending, and explains it in a hint', async () => {
    await open(preview);
    const password = page.querySelector('#invitation-password')!;
    expect(password.getAttribute('aria-describedby')).toBe('invitation-password-hint');
    expect(page.querySelector('#invitation-password-hint')?.textContent).toContain('At least 12 characters');
    type(page, 'invitation-password', 'short');
    button(page, 'Set password').click();
    await fixture.whenStable();
    backend.expectNone(`/api/portal/northwind/invitations/${TOKEN}/accept`);
    expect(page.querySelector('#invitation-password-error')?.textContent).toBe('Use at least 12 characters.');
    expect(password.getAttribute('aria-describedby')).toBe('invitation-password-error invitation-password-hint');
  });

  it('shows the server’s verdict on the password next to the field', async () => {
    await open(preview);
    type(page, 'invitation-password', 'password1234');
    button(page, 'Set password').click();
    await fixture.whenStable();
    backend
      .expectOne(`/api/portal/northwind/invitations/${TOKEN}/accept`)
      .flush(errorBody(400, 'validation', 'Some fields are not valid.', [{ field: 'password', code: 'passwordTooCommon', message: 'This password is too common.' }]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await fixture.whenStable();
    expect(page.querySelector('#invitation-password-error')?.textContent).toBe('This password is too common.');
    expect(document.activeElement).toBe(page.querySelector('#invitation-password'));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('explains an invitation that was used already, with the way to sign in', async () => {
    await open({ status: 409, code: 'portalAccountExists', message: 'You already have an account for this portal. Sign in instead.' });
    expect(page.querySelector('h1')?.textContent).toBe('This invitation cannot be used');
    expect(page.querySelector('[role=alert]')?.textContent).toBe('You already have an account for this portal. Sign in instead.');
    expect(page.querySelector('a')?.textContent).toBe('Go to sign in');
  });

  it('cannot be accepted without an email address on file', async () => {
    await open({ ...preview, email: null });
    expect(page.querySelector('form')).toBeNull();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('no email address on file');
  });
});
