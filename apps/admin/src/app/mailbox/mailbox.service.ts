import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { MailboxClearResponse, MailboxMessage, MailboxMessageSummary, Page, PageQuery } from '@fieldbook/contracts';
import { Observable } from 'rxjs';
import { toParams } from '../shared/list-query';

/** The messages the mailbox connector kept instead of sending them. */
@Injectable({ providedIn: 'root' })
export class MailboxService {
  private readonly http = inject(HttpClient);

  list(environmentId: string, query: PageQuery): Observable<Page<MailboxMessageSummary>> {
    return this.http.get<Page<MailboxMessageSummary>>(base(environmentId), { params: toParams(query) });
  }

  get(environmentId: string, messageId: string): Observable<MailboxMessage> {
    return this.http.get<MailboxMessage>(`${base(environmentId)}/${encodeURIComponent(messageId)}`);
  }

  clear(environmentId: string): Observable<MailboxClearResponse> {
    return this.http.delete<MailboxClearResponse>(base(environmentId));
  }
}

function base(environmentId: string): string {
  return `/api/environments/${encodeURIComponent(environmentId)}/mailbox`;
}
