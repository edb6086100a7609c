import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { InviteAllResponse, MESSAGE_CHANNELS, MESSAGE_TYPES, MessageChannel, MessageType, NOTIFICATION_STATES, NotificationState, NotificationSummary, Page } from '@fieldbook/contracts';
import { ApiProblem, FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { of, switchMap, tap } from 'rxjs';
import { ConsoleContext } from '../core/console-context.service';
import { DialogComponent } from '../shared/dialog.component';
import { PAGE_SIZE, UUID_PATTERN, startOfLocalDay } from '../shared/list-query';
import { ListStatusComponent } from '../shared/list-status.component';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { PagerComponent } from '../shared/pager.component';
import { NotificationDetailComponent } from './notification-detail.component';
import { NotificationLogQuery, NotificationsService } from './notifications.service';

/** The notification log: every message customers were sent or are due, with filters, the message as sent, retry and "invite all". */
@Component({
  selector: 'fb-notifications-page',
  imports: [ListStatusComponent, ReactiveFormsModule, TranslatePipe, LocalDatePipe, PagerComponent, DialogComponent, NotificationDetailComponent],
  templateUrl: './notifications.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage {
  private readonly notifications = inject(NotificationsService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly t = inject(I18n).t;
  protected readonly context = inject(ConsoleContext);

  protected readonly states = NOTIFICATION_STATES;
  protected readonly types = MESSAGE_TYPES;
  protected readonly channels = MESSAGE_CHANNELS;
  /** Owners and admins invite everyone at once; retry is open to every member. */
  protected readonly canInviteAll = computed(() => this.context.role() === 'owner' || this.context.role() === 'admin');

  protected readonly filters = inject(NonNullableFormBuilder).group({
    state: ['' as NotificationState | ''],
    type: ['' as MessageType | ''],
    channel: ['' as MessageChannel | ''],
    contactId: ['', Validators.pattern(UUID_PATTERN)],
    bookingId: ['', Validators.pattern(UUID_PATTERN)],
    from: [''],
    to: [''],
  });
  protected readonly errors = new FormErrors(this.filters, this.t, {
    state: 'api:fields.state',
    type: 'api:fields.type',
    channel: 'api:fields.channel',
    contactId: 'notifications.filters.contactId',
    bookingId: 'notifications.filters.bookingId',
    from: 'notifications.filters.from',
    to: 'notifications.filters.to',
  });
  /** The date range is checked here: the API would take an end before the start and find nothing. */
  protected readonly rangeProblem = signal(false);

  private readonly query = signal<NotificationLogQuery>({ limit: PAGE_SIZE, offset: 0 });
  private readonly reloads = signal(0);
  protected readonly log = this.load();

  /** The message open below the log; closed when the environment changes. */
  protected readonly selected = linkedSignal<string | undefined, string | null>({ source: () => this.context.environment()?.id, computation: () => null });
  protected readonly confirmingInviteAll = signal(false);
  protected readonly invitingAll = signal(false);
  protected readonly inviteAllProblem = signal<ApiProblem | null>(null);
  protected readonly invited = signal<InviteAllResponse | null>(null);

  protected applyFilters(): void {
    this.rangeProblem.set(false);
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    const { state, type, channel, contactId, bookingId, from, to } = this.filters.getRawValue();
    if (from && to && to < from) {
      this.rangeProblem.set(true);
      return focusFirstProblem(this.host, this.injector);
    }
    this.selected.set(null);
    this.query.set({
      state: state || undefined,
      type: type || undefined,
      channel: channel || undefined,
      contactId: contactId.trim() || undefined,
      bookingId: bookingId.trim() || undefined,
      from: startOfLocalDay(from),
      // The end date is inclusive: everything created before the next midnight.
      to: startOfLocalDay(to, true),
      limit: PAGE_SIZE,
      offset: 0,
    });
  }

  protected clearFilters(): void {
    this.filters.reset();
    this.errors.reset();
    this.rangeProblem.set(false);
    this.applyFilters();
  }

  protected goTo(offset: number): void {
    this.selected.set(null);
    this.query.update((query) => ({ ...query, offset }));
    this.focusAfterRender('#notifications-heading');
  }

  protected open(notification: NotificationSummary): void {
    this.selected.set(notification.id);
    this.focusAfterRender('#notification-detail-heading');
  }

  protected closeDetail(): void {
    const id = this.selected();
    this.selected.set(null);
    if (id) this.focusAfterRender(`#open-${id}`);
  }

  protected retried(): void {
    this.reloads.update((count) => count + 1);
  }

  protected askInviteAll(): void {
    this.invited.set(null);
    this.inviteAllProblem.set(null);
    this.confirmingInviteAll.set(true);
  }

  protected cancelInviteAll(): void {
    if (!this.invitingAll()) this.confirmingInviteAll.set(false);
  }

  protected inviteAll(): void {
    const environment = this.context.environment();
    if (!environment || this.invitingAll()) return;
    this.invitingAll.set(true);
    this.inviteAllProblem.set(null);
    this.notifications.inviteAll(environment.id).subscribe({
      next: (result) => {
        this.invitingAll.set(false);
        this.confirmingInviteAll.set(false);
        this.invited.set(result);
        this.reloads.update((count) => count + 1);
      },
      error: (error: unknown) => {
        this.invitingAll.set(false);
        this.inviteAllProblem.set(toApiProblem(error, this.t));
        this.focusAfterRender('#invite-all-problem');
      },
    });
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }

  /** The log for the chosen environment and filters; a reload after a change keeps the rows on screen. */
  private load() {
    let shown: { environmentId: string; query: NotificationLogQuery } | undefined;
    const source = computed(() => ({ environmentId: this.context.environment()?.id, query: this.query(), reload: this.reloads() }));
    return toSignal(
      toObservable(source).pipe(
        switchMap(({ environmentId, query }) => {
          if (!environmentId) return of(LOADING);
          const same = shown?.environmentId === environmentId && shown.query === query;
          shown = { environmentId, query };
          const request = this.notifications.list(environmentId, query).pipe(
            // A filter the API refused is also shown next to its field.
            tap({ error: (error: unknown) => error instanceof HttpErrorResponse && error.status === 400 && this.errors.fail(error) }),
          );
          return toLoadable(request, this.t, { showLoading: !same });
        }),
      ),
      { initialValue: LOADING as Loadable<Page<NotificationSummary>> },
    );
  }
}
