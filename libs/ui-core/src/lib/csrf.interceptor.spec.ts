import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CSRF_COOKIE, CSRF_HEADER, csrfInterceptor } from './csrf.interceptor';

function setCookie(value: string | null): void {
  document.cookie = value === null ? `${CSRF_COOKIE}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/` : `${CSRF_COOKIE}=${value}; path=/`;
}

const rejection = (message: string) => ({ statusCode: 403, error: 'Forbidden', code: 'csrf', message });

describe('csrfInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withXsrfConfiguration({ cookieName: CSRF_COOKIE, headerName: CSRF_HEADER }), withInterceptors([csrfInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    backend.verify();
    setCookie(null);
  });

  it('echoes the cookie on a write of either app without asking for a token', () => {
    setCookie('cookie-token');
    http.post('/api/portal/northwind/auth/sign-in', {}).subscribe();
    const write = backend.expectOne('/api/portal/northwind/auth/sign-in');
    expect(write.request.headers.get(CSRF_HEADER)).toBe('cookie-token');
    write.flush({});
  });

  it('fetches a token first when there is no cookie yet, then sends the write with it', () => {
    let answered = false;
    http.patch('/api/portal/northwind/profile', { firstName: 'Dana' }).subscribe(() => (answered = true));
    backend.expectNone('/api/portal/northwind/profile');
    backend.expectOne({ method: 'GET', url: '/api/auth/csrf' }).flush({ token: 'fresh-token' });
    const write = backend.expectOne('/api/portal/northwind/profile');
    expect(write.request.headers.get(CSRF_HEADER)).toBe('fresh-token');
    expect(write.request.body).toEqual({ firstName: 'Dana' });
    write.flush({});
    expect(answered).toBe(true);
  });

  it('retries once with a fresh token when the server rejects the token, then gives up', () => {
    setCookie('stale-token');
    let failure: HttpErrorResponse | undefined;
    http.post('/api/auth/sign-out', {}).subscribe({ error: (error: HttpErrorResponse) => (failure = error) });
    backend.expectOne('/api/auth/sign-out').flush(rejection('Rejected'), { status: 403, statusText: 'Forbidden' });
    backend.expectOne('/api/auth/csrf').flush({ token: 'fresh-token' });
    const retry = backend.expectOne('/api/auth/sign-out');
    expect(retry.request.headers.get(CSRF_HEADER)).toBe('fresh-token');
    retry.flush(rejection('Rejected again'), { status: 403, statusText: 'Forbidden' });
    expect(failure?.error.message).toBe('Rejected again');
  });

  it('passes other refusals through, and leaves reads and other sites alone', () => {
    setCookie('good-token');
    let code: string | undefined;
    http.delete('/api/portal/northwind/bookings/b1').subscribe({ error: (error: HttpErrorResponse) => (code = error.error.code) });
    backend.expectOne('/api/portal/northwind/bookings/b1').flush({ statusCode: 403, error: 'Forbidden', code: 'notYours', message: 'No.' }, { status: 403, statusText: 'Forbidden' });
    expect(code).toBe('notYours');
    setCookie(null);
    http.get('/api/portal/northwind/auth/session').subscribe();
    expect(backend.expectOne('/api/portal/northwind/auth/session').request.headers.has(CSRF_HEADER)).toBe(false);
    http.post('https://elsewhere.test/hook', {}).subscribe();
    expect(backend.expectOne('https://elsewhere.test/hook').request.headers.has(CSRF_HEADER)).toBe(false);
  });
});
