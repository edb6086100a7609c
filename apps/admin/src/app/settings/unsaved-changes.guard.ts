import { DOCUMENT, inject } from '@angular/core';
import { CanDeactivateFn } from '@angular/router';
import { I18n } from '@fieldbook/ui-i18n';

/** A page with a form that may hold changes not yet saved. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/** Leaving a page with unsaved changes asks first; staying keeps the changes on screen. */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (page) => {
  if (!page.hasUnsavedChanges()) return true;
  const window = inject(DOCUMENT).defaultView;
  return window ? window.confirm(inject(I18n).t('settings.unsavedConfirm')) : true;
};
