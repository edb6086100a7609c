import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NotificationDetail } from '@fieldbook/contracts';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { switchMap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { MessageViewComponent, ViewedMessage } from '../shared/message-view.component';
import { NotificationsService } from './notifications.service';

/** One message of the log as it was sent, with "Retry" for a dead or failed one. */
@Component({
  selector: 'fb-notification-detail',
  imports: [TranslatePipe, LocalDatePipe, MessageViewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="notification-detail-heading">
      <div class="card-header">
        <h2 id="notification-detail-heading" tabindex="-1">{{ 'notifications.detail.heading' | t }}</h2>
        <button type="button" class="button button-quiet" (click)="closed.emit()">{{ 'notifications.detail.close' | t }}</button>
      </div>
      <div role="status">
        @if (retriedState(); as state) {
          <p class="alert alert-success">{{ 'notifications.detail.retried' | t: { state: t('notifications.states.' + state) } }}</p>
        }
      </div>
      @if (retryProblem(); as problem) {
        <p class="alert alert-error" id="retry-problem" role="alert" tabindex="-1">{{ problem.message }}</p>
      }
      @let loaded = detail();
      @if (loaded.state === 'ready') {
        @let notification = loaded.value;
        <dl class="facts">
          <div>
            <dt>{{ 'notifications.columns.contact' | t }}</dt>
            <dd>{{ notification.contact.name }}</dd>
          </div>
          <div>
            <dt>{{ 'notifications.detail.recipient' | t }}</dt>
            <dd class="break">{{ notification.recipient ?? ('notifications.none' | t) }}</dd>
          </div>
          <div>
            <dt>{{ 'notifications.columns.type' | t }}</dt>
            <dd>{{ 'notifications.types.' + notification.type | t }} · {{ 'notifications.channels.' + notification.channel | t }}</dd>
          </div>
          <div>
            <dt>{{ 'notifications.columns.state' | t }}</dt>
            <dd>
              <span class="badge" [class]="'state-' + notification.state">{{ 'notifications.states.' + notification.state | t }}</span>
              @if (notification.skipReason) {
                {{ notification.skipReason }}
              }
            </dd>
          </div>
          @if (notification.lastError) {
            <div>
              <dt>{{ 'notifications.columns.lastError' | t }}</dt>
              <dd class="break">{{ notification.lastError }}</dd>
            </div>
          }
          <div>
            <dt>{{ 'notifications.columns.sent' | t }}</dt>
            <dd>{{ notification.sentAt ? (notification.sentAt | localDate: 'dateTime') : ('notifications.notYet' | t) }}</dd>
          </div>
        </dl>
        @if (retryable(notification)) {
          <p>
            <button type="button" class="button button-primary" [disabled]="retrying()" (click)="retry(notification)">
              {{ (retrying() ? 'notifications.detail.retrying' : 'notifications.detail.retry') | t }}
            </button>
          </p>
        }
        @if (message(); as shown) {
          <fb-message-view [message]="shown" />
        } @else {
          <p class="muted">{{ 'notifications.detail.notRendered' | t }}</p>
        }
      } @else if (loaded.state === 'failed') {
        <p class="alert alert-error" role="alert">{{ loaded.problem.message }}</p>
      } @else {
        <p class="muted" role="status">{{ 'common:states.loading' | t }}</p>
      }
    </section>
  `,
})
export class NotificationDetailComponent {
  private readonly notifications = inject(NotificationsService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly t = inject(I18n).t;

  readonly environmentId = input.required<string>();
  readonly notificationId = input.required<string>();
  readonly closed = output<void>();
  /** A retry was accepted: the log should show the new state. */
  readonly retried = output<void>();

  private readonly reloads = signal(0);
  private shownId: string | undefined;
  private readonly source = computed(() => ({ environmentId: this.environmentId(), id: this.notificationId(), reload: this.reloads() }));
  protected readonly detail = toSignal(
    toObservable(this.source).pipe(
      switchMap(({ environmentId, id }) => {
        // After a retry the message stays on screen until its new state arrives.
        const same = id === this.shownId;
        this.shownId = id;
        return toLoadable(this.notifications.get(environmentId, id), this.t, { showLoading: !same });
      }),
    ),
    { initialValue: LOADING as Loadable<NotificationDetail> },
  );
  protected readonly retrying = signal(false);
  protected readonly retryProblem = signal<ApiProblem | null>(null);
  protected readonly retriedState = signal<string | null>(null);

  protected retryable(notification: NotificationDetail): boolean {
    return notification.state === 'dead' || notification.state === 'failed';
  }

  /** Computed once per answer, so the frame is not reloaded on every change detection. */
  protected readonly message = computed<ViewedMessage | null>(() => {
    const loaded = this.detail();
    const content = loaded.state === 'ready' ? loaded.value.content : null;
    if (loaded.state !== 'ready' || !content) return null;
    return { channel: loaded.value.channel, subject: content.subject, text: content.text, html: content.html, attachments: content.attachments };
  });

  protected retry(notification: NotificationDetail): void {
    if (this.retrying()) return;
    this.retrying.set(true);
    this.retryProblem.set(null);
    this.retriedState.set(null);
    this.notifications.retry(this.environmentId(), notification.id).subscribe({
      next: (result) => {
        this.retrying.set(false);
        this.retriedState.set(result.state);
        this.reloads.update((count) => count + 1);
        this.retried.emit();
      },
      error: (error: unknown) => {
        this.retrying.set(false);
        this.retryProblem.set(toApiProblem(error, this.t));
        afterNextRender(() => this.host.querySelector<HTMLElement>('#retry-problem')?.focus(), { injector: this.injector });
      },
    });
  }
}
