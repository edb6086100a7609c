import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, CanActivateFn, GuardResult, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { aSession, configureAdminTestBed, errorBody } from '../../testing/admin-test-bed';
import { safeReturnUrl, signedInGuard, signedOutGuard } from './auth.guards';

describe('auth guards', () => {
  let backend: HttpTestingController;

  beforeEach(() => (backend = configureAdminTestBed()));
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  /** Runs `guard` for `url` while the API answers the session question as `session`. */
  async function decide(guard: CanActivateFn, url: string, session: 'signed-in' | 'signed-out'): Promise<string | boolean> {
    const decision = TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot)) as Promise<GuardResult>;
    const request = backend.expectOne('/api/auth/session');
    if (session === 'signed-in') request.flush(aSession());
    else request.flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    const result = await decision;
    return result instanceof UrlTree ? TestBed.inject(Router).serializeUrl(result) : (result as boolean);
  }

  it('sends a signed-out visitor to the sign-in page, remembering where they were going', async () => {
    expect(await decide(signedInGuard, '/members', 'signed-out')).toBe('/sign-in?returnUrl=%2Fmembers');
  });

  it('lets a signed-in admin into the console', async () => {
    expect(await decide(signedInGuard, '/members', 'signed-in')).toBe(true);
  });

  it('sends a signed-in admin from the sign-in page to the overview', async () => {
    expect(await decide(signedOutGuard, '/sign-in', 'signed-in')).toBe('/overview');
  });

  it('shows the sign-in page to a signed-out visitor', async () => {
    expect(await decide(signedOutGuard, '/sign-in', 'signed-out')).toBe(true);
  });

  it.each([
    ['/members', '/members'],
    ['/members?x=1', '/members?x=1'],
    [undefined, '/overview'],
    ['', '/overview'],
    ['https://evil.test/', '/overview'],
    ['//evil.test/', '/overview'],
    ['/\\evil.test', '/overview'],
  ])('follows only paths inside the console after signing in (%s → %s)', (returnUrl, expected) => {
    expect(safeReturnUrl(returnUrl)).toBe(expected);
  });
});
