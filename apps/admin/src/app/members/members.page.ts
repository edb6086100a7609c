import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { InvitationSummary, MemberSummary, ROLES, Role } from '@fieldbook/contracts';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, of, switchMap } from 'rxjs';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';
import { ConsoleContext } from '../core/console-context.service';
import { SessionService } from '../core/session.service';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { InviteMemberComponent } from './invite-member.component';
import { MembersService } from './members.service';

/**
 * Members with their roles, and pending invitations. Owners and admins invite, change roles,
 * remove and revoke; dispatchers see the list only. Only owners touch the owner role.
 */
@Component({
  selector: 'fb-members-page',
  imports: [TranslatePipe, LocalDatePipe, InviteMemberComponent],
  templateUrl: './members.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembersPage {
  private readonly members = inject(MembersService);
  private readonly session = inject(SessionService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly t = inject(I18n).t;
  protected readonly context = inject(ConsoleContext);

  protected readonly me = computed(() => this.session.user()?.id);
  protected readonly isOwner = computed(() => this.context.role() === 'owner');
  /** Roles this admin may hand out: owners all, admins all but owner. */
  protected readonly assignableRoles = computed<readonly Role[]>(() => (this.isOwner() ? ROLES : ROLES.filter((role) => role !== 'owner')));

  private readonly memberReloads = signal(0);
  private readonly invitationReloads = signal(0);
  protected readonly memberList = this.load(this.memberReloads, (organizationId) => this.members.list(organizationId));
  protected readonly invitationList = this.load(this.invitationReloads, (organizationId) =>
    this.context.canManageMembers() ? this.members.listInvitations(organizationId) : of([]),
  );

  protected readonly problem = signal<ApiProblem | null>(null);
  /** What just happened, as a thunk so that it follows a language switch. */
  protected readonly notice = signal<(() => string) | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly confirmingRemoval = signal<string | null>(null);

  /** Whether this admin may change `member`'s role or remove them. */
  protected canChange(member: MemberSummary): boolean {
    return this.context.canManageMembers() && (member.role !== 'owner' || this.isOwner());
  }

  protected changeRole(member: MemberSummary, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const role = select.value as Role;
    if (role === member.role) return;
    this.act(
      member.adminUserId,
      this.members.changeRole(this.organizationId(), member.adminUserId, role),
      () => {
        this.notice.set(() => this.t('members.roleChanged', { name: member.name, role: this.t(`common:roles.${role}`) }));
        this.afterMembershipChange(member);
      },
      // The list reloads with the same role, so nothing else would put the select back.
      () => (select.value = member.role),
    );
  }

  protected askRemoval(member: MemberSummary): void {
    this.confirmingRemoval.set(member.adminUserId);
    this.focusAfterRender(`#confirm-remove-${member.adminUserId}`);
  }

  protected cancelRemoval(member: MemberSummary): void {
    this.confirmingRemoval.set(null);
    this.focusAfterRender(`#remove-${member.adminUserId}`);
  }

  protected remove(member: MemberSummary): void {
    this.act(member.adminUserId, this.members.remove(this.organizationId(), member.adminUserId), () => {
      this.confirmingRemoval.set(null);
      this.notice.set(() => this.t('members.removed', { name: member.name }));
      this.afterMembershipChange(member);
    });
  }

  protected revoke(invitation: InvitationSummary): void {
    this.act(invitation.id, this.members.revoke(this.organizationId(), invitation.id), () => {
      this.notice.set(() => this.t('invitations.revoked', { email: invitation.email }));
      this.invitationReloads.update((count) => count + 1);
    });
  }

  protected invited(): void {
    this.notice.set(null);
    this.invitationReloads.update((count) => count + 1);
  }

  private organizationId(): string {
    const organization = this.context.organization();
    if (!organization) throw new Error('The members page needs an organization');
    return organization.id;
  }

  /** Runs one change; on failure shows the API's reason and reloads, so the page shows what is true. */
  private act(id: string, request: Observable<unknown>, done: () => void, undo?: () => void): void {
    this.problem.set(null);
    this.notice.set(null);
    this.busy.set(id);
    request.subscribe({
      next: () => {
        this.busy.set(null);
        done();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.confirmingRemoval.set(null);
        undo?.();
        this.problem.set(toApiProblem(error, this.t));
        this.memberReloads.update((count) => count + 1);
        this.focusAfterRender('#members-problem');
      },
    });
  }

  private afterMembershipChange(member: MemberSummary): void {
    this.memberReloads.update((count) => count + 1);
    // A change to one's own membership changes what one may do (or whether one is still a member).
    if (member.adminUserId === this.me()) this.session.refresh().subscribe();
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }

  /** Loads for the chosen organization; reloads (after a change) keep the list on screen meanwhile. */
  private load<T>(reloads: () => number, request: (organizationId: string) => Observable<T>) {
    let shown: string | undefined;
    const source = computed(() => ({ organizationId: this.context.organization()?.id, manage: this.context.canManageMembers(), reload: reloads() }));
    return toSignal(
      toObservable(source).pipe(
        switchMap(({ organizationId }) => {
          if (!organizationId) return of(LOADING);
          const sameOrganization = organizationId === shown;
          shown = organizationId;
          return toLoadable(request(organizationId), this.t, { showLoading: !sameOrganization });
        }),
      ),
      { initialValue: LOADING as Loadable<T> },
    );
  }
}
