import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';

describe('csrfInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    backend = configureAdminTestBed();
    http = TestBed.inject(HttpClient);
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  it('echoes the XSRF-TOKEN cookie on a write without asking for a token', () => {
    setXsrfCookie('cookie-token');
    http.post('/api/auth/sign-out', {}).subscribe();
    const write = backend.expectOne('/api/auth/sign-out');
    expect(write.request.headers.get('X-XSRF-TOKEN')).toBe('cookie-token');
    write.flush(null);
  });

  it('fetches a token first when there is no cookie yet, then sends the write with it', () => {
    setXsrfCookie(null);
    let answered = false;
    http.post('/api/auth/sign-in', { email: 'a@b.test', password: 'x' }).subscribe(() => (answered = true));
    backend.expectNone('/api/auth/sign-in');
    backend.expectOne({ method: 'GET', url: '/api/auth/csrf' }).flush({ token: 'fresh-token' });
    const write = backend.expectOne('/api/auth/sign-in');
    expect(write.request.headers.get('X-XSRF-TOKEN')).toBe('fresh-token');
    expect(write.request.body).toEqual({ email: 'a@b.test', password: 'x' });
    write.flush({});
    expect(answered).toBe(true);
  });

  it('retries once with a fresh token when the server rejects the token', () => {
    setXsrfCookie('stale-token');
    let answered = false;
    http.delete('/api/organizations/o/invitations/i').subscribe(() => (answered = true));
    backend.expectOne('/api/organizations/o/invitations/i').flush(errorBody(403, 'csrf', 'This request could not be verified.'), { status: 403, statusText: 'Forbidden' });
    backend.expectOne('/api/auth/csrf').flush({ token: 'fresh-token' });
    const retry = backend.expectOne('/api/organizations/o/invitations/i');
    expect(retry.request.headers.get('X-XSRF-TOKEN')).toBe('fresh-token');
    retry.flush(null);
    expect(answered).toBe(true);
  });

  it('gives up after one retry and reports the rejection', () => {
    setXsrfCookie('stale-token');
    let failure: HttpErrorResponse | undefined;
    http.post('/api/auth/sign-out', {}).subscribe({ error: (error: HttpErrorResponse) => (failure = error) });
    backend.expectOne('/api/auth/sign-out').flush(errorBody(403, 'csrf', 'Rejected'), { status: 403, statusText: 'Forbidden' });
    backend.expectOne('/api/auth/csrf').flush({ token: 'fresh-token' });
    backend.expectOne('/api/auth/sign-out').flush(errorBody(403, 'csrf', 'Rejected again'), { status: 403, statusText: 'Forbidden' });
    expect(failure?.status).toBe(403);
    expect(failure?.error.message).toBe('Rejected again');
  });

  it('passes other refusals through without retrying', () => {
    setXsrfCookie('good-token');
    let failure: HttpErrorResponse | undefined;
    http.patch('/api/organizations/o/members/m', { role: 'owner' }).subscribe({ error: (error: HttpErrorResponse) => (failure = error) });
    backend.expectOne('/api/organizations/o/members/m').flush(errorBody(403, 'ownerRoleRequired', 'Only an owner can grant the owner role.'), { status: 403, statusText: 'Forbidden' });
    expect(failure?.error.code).toBe('ownerRoleRequired');
  });

  it('leaves reads alone', () => {
    setXsrfCookie(null);
    http.get('/api/auth/session').subscribe();
    const read = backend.expectOne('/api/auth/session');
    expect(read.request.headers.has('X-XSRF-TOKEN')).toBe(false);
    read.flush({});
  });
});
