import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, CanActivateFn, Router, RouterStateSnapshot, UrlTree, convertToParamMap } from '@angular/router';
import { PortalSession } from '@fieldbook/contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { aPortalSession, answerAppearance, configurePortalTestBed, enterPortal, errorBody } from '../../testing/portal-test-bed';
import { PortalSessionService } from './portal-session.service';
import { PROFILE_STEP, portalHome, requireSignIn, requireSignedOut } from './require-sign-in.guard';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class BlankPage {}

/** A route two levels down, as the router hands it to a guard: /<slug>/<page>, with `data`. */
function routeIn(slug: string, data: Record<string, unknown> = {}): ActivatedRouteSnapshot {
  const parent = { paramMap: convertToParamMap({ slug }), parent: null };
  return { paramMap: convertToParamMap({}), parent, data } as unknown as ActivatedRouteSnapshot;
}

describe('portal guards', () => {
  let backend: HttpTestingController;

  beforeEach(() => (backend = configurePortalTestBed()));
  afterEach(() => {
    TestBed.tick();
    answerAppearance(backend);
    backend.verify();
    vi.restoreAllMocks();
  });

  async function decide(guard: CanActivateFn, url: string, session: PortalSession | null | 'unknown', data: Record<string, unknown> = {}): Promise<string | boolean> {
    const result = TestBed.runInInjectionContext(() => guard(routeIn('northwind', data), { url } as RouterStateSnapshot)) as Observable<boolean | UrlTree>;
    const decision = firstValueFrom(result);
    if (session !== 'unknown') {
      const request = backend.expectOne('/api/portal/northwind/auth/session');
      if (session) request.flush(session);
      else request.flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    } else {
      backend.expectOne('/api/portal/northwind/auth/session').error(new ProgressEvent('error'));
    }
    const answer = await decision;
    return answer instanceof UrlTree ? TestBed.inject(Router).serializeUrl(answer) : answer;
  }

  it('sends a signed-out customer to sign in, to come back to the same step with its choices', async () => {
    expect(await decide(requireSignIn, '/northwind/book?serviceTypeId=s1&start=2026-03-02T08%3A00', null)).toBe(
      '/northwind/sign-in?returnUrl=%2Fnorthwind%2Fbook%3FserviceTypeId%3Ds1%26start%3D2026-03-02T08%253A00',
    );
  });

  it('lets a signed-in customer in', async () => {
    expect(await decide(requireSignIn, '/northwind/bookings', aPortalSession())).toBe(true);
  });

  it('asks for the profile first right after the first sign-in', async () => {
    expect(await decide(requireSignIn, '/northwind/bookings', aPortalSession({ profilePending: true }))).toBe('/northwind/profile?returnUrl=%2Fnorthwind%2Fbookings');
  });

  it('opens the profile page itself while the profile step is pending', async () => {
    expect(await decide(requireSignIn, '/northwind/profile', aPortalSession({ profilePending: true }), { [PROFILE_STEP]: true })).toBe(true);
  });

  it('treats a session question the server cannot answer as signed out', async () => {
    expect(await decide(requireSignIn, '/northwind/bookings', 'unknown')).toBe('/northwind/sign-in?returnUrl=%2Fnorthwind%2Fbookings');
    expect(TestBed.inject(PortalSessionService).loadError()).not.toBeNull();
  });

  it('does not ask again once the session is known', async () => {
    enterPortal(aPortalSession());
    const result = TestBed.runInInjectionContext(() => requireSignIn(routeIn('northwind'), { url: '/northwind/bookings' } as RouterStateSnapshot)) as Observable<boolean>;
    expect(await firstValueFrom(result)).toBe(true);
    backend.expectNone('/api/portal/northwind/auth/session');
  });

  it('sends a signed-in customer from the sign-in page to their bookings', async () => {
    expect(await decide(requireSignedOut, '/northwind/sign-in', aPortalSession())).toBe('/northwind/bookings');
    TestBed.resetTestingModule();
    backend = configurePortalTestBed();
    expect(await decide(requireSignedOut, '/northwind/sign-in', null)).toBe(true);
  });

  it('opens the portal at the bookings when signed in, else at the sign-in page', async () => {
    expect(await decide(portalHome, '/northwind', aPortalSession())).toBe('/northwind/bookings');
    TestBed.resetTestingModule();
    backend = configurePortalTestBed();
    expect(await decide(portalHome, '/northwind', null)).toBe('/northwind/sign-in');
  });
});

describe('sessionExpiredInterceptor', () => {
  let backend: HttpTestingController;
  let http: HttpClient;
  let router: Router;

  beforeEach(async () => {
    backend = configurePortalTestBed([{ path: '**', component: BlankPage }]);
    http = TestBed.inject(HttpClient);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/northwind/book?serviceTypeId=s1');
    enterPortal(aPortalSession());
  });
  afterEach(() => {
    TestBed.tick();
    answerAppearance(backend);
    backend.verify();
    vi.restoreAllMocks();
  });

  it('signs the customer out and sends them to sign in, to come back to where they were', async () => {
    let failed = false;
    http.get('/api/portal/northwind/bookings').subscribe({ error: () => (failed = true) });
    backend.expectOne('/api/portal/northwind/bookings').flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(failed).toBe(true);
    const sessions = TestBed.inject(PortalSessionService);
    expect(sessions.session()).toBeNull();
    expect(sessions.expired()).toBe(true);
    expect(router.url).toBe('/northwind/sign-in?returnUrl=%2Fnorthwind%2Fbook%3FserviceTypeId%3Ds1');
  });

  it('leaves a wrong password at sign-in alone', async () => {
    http.post('/api/portal/northwind/auth/sign-in', {}).subscribe({ error: () => undefined });
    backend.expectOne('/api/auth/csrf').flush({ token: 't' });
    backend.expectOne('/api/portal/northwind/auth/sign-in').flush(errorBody(401, 'invalidCredentials', 'Email or password is incorrect.'), { status: 401, statusText: 'Unauthorized' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(PortalSessionService).session()).not.toBeNull();
    expect(router.url).toBe('/northwind/book?serviceTypeId=s1');
  });

  it('passes other failures through', async () => {
    let status = 0;
    http.get('/api/portal/northwind/bookings/x').subscribe({ error: (error) => (status = error.status) });
    backend.expectOne('/api/portal/northwind/bookings/x').flush(errorBody(404, 'bookingNotFound', 'No such booking.'), { status: 404, statusText: 'Not Found' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(status).toBe(404);
    expect(TestBed.inject(PortalSessionService).session()).not.toBeNull();
    expect(router.url).toBe('/northwind/book?serviceTypeId=s1');
  });
});
