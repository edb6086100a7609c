import { Routes } from '@angular/router';
import { bookingRoutes } from './booking/booking.routes';
import { PROFILE_STEP, portalHome, requireSignIn, requireSignedOut } from './core/require-sign-in.guard';

/** Served under /p/: /p/<slug> is one environment's portal. Every page is loaded when first visited. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./layout/plain-layout.component').then((m) => m.PlainLayoutComponent),
    children: [{ path: '', title: 'noPortal.title', loadComponent: () => import('./not-found/no-portal.page').then((m) => m.NoPortalPage) }],
  },
  {
    path: ':slug',
    loadComponent: () => import('./layout/portal-layout.component').then((m) => m.PortalLayoutComponent),
    children: [
      { path: '', pathMatch: 'full', canActivate: [portalHome], children: [] },
      {
        path: 'sign-in',
        title: 'signIn.title',
        canActivate: [requireSignedOut],
        loadComponent: () => import('./account/sign-in.page').then((m) => m.SignInPage),
      },
      {
        path: 'invitation/:token',
        title: 'invitation.title',
        loadComponent: () => import('./account/accept-invitation.page').then((m) => m.AcceptInvitationPage),
      },
      {
        path: 'forgot-password',
        title: 'forgotPassword.title',
        loadComponent: () => import('./account/forgot-password.page').then((m) => m.ForgotPasswordPage),
      },
      {
        path: 'reset-password/:token',
        title: 'resetPassword.title',
        loadComponent: () => import('./account/reset-password.page').then((m) => m.ResetPasswordPage),
      },
      {
        path: 'account/password',
        title: 'changePassword.title',
        canActivate: [requireSignIn],
        loadComponent: () => import('./account/change-password.page').then((m) => m.ChangePasswordPage),
      },
      {
        path: 'profile',
        title: 'profile.title',
        canActivate: [requireSignIn],
        data: { [PROFILE_STEP]: true },
        loadComponent: () => import('./account/profile.page').then((m) => m.ProfilePage),
      },
      ...bookingRoutes,
      { path: '**', title: 'pageNotFound.title', loadComponent: () => import('./not-found/page-not-found.page').then((m) => m.PageNotFoundPage) },
    ],
  },
];
