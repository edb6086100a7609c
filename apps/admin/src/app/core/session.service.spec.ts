import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { I18n } from '@fieldbook/ui-i18n';
import { aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from './session.service';

describe('SessionService', () => {
  let backend: HttpTestingController;
  let session: SessionService;

  beforeEach(() => {
    backend = configureAdminTestBed();
    setXsrfCookie('token');
    session = TestBed.inject(SessionService);
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  it('asks the API once however many pages wait for the answer', async () => {
    const first = session.ensureLoaded();
    const second = session.ensureLoaded();
    backend.expectOne('/api/auth/session').flush(aSession());
    expect((await first)?.user.name).toBe('Dana Reyes');
    expect(await second).toBe(await first);
    expect(await session.ensureLoaded()).toBe(await first);
    expect(session.user()?.email).toBe('dana@northwind.test');
  });

  it('knows nobody is signed in after a 401', async () => {
    const answer = session.ensureLoaded();
    backend.expectOne('/api/auth/session').flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    expect(await answer).toBeNull();
    expect(session.session()).toBeNull();
    expect(session.loadError()).toBeNull();
    await session.ensureLoaded();
    backend.expectNone('/api/auth/session');
  });

  it('reports a server that cannot be reached and asks again next time', async () => {
    const answer = session.ensureLoaded();
    backend.expectOne('/api/auth/session').error(new ProgressEvent('error'));
    expect(await answer).toBeNull();
    expect(session.loadError()).not.toBeNull();
    const again = session.ensureLoaded();
    backend.expectOne('/api/auth/session').flush(aSession());
    expect((await again)?.user.id).toBe('user-dana');
    expect(session.loadError()).toBeNull();
  });

  it('signs up in the language the console speaks', () => {
    TestBed.inject(I18n).use('fr');
    session.signUp({ organizationName: 'Acme', name: 'Ana', email: 'ana@acme.test', password: 'correct horse battery' }).subscribe();
    const request = backend.expectOne('/api/auth/sign-up');
    expect(request.request.body).toEqual({ organizationName: 'Acme', name: 'Ana', email: 'ana@acme.test', password: 'correct horse battery', language: 'fr' });
    request.flush(aSession({ language: 'fr' }));
    expect(session.user()?.name).toBe('Dana Reyes');
  });

  it('speaks the account language after signing in when nothing was chosen on this device', () => {
    session.signIn({ email: 'dana@northwind.test', password: 'secret' }).subscribe();
    backend.expectOne('/api/auth/sign-in').flush(aSession({ language: 'de' }));
    expect(TestBed.inject(I18n).language()).toBe('de');
  });

  it('keeps the language chosen on this device and saves it on the account, so API messages match', () => {
    TestBed.inject(I18n).use('es');
    session.signIn({ email: 'dana@northwind.test', password: 'secret' }).subscribe();
    backend.expectOne('/api/auth/sign-in').flush(aSession({ language: 'de' }));
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(patch.request.body).toEqual({ language: 'es' });
    patch.flush({ ...aSession().user, language: 'es' });
    expect(TestBed.inject(I18n).language()).toBe('es');
    expect(session.user()?.language).toBe('es');
  });

  it('does not save a language nobody is signed in to keep', () => {
    session.saveLanguage('fr');
    backend.expectNone('/api/auth/me');
  });

  it('forgets the session after signing out', () => {
    session.adopt(aSession());
    session.signOut().subscribe();
    backend.expectOne({ method: 'POST', url: '/api/auth/sign-out' }).flush(null, { status: 204, statusText: 'No Content' });
    expect(session.session()).toBeNull();
    expect(session.organizations()).toEqual([]);
  });

  it('keeps the session when signing out fails', () => {
    session.adopt(aSession());
    let failed = false;
    session.signOut().subscribe({ error: () => (failed = true) });
    backend.expectOne('/api/auth/sign-out').error(new ProgressEvent('error'));
    expect(failed).toBe(true);
    expect(session.user()?.id).toBe('user-dana');
  });
});
