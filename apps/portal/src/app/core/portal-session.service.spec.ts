import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { I18n } from '@fieldbook/ui-i18n';
import { aPortalSession, answerAppearance, configurePortalTestBed, enterPortal, errorBody, setXsrfCookie } from '../../testing/portal-test-bed';
import { PortalContext } from './portal-context';
import { PortalSessionService, afterSignIn, safeReturnUrl } from './portal-session.service';

describe('PortalSessionService', () => {
  let backend: HttpTestingController;
  let sessions: PortalSessionService;

  beforeEach(() => {
    backend = configurePortalTestBed();
    setXsrfCookie('token');
    sessions = TestBed.inject(PortalSessionService);
    enterPortal();
  });
  afterEach(() => {
    TestBed.tick();
    answerAppearance(backend);
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  it('knows nothing before asking, then who is signed in to this portal', () => {
    expect(sessions.session()).toBeUndefined();
    let answer: unknown;
    sessions.load().subscribe((session) => (answer = session));
    backend.expectOne('/api/portal/northwind/auth/session').flush(aPortalSession());
    expect(answer).toEqual(aPortalSession());
    expect(sessions.contact()?.firstName).toBe('Dana');
  });

  it('knows nobody is signed in after a 401', () => {
    let answer: unknown;
    sessions.load().subscribe((session) => (answer = session));
    backend.expectOne('/api/portal/northwind/auth/session').flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    expect(answer).toBeNull();
    expect(sessions.session()).toBeNull();
    expect(sessions.loadError()).toBeNull();
  });

  it('reports a server that cannot be reached without deciding anything', () => {
    let failed = false;
    sessions.load().subscribe({ error: () => (failed = true) });
    backend.expectOne('/api/portal/northwind/auth/session').error(new ProgressEvent('error'));
    expect(failed).toBe(true);
    expect(sessions.session()).toBeUndefined();
    expect(sessions.loadError()).not.toBeNull();
  });

  it('keeps sessions apart per portal', () => {
    sessions.load().subscribe();
    backend.expectOne('/api/portal/northwind/auth/session').flush(aPortalSession());
    TestBed.inject(PortalContext).use('southwind');
    expect(sessions.session()).toBeUndefined();
    TestBed.inject(PortalContext).use('northwind');
    expect(sessions.session()?.contact.id).toBe('contact-dana');
  });

  it('signs in with email and password and speaks the account language when none was chosen here', () => {
    sessions.signIn('dana@example.test', 'tide lantern copper').subscribe();
    const request = backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/sign-in' });
    expect(request.request.body).toEqual({ email: 'dana@example.test', password: 'tide lantern copper' });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('token');
    request.flush(aPortalSession({ contact: { language: 'de' } }));
    expect(sessions.session()?.contact.language).toBe('de');
    expect(TestBed.inject(I18n).language()).toBe('de');
  });

  it('forgets the session after signing out', () => {
    sessions.adopt(aPortalSession());
    sessions.signOut().subscribe();
    backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/sign-out' }).flush(null, { status: 204, statusText: 'No Content' });
    expect(sessions.session()).toBeNull();
  });

  it('accepts an invitation with the chosen password and is signed in', () => {
    sessions.acceptInvitation('tok/en', 'tide lantern copper').subscribe();
    const request = backend.expectOne({ method: 'POST', url: '/api/portal/northwind/invitations/tok%2Fen/accept' });
    expect(request.request.body).toEqual({ password: 'tide lantern copper' });
    request.flush(aPortalSession({ profilePending: true }));
    expect(sessions.session()?.profilePending).toBe(true);
  });

  it('sends the reset request, the new password with its token, and the password change', () => {
    sessions.forgotPassword('dana@example.test').subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/forgot-password' }).request.body).toEqual({ email: 'dana@example.test' });
    sessions.resetPassword('reset-token', 'a new long password').subscribe();
    backend
      .expectOne((r) => r.url === '/api/portal/northwind/auth/reset-password' && r.body.token === 'reset-token' && r.body.password === 'a new long password')
      .flush(aPortalSession());
    expect(sessions.session()?.contact.id).toBe('contact-dana');
    sessions.changePassword('old one', 'a new long password').subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/portal/northwind/auth/change-password' }).request.body).toEqual({
      currentPassword: 'old one',
      newPassword: 'a new long password',
    });
  });

  it('saves the profile and switches the portal to the language saved', () => {
    sessions.adopt(aPortalSession({ profilePending: true }));
    sessions.updateProfile({ language: 'fr', phone: '+14155550123' }).subscribe();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/portal/northwind/profile' });
    expect(request.request.body).toEqual({ language: 'fr', phone: '+14155550123' });
    request.flush(aPortalSession({ contact: { language: 'fr', phone: '+14155550123' } }));
    expect(TestBed.inject(I18n).language()).toBe('fr');
    expect(sessions.session()?.profilePending).toBe(false);
  });

  it('skips the profile step', () => {
    sessions.adopt(aPortalSession({ profilePending: true }));
    sessions.skipProfile().subscribe();
    backend.expectOne({ method: 'POST', url: '/api/portal/northwind/profile/skip' }).flush(aPortalSession());
    expect(sessions.session()?.profilePending).toBe(false);
  });

  it('remembers that the session ran out until the next sign-in', () => {
    sessions.adopt(aPortalSession());
    sessions.expire();
    expect(sessions.session()).toBeNull();
    expect(sessions.expired()).toBe(true);
    sessions.signIn('dana@example.test', 'x').subscribe();
    backend.expectOne('/api/portal/northwind/auth/sign-in').flush(aPortalSession());
    expect(sessions.expired()).toBe(false);
  });

  it.each([
    ['/northwind/bookings/7', '/northwind/bookings/7'],
    ['/northwind/book?serviceTypeId=x', '/northwind/book?serviceTypeId=x'],
    ['/northwind', '/northwind'],
    [undefined, '/northwind/bookings'],
    ['/southwind/bookings', '/northwind/bookings'],
    ['/northwindfake/bookings', '/northwind/bookings'],
    ['https://evil.test/northwind/', '/northwind/bookings'],
    ['//evil.test/northwind/', '/northwind/bookings'],
    ['/northwind/\\evil.test', '/northwind/bookings'],
  ])('follows only addresses inside this portal after signing in (%s → %s)', (returnUrl, expected) => {
    expect(safeReturnUrl(returnUrl, 'northwind')).toBe(expected);
  });

  it('puts the profile step before the page asked for after the first sign-in', () => {
    expect(afterSignIn(aPortalSession({ profilePending: true }), '/northwind/book', 'northwind')).toBe('/northwind/profile?returnUrl=%2Fnorthwind%2Fbook');
    expect(afterSignIn(aPortalSession(), '/northwind/book', 'northwind')).toBe('/northwind/book');
  });
});
