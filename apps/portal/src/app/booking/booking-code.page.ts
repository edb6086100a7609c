import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { BookingByCode } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, catchError, map, of, startWith, switchMap } from 'rxjs';
import { BookingApi, DateRange } from './booking-api.service';
import { BookingProblem, toBookingProblem } from './booking-problem';
import { BookingFacts, BookingSummaryComponent } from './booking-summary.component';
import { CancelDialogComponent } from './cancel-dialog.component';
import { ReschedulePanelComponent } from './reschedule-panel.component';

type CodeState =
  | { state: 'loading' }
  | { state: 'ready'; booking: BookingByCode }
  /** 410: the message says what to do; `contact` how to reach the company. */
  | { state: 'expired'; problem: BookingProblem }
  | { state: 'blocked'; problem: BookingProblem }
  | { state: 'missing' }
  | { state: 'failed'; problem: BookingProblem };

/** The phone number as a tel: address: digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * The booking behind a booking code, opened from a message without signing in. Opening it only
 * reads (mail scanners follow links too); every change is an explicit click here.
 */
@Component({
  selector: 'fb-booking-code-page',
  imports: [TranslatePipe, BookingSummaryComponent, CancelDialogComponent, ReschedulePanelComponent],
  templateUrl: './booking-code.page.html',
  styleUrl: './booking-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingCodePage {
  private readonly api = inject(BookingApi);
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly dialog = viewChild(CancelDialogComponent);

  /** From the route: booking/:token. */
  readonly token = input.required<string>();

  private readonly updated = signal<BookingByCode | null>(null);
  private readonly loaded = toSignal(toObservable(this.token).pipe(switchMap((token) => this.fetch(token))), { initialValue: { state: 'loading' } as CodeState });
  protected readonly code = computed<CodeState>(() => {
    const updated = this.updated();
    return updated ? { state: 'ready', booking: updated } : this.loaded();
  });

  /** One heading for every state, so that focus placed on it survives the answer arriving. */
  protected readonly heading = computed(() => {
    switch (this.code().state) {
      case 'expired':
        return 'booking.code.expiredTitle';
      case 'blocked':
        return 'booking.code.blockedTitle';
      case 'missing':
        return 'booking.code.missingTitle';
      default:
        return 'booking.code.title';
    }
  });

  protected readonly rescheduling = signal(false);
  protected readonly notice = signal<'rescheduled' | 'canceled' | null>(null);
  protected readonly telHref = telHref;

  protected readonly loadSlots = computed(() => {
    const token = this.token();
    return (range: DateRange) => this.api.codeSlots(token, range);
  });
  protected readonly submit = (start: string, key: string) => this.api.rescheduleByCode(this.token(), start, key);
  protected readonly cancelBooking = (reason: string) => this.api.cancelByCode(this.token(), reason);

  protected facts(booking: BookingByCode): BookingFacts {
    return {
      reference: booking.reference,
      serviceName: booking.serviceTypeName,
      assetName: null,
      start: booking.start,
      end: booking.end,
      timeZone: booking.timeZone,
      address: booking.serviceAddress,
      status: booking.status,
    };
  }

  protected startRescheduling(): void {
    this.notice.set(null);
    this.rescheduling.set(true);
    this.focusAfterRender('#code-reschedule-heading');
  }

  protected stopRescheduling(): void {
    this.rescheduling.set(false);
    this.focusAfterRender('#code-reschedule-button');
  }

  protected openCancel(): void {
    this.dialog()?.open();
  }

  protected changed(booking: BookingByCode, notice: 'rescheduled' | 'canceled'): void {
    this.updated.set(booking);
    this.rescheduling.set(false);
    this.notice.set(notice);
    this.focusAfterRender('#code-notice');
  }

  private fetch(token: string): Observable<CodeState> {
    return this.api.byCode(token).pipe(
      map((booking): CodeState => ({ state: 'ready', booking })),
      catchError((error: unknown) => {
        const problem = toBookingProblem(error, this.i18n.t);
        if (problem.status === 410) return of<CodeState>({ state: 'expired', problem });
        if (problem.status === 403) return of<CodeState>({ state: 'blocked', problem });
        if (problem.status === 404) return of<CodeState>({ state: 'missing' });
        return of<CodeState>({ state: 'failed', problem });
      }),
      startWith<CodeState>({ state: 'loading' }),
    );
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
