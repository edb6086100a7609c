import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { ActivatedRouteSnapshot, CanActivateFn, Router } from '@angular/router';
import { PortalSession } from '@fieldbook/contracts';
import { Observable, catchError, map, of, throwError } from 'rxjs';
import { PortalContext, portalSlugOf } from './portal-context';
import { PortalSessionService } from './portal-session.service';

/** Marks the profile page: it is where a pending profile step leads, so the guard lets it through. */
export const PROFILE_STEP = 'profileStep';

/** The known session, or the API's answer; a failure to ask counts as signed out (the layout shows why). */
function currentSession(route: ActivatedRouteSnapshot): Observable<PortalSession | null> {
  const portal = inject(PortalContext);
  const sessions = inject(PortalSessionService);
  portal.use(portalSlugOf(route));
  const known = sessions.session();
  return known !== undefined ? of(known) : sessions.load().pipe(catchError(() => of(null)));
}

/**
 * Pages for signed-in customers. Someone signed out goes to the sign-in page and comes back to the
 * same address (choices kept in its query included); right after the first sign-in the profile
 * step comes first, then the page asked for.
 */
export const requireSignIn: CanActivateFn = (route, state) => {
  const router = inject(Router);
  return currentSession(route).pipe(
    map((session) => {
      const slug = portalSlugOf(route);
      if (!session) return router.createUrlTree(['/', slug, 'sign-in'], { queryParams: { returnUrl: state.url } });
      if (session.profilePending && !route.data[PROFILE_STEP]) return router.createUrlTree(['/', slug, 'profile'], { queryParams: { returnUrl: state.url } });
      return true;
    }),
  );
};

/** Sign-in and the password-reset request: a customer already signed in goes to their bookings. */
export const requireSignedOut: CanActivateFn = (route) => {
  const router = inject(Router);
  return currentSession(route).pipe(map((session) => (session ? router.createUrlTree(['/', portalSlugOf(route), 'bookings']) : true)));
};

/** The portal's own address: bookings when signed in, else the sign-in page. */
export const portalHome: CanActivateFn = (route) => {
  const router = inject(Router);
  return currentSession(route).pipe(map((session) => router.createUrlTree(['/', portalSlugOf(route), session ? 'bookings' : 'sign-in'])));
};

/** Calls whose 401 means "wrong email or password" or "nobody signed in", never "your session ran out". */
const NOT_A_SESSION_END = /\/auth\/(session|sign-in)$/;

/**
 * A 401 from the portal's API while the customer was signed in means the session ended mid-way
 * (expired, or ended by a password change on another device): forget it and go to the sign-in page,
 * which brings the customer back to the same address afterwards.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/portal/') || NOT_A_SESSION_END.test(request.url)) return next(request);
  const sessions = inject(PortalSessionService);
  const portal = inject(PortalContext);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && sessions.session()) {
        const returnUrl = router.url;
        sessions.expire();
        void router.navigate(portal.link('sign-in'), { queryParams: { returnUrl } });
      }
      return throwError(() => error);
    }),
  );
};
