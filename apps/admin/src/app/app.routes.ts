import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth.guards';

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'signIn.title',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: 'signUp.title',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/sign-up.page').then((m) => m.SignUpPage),
  },
  {
    path: 'invitations/:token',
    title: 'acceptInvitation.title',
    loadComponent: () => import('./invitations/accept-invitation.page').then((m) => m.AcceptInvitationPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./console/console-layout.component').then((m) => m.ConsoleLayoutComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      { path: 'overview', title: 'overview.title', loadComponent: () => import('./overview/overview.page').then((m) => m.OverviewPage) },
      { path: 'members', title: 'members.title', loadComponent: () => import('./members/members.page').then((m) => m.MembersPage) },
      { path: 'notifications', title: 'notifications.title', loadComponent: () => import('./notifications/notifications.page').then((m) => m.NotificationsPage) },
      { path: 'booking-codes', title: 'bookingCodes.title', loadComponent: () => import('./booking-codes/booking-codes.page').then((m) => m.BookingCodesPage) },
      { path: 'mailbox', title: 'mailbox.title', loadComponent: () => import('./mailbox/mailbox.page').then((m) => m.MailboxPage) },
      {
        path: 'settings',
        loadComponent: () => import('./settings/settings-layout.component').then((m) => m.SettingsLayoutComponent),
        loadChildren: () => import('./settings/settings.routes').then((m) => m.SETTINGS_ROUTES),
      },
      { path: '**', title: 'notFound.title', loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage) },
    ],
  },
];
