import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MailboxMessage, MailboxMessageSummary, Page } from '@fieldbook/contracts';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { of, switchMap } from 'rxjs';
import { ConsoleContext } from '../core/console-context.service';
import { DialogComponent } from '../shared/dialog.component';
import { PAGE_SIZE } from '../shared/list-query';
import { ListStatusComponent } from '../shared/list-status.component';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { MessageViewComponent, ViewedMessage } from '../shared/message-view.component';
import { PagerComponent } from '../shared/pager.component';
import { MailboxService } from './mailbox.service';

/** The sandbox mailbox: messages the mailbox connector kept instead of sending, read like a mail catcher. */
@Component({
  selector: 'fb-mailbox-page',
  imports: [ListStatusComponent, TranslatePipe, LocalDatePipe, PagerComponent, DialogComponent, MessageViewComponent],
  templateUrl: './mailbox.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxPage {
  private readonly mailbox = inject(MailboxService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly t = inject(I18n).t;
  protected readonly context = inject(ConsoleContext);

  /** Owners and admins empty the mailbox; everyone reads it. */
  protected readonly canClear = computed(() => this.context.role() === 'owner' || this.context.role() === 'admin');
  private readonly environmentId = computed(() => this.context.environment()?.id);

  /** The page of the list; back to the first when the environment changes. */
  private readonly offset = linkedSignal<string | undefined, number>({ source: this.environmentId, computation: () => 0 });
  private readonly reloads = signal(0);
  protected readonly list = this.loadList();

  protected readonly selected = linkedSignal<string | undefined, string | null>({ source: this.environmentId, computation: () => null });
  protected readonly message = toSignal(
    toObservable(computed(() => ({ environmentId: this.environmentId(), id: this.selected() }))).pipe(
      switchMap(({ environmentId, id }) => (environmentId && id ? toLoadable(this.mailbox.get(environmentId, id), this.t) : of(null))),
    ),
    { initialValue: null as Loadable<MailboxMessage> | null },
  );

  /** Computed once per message, so the frame is not reloaded on every change detection. */
  protected readonly viewed = computed<ViewedMessage | null>(() => {
    const loaded = this.message();
    if (loaded?.state !== 'ready') return null;
    const { channel, subject, text, html, attachments } = loaded.value;
    return { channel, subject, text, html, attachments: attachments.map((attachment) => attachment.filename) };
  });

  protected readonly confirmingClear = signal(false);
  protected readonly clearing = signal(false);
  protected readonly clearProblem = signal<ApiProblem | null>(null);
  protected readonly cleared = signal<number | null>(null);

  protected open(message: MailboxMessageSummary): void {
    this.selected.set(message.id);
    this.focusAfterRender('#mailbox-message-heading');
  }

  protected closeMessage(): void {
    const id = this.selected();
    this.selected.set(null);
    if (id) this.focusAfterRender(`#open-${id}`);
  }

  protected goTo(offset: number): void {
    this.offset.set(offset);
    this.focusAfterRender('#mailbox-heading');
  }


  protected askClear(): void {
    this.cleared.set(null);
    this.clearProblem.set(null);
    this.confirmingClear.set(true);
  }

  protected cancelClear(): void {
    if (!this.clearing()) this.confirmingClear.set(false);
  }

  protected clear(): void {
    const environmentId = this.environmentId();
    if (!environmentId || this.clearing()) return;
    this.clearing.set(true);
    this.clearProblem.set(null);
    this.mailbox.clear(environmentId).subscribe({
      next: ({ deleted }) => {
        this.clearing.set(false);
        this.confirmingClear.set(false);
        this.cleared.set(deleted);
        this.selected.set(null);
        this.offset.set(0);
        this.reloads.update((count) => count + 1);
      },
      error: (error: unknown) => {
        this.clearing.set(false);
        this.clearProblem.set(toApiProblem(error, this.t));
        this.focusAfterRender('#clear-problem');
      },
    });
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }

  private loadList() {
    let shown: string | undefined;
    const source = computed(() => ({ environmentId: this.environmentId(), offset: this.offset(), reload: this.reloads() }));
    return toSignal(
      toObservable(source).pipe(
        switchMap(({ environmentId, offset }) => {
          if (!environmentId) return of(LOADING);
          const same = shown === environmentId;
          shown = environmentId;
          return toLoadable(this.mailbox.list(environmentId, { limit: PAGE_SIZE, offset }), this.t, { showLoading: !same });
        }),
      ),
      { initialValue: LOADING as Loadable<Page<MailboxMessageSummary>> },
    );
  }
}
