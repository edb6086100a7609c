import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Branding, ContentSnippet, PortalSettings, UpdateBrandingRequest, UpdatePortalSettingsRequest } from '@fieldbook/contracts';
import { Observable } from 'rxjs';

/** An environment's settings: its portal, its branding and the snippets its messages use. */
@Injectable({ providedIn: 'root' })
export class SettingsService {
  private readonly http = inject(HttpClient);

  portal(environmentId: string): Observable<PortalSettings> {
    return this.http.get<PortalSettings>(`${base(environmentId)}/portal-settings`);
  }

  updatePortal(environmentId: string, request: UpdatePortalSettingsRequest): Observable<PortalSettings> {
    return this.http.patch<PortalSettings>(`${base(environmentId)}/portal-settings`, request);
  }

  branding(environmentId: string): Observable<Branding> {
    return this.http.get<Branding>(`${base(environmentId)}/branding`);
  }

  updateBranding(environmentId: string, request: UpdateBrandingRequest): Observable<Branding> {
    return this.http.patch<Branding>(`${base(environmentId)}/branding`, request);
  }

  snippets(environmentId: string): Observable<ContentSnippet[]> {
    return this.http.get<ContentSnippet[]>(`${base(environmentId)}/content-snippets`);
  }

  putSnippet(environmentId: string, key: string, language: string, text: string): Observable<ContentSnippet> {
    return this.http.put<ContentSnippet>(snippet(environmentId, key, language), { text });
  }

  deleteSnippet(environmentId: string, key: string, language: string): Observable<void> {
    return this.http.delete<void>(snippet(environmentId, key, language));
  }
}

function base(environmentId: string): string {
  return `/api/environments/${encodeURIComponent(environmentId)}`;
}

function snippet(environmentId: string, key: string, language: string): string {
  return `${base(environmentId)}/content-snippets/${encodeURIComponent(key)}/${encodeURIComponent(language)}`;
}
