import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { InvitationCreated, InvitationSummary, InviteMemberRequest, MemberSummary, Role } from '@fieldbook/contracts';
import { Observable } from 'rxjs';

/** The members and invitations of one organization. */
@Injectable({ providedIn: 'root' })
export class MembersService {
  private readonly http = inject(HttpClient);

  list(organizationId: string): Observable<MemberSummary[]> {
    return this.http.get<MemberSummary[]>(`${base(organizationId)}/members`);
  }

  changeRole(organizationId: string, adminUserId: string, role: Role): Observable<MemberSummary> {
    return this.http.patch<MemberSummary>(`${base(organizationId)}/members/${encodeURIComponent(adminUserId)}`, { role });
  }

  remove(organizationId: string, adminUserId: string): Observable<void> {
    return this.http.delete<void>(`${base(organizationId)}/members/${encodeURIComponent(adminUserId)}`);
  }

  listInvitations(organizationId: string): Observable<InvitationSummary[]> {
    return this.http.get<InvitationSummary[]>(`${base(organizationId)}/invitations`);
  }

  invite(organizationId: string, request: InviteMemberRequest): Observable<InvitationCreated> {
    return this.http.post<InvitationCreated>(`${base(organizationId)}/invitations`, request);
  }

  revoke(organizationId: string, invitationId: string): Observable<void> {
    return this.http.delete<void>(`${base(organizationId)}/invitations/${encodeURIComponent(invitationId)}`);
  }
}

function base(organizationId: string): string {
  return `/api/organizations/${encodeURIComponent(organizationId)}`;
}
