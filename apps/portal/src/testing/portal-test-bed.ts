import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PortalAppearance, PortalContact, PortalSession } from '@fieldbook/contracts';
import { Routes, provideRouter, withComponentInputBinding } from '@angular/router';
import { provideI18n, provideTranslatedTitles } from '@fieldbook/ui-i18n';
import { PORTAL_I18N, providePortalHttp } from '../app/app.config';
import { routes as appRoutes } from '../app/app.routes';
import { PortalContext } from '../app/core/portal-context';
import { PortalSessionService } from '../app/core/portal-session.service';

/** The portal's own HTTP stack, i18n, titles and routes (or `routes`) over Angular's test backend. */
export function configurePortalTestBed(routes: Routes = appRoutes, providers: (Provider | EnvironmentProviders)[] = []): HttpTestingController {
  localStorage.clear();
  sessionStorage.clear();
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideI18n(PORTAL_I18N),
      providePortalHttp(),
      provideHttpClientTesting(),
      provideRouter(routes, withComponentInputBinding()),
      provideTranslatedTitles(),
      ...providers,
    ],
  });
  return TestBed.inject(HttpTestingController);
}

export function setXsrfCookie(value: string | null): void {
  document.cookie = value === null ? 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/' : `XSRF-TOKEN=${value}; path=/`;
}

export function aContact(overrides: Partial<PortalContact> = {}): PortalContact {
  return {
    id: 'contact-dana',
    firstName: 'Dana',
    lastName: 'Whitfield',
    email: 'dana@example.test',
    phone: null,
    language: null,
    preferredChannel: null,
    ...overrides,
  };
}

export function aPortalSession(overrides: { profilePending?: boolean; contact?: Partial<PortalContact> } = {}): PortalSession {
  return { contact: aContact(overrides.contact), profilePending: overrides.profilePending ?? false };
}

export function anAppearance(overrides: Partial<PortalAppearance> = {}): PortalAppearance {
  return {
    slug: 'northwind',
    portalName: 'Northwind Heating & Air',
    sandbox: false,
    branding: { primaryColor: '#1f5f8b', accentColor: '#f59e0b', font: 'system', logoUrl: null, headerImageUrl: null },
    content: { companyName: 'Northwind Heating & Air', contactEmail: 'help@northwind.test', contactPhone: '+1 415 555 0100', pageTitle: null, pageFooter: null },
    language: 'en',
    languages: ['en', 'de', 'fr', 'es'],
    ...overrides,
  };
}

/** Puts the services in portal `slug`, signed in as `session` when given, as the guards leave them before a page opens. */
export function enterPortal(session?: PortalSession, slug = 'northwind'): void {
  TestBed.inject(PortalContext).use(slug);
  if (session) TestBed.inject(PortalSessionService).adopt(session);
}

/** An API error body as the server sends it. */
export function errorBody(statusCode: number, code: string, message: string, details?: { field: string; code: string; message: string }[]) {
  return { statusCode, error: 'Error', code, message, ...(details ? { details } : {}) };
}

/** Answers every pending request for the portal's appearance (the context asks whenever slug or language change). */
export function answerAppearance(backend: HttpTestingController, appearance: PortalAppearance = anAppearance()): void {
  for (const request of backend.match((r) => r.url.endsWith('/appearance'))) request.flush(appearance);
}

/** Types `value` into the field with id `id` as a person would. */
export function type(host: HTMLElement, id: string, value: string): void {
  const field = host.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`);
  if (!field) throw new Error(`No field #${id}`);
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}

/** The button whose text is `name`. */
export function button(host: HTMLElement, name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  if (!found) throw new Error(`No button named "${name}"`);
  return found;
}
