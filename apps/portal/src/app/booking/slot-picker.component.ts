import { ChangeDetectionStrategy, Component, Injector, afterNextRender, computed, effect, inject, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NoSlotReasonView, SlotView, SlotsResponse } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { DateRange } from './booking-api.service';
import { addDays, firstOfMonth, formatDay, formatMonth, lastOfMonth, localDateOf, monthOf, splitRange, today } from './booking-dates';
import { BookingLoad, LOADING, toBookingLoad } from './booking-problem';
import { SlotCalendarComponent } from './slot-calendar.component';
import { SlotTimesComponent } from './slot-times.component';

/** One month of answers, merged from as many queries as the API's range limit needs. */
interface MonthSlots {
  month: string;
  timeZone: string | null;
  slots: SlotView[];
  reasons: NoSlotReasonView[];
}

function merge(month: string, answers: SlotsResponse[]): MonthSlots {
  const reasons = new Map<string, NoSlotReasonView>();
  for (const answer of answers) for (const reason of answer.reasons) reasons.set(reason.code, reason);
  return { month, timeZone: answers[0]?.timeZone ?? null, slots: answers.flatMap((answer) => answer.slots), reasons: [...reasons.values()] };
}

/**
 * Day and time choice: a month calendar of days with free times and the times of the chosen
 * day, over any slot source (a new booking, a reschedule, a booking code). Loads the visible
 * month, says what it is doing in a live region and, when nothing is free, why.
 */
@Component({
  selector: 'fb-slot-picker',
  imports: [TranslatePipe, SlotCalendarComponent, SlotTimesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './slot-picker.component.css',
  template: `
    <p class="visually-hidden" role="status">{{ announcement() }}</p>
    @let current = result();
    @if (current.state === 'failed') {
      <div class="alert" role="alert">
        <p>{{ current.problem.message }}</p>
        <button type="button" class="button" (click)="reload()">{{ 'common:actions.retry' | t }}</button>
      </div>
    }
    <div class="picker">
      <fb-slot-calendar
        [month]="month()"
        [available]="availableDays()"
        [loading]="current.state === 'loading'"
        [selected]="day()"
        [minMonth]="minMonth()"
        [maxMonth]="maxMonth()"
        (dayChosen)="chooseDay($event)"
        (monthChange)="goToMonth($event)"
      />
      <div class="side">
        @if (current.state === 'loading') {
          <div class="skeleton-times" aria-hidden="true">
            @for (placeholder of placeholders; track placeholder) {
              <span class="skeleton"></span>
            }
          </div>
        } @else if (current.state === 'ready') {
          @if (current.value.slots.length === 0) {
            <div class="no-times">
              <p>{{ 'booking.picker.noneThisMonth' | t: { month: monthLabel() } }}</p>
              @if (current.value.reasons.length > 0) {
                <ul>
                  @for (reason of current.value.reasons; track reason.code) {
                    <li>{{ reason.message }}</li>
                  }
                </ul>
              }
            </div>
          } @else if (day(); as chosen) {
            <fb-slot-times [slots]="daySlots()" [timeZone]="timeZone()" [dayLabel]="dayLabel(chosen)" [selected]="selected()" (timeChosen)="slotChosen.emit($event)" />
          } @else {
            <p class="muted">{{ 'booking.picker.chooseDay' | t }}</p>
            <p class="muted">{{ 'booking.times.zone' | t: { zone: timeZone() } }}</p>
          }
        }
      </div>
    </div>
  `,
})
export class SlotPickerComponent {
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  private readonly times = viewChild(SlotTimesComponent);

  /** Fetches the free times for local dates in the service location's zone. */
  readonly load = input.required<(range: DateRange) => Observable<SlotsResponse>>();
  /** Most days the API answers for at once. */
  readonly maxRangeDays = input(7);
  /** The earliest and latest days that may have free times (from the portal's lead times), when known. */
  readonly firstDay = input<string | null>(null);
  readonly lastDay = input<string | null>(null);
  /** The chosen day (YYYY-MM-DD) and the start of the chosen time, e.g. kept in the address. */
  readonly day = input<string | null>(null);
  readonly selected = input<string | null>(null);

  readonly dayChange = output<string>();
  readonly slotChosen = output<SlotView>();
  /** The service location's zone, once the API has named it. */
  readonly timeZoneChange = output<string>();

  protected readonly placeholders = [1, 2, 3, 4, 5, 6];
  private readonly opening = computed(() => this.day() ?? this.firstDay() ?? today());
  protected readonly month = linkedSignal(() => monthOf(this.opening()));
  /** Set once the customer moves between months, so the calendar never moves on its own after that. */
  private navigated = false;
  private readonly reloads = signal(0);

  protected readonly minMonth = computed(() => monthOf(this.firstDay() ?? today()));
  protected readonly maxMonth = computed(() => {
    const last = this.lastDay();
    return last ? monthOf(last) : null;
  });
  protected readonly monthLabel = computed(() => formatMonth(this.month(), this.i18n.language()));

  protected readonly result = toSignal(
    toObservable(computed(() => ({ month: this.month(), load: this.load(), reload: this.reloads() }))).pipe(
      switchMap(({ month, load }) => toBookingLoad(this.fetch(month, load), this.i18n.t)),
    ),
    { initialValue: LOADING as BookingLoad<MonthSlots> },
  );

  protected readonly timeZone = computed(() => {
    const current = this.result();
    return (current.state === 'ready' && current.value.timeZone) || Intl.DateTimeFormat().resolvedOptions().timeZone;
  });

  /** Free slots by local date in the service location's zone. */
  private readonly byDay = computed(() => {
    const days = new Map<string, SlotView[]>();
    const current = this.result();
    if (current.state !== 'ready') return days;
    for (const slot of current.value.slots) {
      const date = localDateOf(slot.start, this.timeZone());
      days.set(date, [...(days.get(date) ?? []), slot]);
    }
    return days;
  });

  protected readonly availableDays = computed<ReadonlySet<string>>(() => new Set(this.byDay().keys()));
  protected readonly daySlots = computed(() => this.byDay().get(this.day() ?? '') ?? []);

  protected readonly announcement = computed(() => {
    const current = this.result();
    const month = this.monthLabel();
    if (current.state === 'loading') return this.i18n.t('booking.picker.loading', { month });
    if (current.state === 'failed') return '';
    const day = this.day();
    if (day && monthOf(day) === this.month()) {
      return this.i18n.t('booking.picker.timesOnDay', { count: this.daySlots().length, date: this.dayLabel(day) });
    }
    const days = this.availableDays().size;
    return days === 0 ? this.i18n.t('booking.picker.noneThisMonth', { month }) : this.i18n.t('booking.picker.daysFound', { count: days, month });
  });

  constructor() {
    effect(() => {
      const current = this.result();
      if (current.state === 'ready' && current.value.timeZone) this.timeZoneChange.emit(current.value.timeZone);
    });
    // A month that opens with nothing free moves on once to the next, unless the customer already chose where to look.
    let advanced = false;
    effect(() => {
      const current = this.result();
      if (current.state !== 'ready' || this.navigated || advanced || this.day()) return;
      if (current.value.slots.length > 0 || current.value.month !== this.month()) return;
      const next = monthOf(addDays(lastOfMonth(this.month()), 1));
      const max = this.maxMonth();
      if (max && next > max) return;
      advanced = true;
      this.month.set(next);
    });
  }

  /** Asks again, e.g. after a time was taken meanwhile. */
  reload(): void {
    this.reloads.update((count) => count + 1);
  }

  protected dayLabel(date: string): string {
    return formatDay(date, this.i18n.language());
  }

  protected chooseDay(date: string): void {
    this.dayChange.emit(date);
    afterNextRender(() => this.times()?.focus(), { injector: this.injector });
  }

  protected goToMonth(month: string): void {
    this.navigated = true;
    this.month.set(month);
  }

  private fetch(month: string, load: (range: DateRange) => Observable<SlotsResponse>): Observable<MonthSlots> {
    // Days before yesterday (in any zone) are past; days after the last bookable one never have times.
    const earliest = addDays(this.firstDay() ?? today(), -1);
    const from = firstOfMonth(month) > earliest ? firstOfMonth(month) : earliest;
    const last = this.lastDay();
    const latest = last ? addDays(last, 1) : null;
    const to = latest && latest < lastOfMonth(month) ? latest : lastOfMonth(month);
    if (from > to) return of(merge(month, []));
    const ranges = splitRange({ from, to }, this.maxRangeDays());
    return forkJoin(ranges.map((range) => load(range))).pipe(map((answers) => merge(month, answers)));
  }
}
