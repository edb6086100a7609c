import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { BOOKING_CODE_STATES, BookingCode, BookingCodeListQuery, BookingCodeState, Page } from '@fieldbook/contracts';
import { ApiProblem, FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { formatDateTime } from '@fieldbook/i18n';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, of, switchMap, tap } from 'rxjs';
import { ConsoleContext } from '../core/console-context.service';
import { DialogComponent } from '../shared/dialog.component';
import { PAGE_SIZE, UUID_PATTERN } from '../shared/list-query';
import { ListStatusComponent } from '../shared/list-status.component';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { PagerComponent } from '../shared/pager.component';
import { BookingCodesService } from './booking-codes.service';

type CodeAction = 'extend' | 'expire' | 'block';

/** What the admin is about to do to which code. */
interface PendingAction {
  action: CodeAction;
  code: BookingCode;
}

/** `date` as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The booking codes customers were sent: filter them, and extend, expire or block one. */
@Component({
  selector: 'fb-booking-codes-page',
  imports: [ListStatusComponent, ReactiveFormsModule, TranslatePipe, LocalDatePipe, PagerComponent, DialogComponent],
  templateUrl: './booking-codes.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingCodesPage {
  private readonly codes = inject(BookingCodesService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly formBuilder = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly context = inject(ConsoleContext);

  protected readonly states = BOOKING_CODE_STATES;
  /** Every member sees the codes; owners and admins change them. */
  protected readonly canChange = computed(() => this.context.role() === 'owner' || this.context.role() === 'admin');

  protected readonly filters = this.formBuilder.group({
    state: ['' as BookingCodeState | ''],
    bookingId: ['', Validators.pattern(UUID_PATTERN)],
    contactId: ['', Validators.pattern(UUID_PATTERN)],
  });
  protected readonly errors = new FormErrors(this.filters, this.t, {
    state: 'api:fields.state',
    bookingId: 'bookingCodes.filters.bookingId',
    contactId: 'bookingCodes.filters.contactId',
  });

  private readonly query = signal<BookingCodeListQuery>({ limit: PAGE_SIZE, offset: 0 });
  private readonly reloads = signal(0);
  protected readonly list = this.load();

  protected readonly pending = signal<PendingAction | null>(null);
  protected readonly extendForm = this.formBuilder.group({ expiresAt: ['', Validators.required] });
  protected readonly extendErrors = new FormErrors(this.extendForm, this.t, { expiresAt: 'bookingCodes.extend.newExpiry' });
  protected readonly busy = signal(false);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  /** What just happened, as a thunk so that it follows a language switch. */
  protected readonly notice = signal<(() => string) | null>(null);

  protected applyFilters(): void {
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    const { state, bookingId, contactId } = this.filters.getRawValue();
    this.query.set({ state: state || undefined, bookingId: bookingId.trim() || undefined, contactId: contactId.trim() || undefined, limit: PAGE_SIZE, offset: 0 });
  }

  protected clearFilters(): void {
    this.filters.reset();
    this.errors.reset();
    this.applyFilters();
  }

  protected goTo(offset: number): void {
    this.query.update((query) => ({ ...query, offset }));
    afterNextRender(() => this.host.querySelector<HTMLElement>('#booking-codes-heading')?.focus(), { injector: this.injector });
  }

  protected ask(action: CodeAction, code: BookingCode): void {
    this.notice.set(null);
    this.actionProblem.set(null);
    if (action === 'extend') {
      // A week from now, or from the current expiry when that is later.
      const base = Math.max(Date.now(), new Date(code.expiresAt).getTime());
      this.extendForm.reset({ expiresAt: toLocalInput(new Date(base + 7 * 24 * 60 * 60 * 1000)) });
      this.extendErrors.reset();
    }
    this.pending.set({ action, code });
  }

  protected cancel(): void {
    if (!this.busy()) this.pending.set(null);
  }

  protected confirm(): void {
    const pending = this.pending();
    const environment = this.context.environment();
    if (!pending || !environment || this.busy()) return;
    const { action, code } = pending;
    let request: Observable<BookingCode>;
    if (action === 'extend') {
      if (!this.extendErrors.readyToSend()) return focusFirstProblem(this.host, this.injector);
      const expiresAt = new Date(this.extendForm.getRawValue().expiresAt);
      if (Number.isNaN(expiresAt.getTime())) return focusFirstProblem(this.host, this.injector);
      request = this.codes.extend(environment.id, code.id, expiresAt.toISOString());
    } else {
      request = action === 'expire' ? this.codes.expire(environment.id, code.id) : this.codes.block(environment.id, code.id);
    }
    this.busy.set(true);
    this.actionProblem.set(null);
    request.subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.pending.set(null);
        this.notice.set(() => this.t(`bookingCodes.${action}.done`, { contact: updated.contactName, date: this.formatDate(updated.expiresAt) }));
        this.reloads.update((count) => count + 1);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (action === 'extend') this.extendErrors.fail(error);
        this.actionProblem.set(toApiProblem(error, this.t));
        focusFirstProblem(this.host.querySelector('dialog') ?? this.host, this.injector);
      },
    });
  }

  private formatDate(value: string): string {
    return formatDateTime(value, this.i18n.language(), Intl.DateTimeFormat().resolvedOptions().timeZone, { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** The codes for the chosen environment and filters; a reload after a change keeps the rows on screen. */
  private load() {
    let shown: { environmentId: string; query: BookingCodeListQuery } | undefined;
    const source = computed(() => ({ environmentId: this.context.environment()?.id, query: this.query(), reload: this.reloads() }));
    return toSignal(
      toObservable(source).pipe(
        switchMap(({ environmentId, query }) => {
          if (!environmentId) return of(LOADING);
          const same = shown?.environmentId === environmentId && shown.query === query;
          shown = { environmentId, query };
          const request = this.codes.list(environmentId, query).pipe(
            tap({ error: (error: unknown) => error instanceof HttpErrorResponse && error.status === 400 && this.errors.fail(error) }),
          );
          return toLoadable(request, this.t, { showLoading: !same });
        }),
      ),
      { initialValue: LOADING as Loadable<Page<BookingCode>> },
    );
  }
}
