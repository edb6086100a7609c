import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { acceptLanguageInterceptor, provideI18n, provideTranslatedTitles } from '@fieldbook/ui-i18n';
import { routes } from './app.routes';
import { csrfInterceptor } from '@fieldbook/ui-core';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideI18n({ namespace: 'admin', storageKey: 'fieldbook.admin.language' }),
    provideHttpClient(
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([acceptLanguageInterceptor, csrfInterceptor]),
    ),
    provideRouter(routes, withComponentInputBinding()),
    provideTranslatedTitles(),
  ],
};
