import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PortalInfo } from '@fieldbook/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class PortalService {
  private readonly http = inject(HttpClient);

  /** What anyone may know about the portal at /p/<slug>; 404 when there is none. */
  info(slug: string): Observable<PortalInfo> {
    return this.http.get<PortalInfo>(`/api/portal/${encodeURIComponent(slug)}`);
  }
}
