import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Account, CreateMessageExclusionRequest, MessageExclusion, MessageSettings, Page, ServiceType, UpdateMessageSettingsRequest } from '@fieldbook/contracts';
import { Observable } from 'rxjs';

/** How many accounts or service types the exclusion pickers offer, by name. */
export const PICK_LIMIT = 200;

/** Which messages an environment sends and when, and who gets none. */
@Injectable({ providedIn: 'root' })
export class MessageSettingsService {
  private readonly http = inject(HttpClient);

  get(environmentId: string): Observable<MessageSettings> {
    return this.http.get<MessageSettings>(`${base(environmentId)}/message-settings`);
  }

  update(environmentId: string, request: UpdateMessageSettingsRequest): Observable<MessageSettings> {
    return this.http.patch<MessageSettings>(`${base(environmentId)}/message-settings`, request);
  }

  exclusions(environmentId: string): Observable<MessageExclusion[]> {
    return this.http.get<MessageExclusion[]>(`${base(environmentId)}/message-exclusions`);
  }

  exclude(environmentId: string, request: CreateMessageExclusionRequest): Observable<MessageExclusion> {
    return this.http.post<MessageExclusion>(`${base(environmentId)}/message-exclusions`, request);
  }

  removeExclusion(environmentId: string, exclusionId: string): Observable<void> {
    return this.http.delete<void>(`${base(environmentId)}/message-exclusions/${encodeURIComponent(exclusionId)}`);
  }

  accounts(environmentId: string): Observable<Page<Account>> {
    return this.http.get<Page<Account>>(`${base(environmentId)}/accounts`, { params: byName() });
  }

  serviceTypes(environmentId: string): Observable<Page<ServiceType>> {
    return this.http.get<Page<ServiceType>>(`${base(environmentId)}/service-types`, { params: byName() });
  }
}

function byName(): HttpParams {
  return new HttpParams({ fromObject: { sort: 'name', order: 'asc', limit: PICK_LIMIT } });
}

function base(environmentId: string): string {
  return `/api/environments/${encodeURIComponent(environmentId)}`;
}
