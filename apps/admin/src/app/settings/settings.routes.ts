import { Routes } from '@angular/router';
import { unsavedChangesGuard } from './unsaved-changes.guard';

/** The settings pages; each form asks before unsaved changes are left behind. */
export const SETTINGS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'portal' },
  {
    path: 'portal',
    title: 'settings.portal.title',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./portal-settings.page').then((m) => m.PortalSettingsPage),
  },
  {
    path: 'branding',
    title: 'settings.branding.title',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./branding.page').then((m) => m.BrandingPage),
  },
  {
    path: 'snippets',
    title: 'settings.snippets.title',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./snippets.page').then((m) => m.SnippetsPage),
  },
  {
    path: 'messages',
    title: 'settings.messages.title',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./message-settings.page').then((m) => m.MessageSettingsPage),
  },
  {
    path: 'templates',
    title: 'settings.templates.title',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./message-templates.page').then((m) => m.MessageTemplatesPage),
  },
];
