import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { EnvironmentSummary, MemberSummary, OrganizationSummary, Role, SessionResponse } from '@fieldbook/contracts';
import { acceptLanguageInterceptor, provideI18n } from '@fieldbook/ui-i18n';
import { csrfInterceptor } from '@fieldbook/ui-core';

/** The admin app's HTTP stack (XSRF, language, CSRF recovery) over Angular's test backend. */
export function configureAdminTestBed(providers: (Provider | EnvironmentProviders)[] = []): HttpTestingController {
  localStorage.clear();
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
  TestBed.configureTestingModule({
    providers: [
      provideI18n({ namespace: 'admin', storageKey: 'fieldbook.admin.language' }),
      provideHttpClient(
        withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
        withInterceptors([acceptLanguageInterceptor, csrfInterceptor]),
      ),
      provideHttpClientTesting(),
      provideRouter([]),
      ...providers,
    ],
  });
  return TestBed.inject(HttpTestingController);
}

export function setXsrfCookie(value: string | null): void {
  document.cookie = value === null ? 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/' : `XSRF-TOKEN=${value}; path=/`;
}

let sequence = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

export function anEnvironment(overrides: Partial<EnvironmentSummary> = {}): EnvironmentSummary {
  const kind = overrides.kind ?? 'production';
  const slug = overrides.slug ?? (kind === 'sandbox' ? 'northwind-sandbox' : 'northwind');
  return {
    id: nextId(),
    organizationId: 'org',
    kind,
    name: kind === 'sandbox' ? 'Sandbox' : 'Production',
    slug,
    portalUrl: `http://localhost:3000/p/${slug}`,
    ...overrides,
  };
}

export function anOrganization(overrides: Partial<OrganizationSummary> = {}): OrganizationSummary {
  const id = overrides.id ?? nextId();
  return {
    id,
    name: 'Northwind Heating & Air',
    role: 'owner',
    environments: [anEnvironment({ organizationId: id }), anEnvironment({ organizationId: id, kind: 'sandbox' })],
    ...overrides,
  };
}

export function aSession(overrides: { role?: Role; organizations?: OrganizationSummary[]; language?: string | null } = {}): SessionResponse {
  return {
    user: { id: 'user-dana', email: 'dana@northwind.test', name: 'Dana Reyes', language: overrides.language === undefined ? 'en' : overrides.language },
    organizations: overrides.organizations ?? [anOrganization({ role: overrides.role ?? 'owner' })],
  };
}

export function aMember(overrides: Partial<MemberSummary> = {}): MemberSummary {
  return {
    adminUserId: nextId(),
    email: 'sam@northwind.test',
    name: 'Sam Ortiz',
    role: 'dispatcher',
    joinedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** An API error body as the server sends it. */
export function errorBody(statusCode: number, code: string, message: string, details?: { field: string; code: string; message: string }[]) {
  return { statusCode, error: 'Error', code, message, ...(details ? { details } : {}) };
}
