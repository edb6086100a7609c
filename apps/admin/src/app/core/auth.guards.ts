import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { SessionService } from './session.service';

/** Console pages: signed-out visitors go to the sign-in page, and come back after signing in. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const session = await inject(SessionService).ensureLoaded();
  return session ? true : router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Sign-in and sign-up: someone already signed in goes straight to the console. */
export const signedOutGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const session = await inject(SessionService).ensureLoaded();
  return session ? router.createUrlTree(['/overview']) : true;
};

/** Only paths inside the console are followed after signing in, never another site. */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/overview';
}
