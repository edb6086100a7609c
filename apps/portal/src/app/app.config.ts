import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { acceptLanguageInterceptor, provideI18n, provideTranslatedTitles } from '@fieldbook/ui-i18n';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideI18n({ namespace: 'portal', storageKey: 'fieldbook.portal.language' }),
    provideHttpClient(withInterceptors([acceptLanguageInterceptor])),
    provideRouter(routes, withComponentInputBinding()),
    provideTranslatedTitles(),
  ],
};
