import { Routes } from '@angular/router';

/** Served under /p/: /p/<slug> is one environment's portal. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', title: 'noPortal.title', loadComponent: () => import('./not-found/no-portal.page').then((m) => m.NoPortalPage) },
  { path: ':slug', loadComponent: () => import('./home/portal-home.page').then((m) => m.PortalHomePage) },
  { path: '**', title: 'notFound.title', loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage) },
];
