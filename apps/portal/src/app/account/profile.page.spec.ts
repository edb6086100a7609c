import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { PortalSession } from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { aPortalSession, answerAppearance, button, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie, type } from '../../testing/portal-test-bed';
import { ProfilePage } from './profile.page';

describe('ProfilePage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<ProfilePage>;
  let page: HTMLElement;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });
  afterEach(() => {
    page.remove();
    answerAppearance(backend);
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function open(session: PortalSession, returnUrl?: string): Promise<void> {
    enterPortal(session);
    fixture = TestBed.createComponent(ProfilePage);
    if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
    page = fixture.nativeElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  }

  it('shows the details on file, with a Skip button only at the first sign-in', async () => {
    await open(aPortalSession({ profilePending: true, contact: { phone: '+14155550123', preferredChannel: 'sms' } }));
    expect(page.querySelector<HTMLInputElement>('#profile-first-name')?.value).toBe('Dana');
    expect(page.querySelector<HTMLInputElement>('#profile-phone')?.value).toBe('+14155550123');
    expect(page.querySelector<HTMLSelectElement>('#profile-channel')?.value).toBe('sms');
    expect(page.querySelector<HTMLSelectElement>('#profile-language')?.value).toBe('');
    expect(page.querySelector('label[for=profile-language]')?.textContent).toBe('Preferred language');
    expect(button(page, 'Skip for now')).toBeTruthy();
    expect(page.textContent).toContain('You sign in with dana@example.test.');
  });

  it('skips the step and goes on to the page asked for', async () => {
    await open(aPortalSession({ profilePending: true }), '/northwind/book?serviceTypeId=s1');
    button(page, 'Skip for now').click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: '/api/portal/northwind/profile/skip' }).flush(aPortalSession());
    expect(navigate).toHaveBeenCalledWith('/northwind/book?serviceTypeId=s1');
  });

  it('saves the details, switches to the language chosen and goes on', async () => {
    await open(aPortalSession({ profilePending: true }));
    type(page, 'profile-phone', ' +49 30 123456 ');
    type(page, 'profile-language', 'de');
    type(page, 'profile-channel', 'both');
    button(page, 'Save').click();
    await fixture.whenStable();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/portal/northwind/profile' });
    expect(request.request.body).toEqual({ firstName: 'Dana', lastName: 'Whitfield', phone: '+49 30 123456', language: 'de', preferredChannel: 'both' });
    request.flush(aPortalSession({ contact: { language: 'de', phone: '+4930123456', preferredChannel: 'both' } }));
    expect(TestBed.inject(I18n).language()).toBe('de');
    expect(navigate).toHaveBeenCalledWith('/northwind/bookings');
  });

  it('stays on the page and says so when edited from the menu', async () => {
    await open(aPortalSession());
    expect(page.querySelectorAll('button').length).toBe(1);
    type(page, 'profile-first-name', 'Danielle');
    button(page, 'Save').click();
    await fixture.whenStable();
    backend.expectOne('/api/portal/northwind/profile').flush(aPortalSession({ contact: { firstName: 'Danielle' } }));
    await fixture.whenStable();
    expect(navigate).not.toHaveBeenCalled();
    expect(page.querySelector('[role=status]')?.textContent).toBe('Your profile has been saved.');
  });

  it('shows the server’s message about the phone number next to it', async () => {
    await open(aPortalSession());
    type(page, 'profile-phone', '12345');
    type(page, 'profile-channel', 'sms');
    button(page, 'Save').click();
    await fixture.whenStable();
    backend.expectOne('/api/portal/northwind/profile').flush(
      errorBody(400, 'validation', 'Some fields are not valid.', [
        { field: 'phone', code: 'phoneNumber', message: 'Phone must be an international number starting with + and the country code, e.g. +4930123456.' },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const phone = page.querySelector('#profile-phone')!;
    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Some fields are not valid.');
    expect(page.querySelector('#profile-phone-error')?.textContent).toContain('international number');
    expect(phone.getAttribute('aria-describedby')).toBe('profile-phone-error profile-phone-hint');
    expect(document.activeElement).toBe(phone);
  });

  it('needs a first and last name', async () => {
    await open(aPortalSession());
    type(page, 'profile-last-name', '  ');
    type(page, 'profile-first-name', '');
    button(page, 'Save').click();
    await fixture.whenStable();
    backend.expectNone('/api/portal/northwind/profile');
    expect(page.querySelector('#profile-first-name-error')?.textContent).toBe('First name is required.');
  });

  it('shows why skipping failed', async () => {
    await open(aPortalSession({ profilePending: true }));
    button(page, 'Skip for now').click();
    await fixture.whenStable();
    backend.expectOne('/api/portal/northwind/profile/skip').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('We could not reach the server. Check your connection and try again.');
    expect(navigate).not.toHaveBeenCalled();
  });
});
