import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, output, signal, viewChild } from '@angular/core';
import { SlotView, SlotsResponse } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable } from 'rxjs';
import { AttemptKey } from './attempt-key';
import { DateRange } from './booking-api.service';
import { formatDate, formatTime, localDateOf } from './booking-dates';
import { BookingProblem, toBookingProblem } from './booking-problem';
import { SlotAlternativesComponent } from './slot-alternatives.component';
import { SlotPickerComponent } from './slot-picker.component';

/**
 * Choosing a new day and time for a booking and confirming it, for a signed-in customer or a
 * booking code alike. The confirmation is idempotent per attempt; a time taken meanwhile brings
 * the API's message and fresh times to pick from.
 */
@Component({
  selector: 'fb-reschedule-panel',
  imports: [TranslatePipe, SlotPickerComponent, SlotAlternativesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './booking-page.css',
  template: `
    <fb-slot-picker
      [load]="load()"
      [maxRangeDays]="maxRangeDays()"
      [firstDay]="firstDay()"
      [lastDay]="lastDay()"
      [day]="day()"
      [selected]="start()"
      (dayChange)="chooseDay($event)"
      (slotChosen)="chooseTime($event)"
      (timeZoneChange)="timeZone.set($event)"
    />
    @if (start(); as chosen) {
      <div class="confirm">
        <h3 class="confirm-heading" tabindex="-1">{{ 'booking.reschedule.confirmHeading' | t }}</h3>
        <p>{{ 'booking.reschedule.newTime' | t: { date: date(chosen), time: time(chosen), zone: timeZone() ?? '' } }}</p>
        @if (problem(); as failure) {
          <div class="alert" role="alert" tabindex="-1">
            <p>{{ failure.message }}</p>
          </div>
          @if (failure.alternatives && timeZone()) {
            <fb-slot-alternatives [alternatives]="failure.alternatives" [timeZone]="timeZone()!" (chosen)="chooseAlternative($event)" />
          }
        }
        <p class="visually-hidden" role="status">{{ pending() ? ('booking.reschedule.pending' | t) : '' }}</p>
        <button type="button" class="button" [disabled]="pending()" (click)="confirm()">{{ 'booking.reschedule.confirm' | t }}</button>
      </div>
    } @else if (problem(); as failure) {
      <p class="alert" role="alert">{{ failure.message }}</p>
    }
  `,
  styles: `
    .confirm {
      margin-top: var(--space-6);
      padding-top: var(--space-4);
      border-top: 1px solid var(--color-border);
    }
    .confirm-heading {
      margin: 0 0 var(--space-2);
      font-size: 1.125rem;
    }
  `,
})
export class ReschedulePanelComponent<T = unknown> {
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly picker = viewChild(SlotPickerComponent);

  readonly load = input.required<(range: DateRange) => Observable<SlotsResponse>>();
  /** Moves the booking to `start`; `key` is the attempt's Idempotency-Key. */
  readonly submit = input.required<(start: string, key: string) => Observable<T>>();
  readonly maxRangeDays = input(7);
  readonly firstDay = input<string | null>(null);
  readonly lastDay = input<string | null>(null);
  readonly rescheduled = output<T>();

  protected readonly day = signal<string | null>(null);
  protected readonly start = signal<string | null>(null);
  protected readonly timeZone = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly problem = signal<BookingProblem | null>(null);
  private readonly attempt = new AttemptKey();

  protected date(start: string): string {
    return formatDate(start, this.i18n.language(), this.timeZone() ?? 'UTC');
  }

  protected time(start: string): string {
    return formatTime(start, this.i18n.language(), this.timeZone() ?? 'UTC');
  }

  protected chooseDay(day: string): void {
    this.day.set(day);
    this.start.set(null);
  }

  protected chooseTime(slot: SlotView): void {
    this.start.set(slot.start);
    this.problem.set(null);
    this.focusAfterRender('.confirm-heading');
  }

  protected chooseAlternative(slot: SlotView): void {
    const zone = this.timeZone();
    this.day.set(zone ? localDateOf(slot.start, zone) : slot.start.slice(0, 10));
    this.chooseTime(slot);
  }

  protected confirm(): void {
    const start = this.start();
    if (this.pending() || !start) return;
    const key = this.attempt.for({ start });
    this.pending.set(true);
    this.problem.set(null);
    this.submit()(start, key).subscribe({
      next: (result) => {
        this.attempt.settle(200);
        this.pending.set(false);
        this.rescheduled.emit(result);
      },
      error: (error: unknown) => {
        const problem = toBookingProblem(error, this.i18n.t);
        this.attempt.settle(problem.status);
        this.pending.set(false);
        this.problem.set(problem);
        if (problem.status === 409) this.picker()?.reload();
        this.focusAfterRender('[role=alert]');
      },
    });
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
