import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { InviteAllResponse, MessageChannel, MessageType, NotificationDetail, NotificationRetryResponse, NotificationState, NotificationSummary, Page, PageQuery } from '@fieldbook/contracts';
import { Observable } from 'rxjs';
import { toParams } from '../shared/list-query';

/** The filters of the notification log, as the API names them; `from` and `to` are instants. */
export interface NotificationLogQuery extends PageQuery {
  state?: NotificationState;
  type?: MessageType;
  channel?: MessageChannel;
  contactId?: string;
  bookingId?: string;
  from?: string;
  to?: string;
}

/** The messages an environment sent (or is about to send) to its customers. */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);

  list(environmentId: string, query: NotificationLogQuery): Observable<Page<NotificationSummary>> {
    return this.http.get<Page<NotificationSummary>>(base(environmentId), { params: toParams(query) });
  }

  get(environmentId: string, notificationId: string): Observable<NotificationDetail> {
    return this.http.get<NotificationDetail>(`${base(environmentId)}/${encodeURIComponent(notificationId)}`);
  }

  retry(environmentId: string, notificationId: string): Observable<NotificationRetryResponse> {
    return this.http.post<NotificationRetryResponse>(`${base(environmentId)}/${encodeURIComponent(notificationId)}/retry`, {});
  }

  inviteAll(environmentId: string): Observable<InviteAllResponse> {
    return this.http.post<InviteAllResponse>(`${base(environmentId)}/invite-all`, {});
  }
}

function base(environmentId: string): string {
  return `/api/environments/${encodeURIComponent(environmentId)}/notifications`;
}
