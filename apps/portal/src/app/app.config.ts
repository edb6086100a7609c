import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { ApplicationConfig, EnvironmentProviders, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { CSRF_COOKIE, CSRF_HEADER, csrfInterceptor } from '@fieldbook/ui-core';
import { acceptLanguageInterceptor, provideI18n, provideTranslatedTitles } from '@fieldbook/ui-i18n';
import { routes } from './app.routes';
import { sessionExpiredInterceptor } from './core/require-sign-in.guard';

/** The portal's HTTP stack: the visitor's language, CSRF echo and recovery, and the end of an expired session. */
export function providePortalHttp(): EnvironmentProviders {
  return provideHttpClient(
    withXsrfConfiguration({ cookieName: CSRF_COOKIE, headerName: CSRF_HEADER }),
    withInterceptors([acceptLanguageInterceptor, csrfInterceptor, sessionExpiredInterceptor]),
  );
}

export const PORTAL_I18N = { namespace: 'portal', storageKey: 'fieldbook.portal.language' } as const;

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideI18n(PORTAL_I18N),
    providePortalHttp(),
    provideRouter(routes, withComponentInputBinding()),
    provideTranslatedTitles(),
  ],
};
