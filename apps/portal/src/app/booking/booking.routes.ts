import { Routes } from '@angular/router';
import { requireSignIn } from '../core/require-sign-in.guard';

/** The booking pages, children of a portal's `:slug` layout. The booking-code page needs no sign-in: its link is the key. */
export const bookingRoutes: Routes = [
  { path: 'book', title: 'booking.titles.book', canActivate: [requireSignIn], loadComponent: () => import('./book.page').then((m) => m.BookPage) },
  { path: 'bookings', title: 'booking.titles.list', canActivate: [requireSignIn], loadComponent: () => import('./my-bookings.page').then((m) => m.MyBookingsPage) },
  {
    path: 'bookings/:id',
    title: 'booking.titles.detail',
    canActivate: [requireSignIn],
    loadComponent: () => import('./booking-detail.page').then((m) => m.BookingDetailPage),
  },
  {
    path: 'bookings/:id/reschedule',
    title: 'booking.titles.reschedule',
    canActivate: [requireSignIn],
    loadComponent: () => import('./reschedule.page').then((m) => m.ReschedulePage),
  },
  { path: 'booking/:token', title: 'booking.titles.code', loadComponent: () => import('./booking-code.page').then((m) => m.BookingCodePage) },
];
