import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PortalSettings } from '@fieldbook/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class PortalSettingsService {
  private readonly http = inject(HttpClient);

  get(environmentId: string): Observable<PortalSettings> {
    return this.http.get<PortalSettings>(`/api/environments/${encodeURIComponent(environmentId)}/portal-settings`);
  }
}
