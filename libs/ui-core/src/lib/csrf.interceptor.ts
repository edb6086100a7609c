import { HttpClient, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { ErrorBody } from '@fieldbook/contracts';
import { catchError, switchMap, throwError } from 'rxjs';

/** The API sets this readable cookie on every answer; writes echo it in `CSRF_HEADER`. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isCsrfRejection(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 403 && (error.error as ErrorBody | null)?.code === 'csrf';
}

/**
 * Angular's XSRF support (configure it with `withXsrfConfiguration({ cookieName: CSRF_COOKIE,
 * headerName: CSRF_HEADER })`; it runs before this) echoes the cookie on writes. This covers the two
 * cases it cannot: no cookie yet (the first write of a fresh visit), and a cookie the server no
 * longer accepts. Either way it fetches a fresh token and sends the write with it, at most once more.
 * The admin console and the portal share the cookie (path `/`) and the token endpoint.
 */
export const csrfInterceptor: HttpInterceptorFn = (request, next) => {
  if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return next(request);
  const http = inject(HttpClient);
  const sendWithFreshToken = () =>
    http.get<{ token: string }>('/api/auth/csrf').pipe(switchMap(({ token }) => next(request.clone({ setHeaders: { [CSRF_HEADER]: token } }))));

  if (!request.headers.has(CSRF_HEADER)) return sendWithFreshToken();
  return next(request).pipe(catchError((error: unknown) => (isCsrfRejection(error) ? sendWithFreshToken() : throwError(() => error))));
};
