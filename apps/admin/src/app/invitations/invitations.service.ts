import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AcceptInvitationRequest, InvitationPreview, SessionResponse } from '@fieldbook/contracts';
import { Observable, tap } from 'rxjs';
import { SessionService } from '../core/session.service';

/** The invitee's side of an invitation: what it is for, and accepting it (which signs in). */
@Injectable({ providedIn: 'root' })
export class InvitationsService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  preview(token: string): Observable<InvitationPreview> {
    return this.http.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`);
  }

  accept(token: string, request: AcceptInvitationRequest): Observable<SessionResponse> {
    return this.http
      .post<SessionResponse>(`/api/invitations/${encodeURIComponent(token)}/accept`, request)
      .pipe(tap((session) => this.session.adopt(session)));
  }
}
