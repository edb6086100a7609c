import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { addDays, addMonths, firstDayOfWeek, formatDay, formatDayNumber, formatMonth, monthOf, monthWeeks, weekdayNames } from './booking-dates';

let nextId = 0;

interface DayCell {
  date: string;
  number: string;
  label: string;
  available: boolean;
  selected: boolean;
}

const MOVES: Record<string, (date: string, weekStartOf: (date: string) => string) => string> = {
  ArrowLeft: (date) => addDays(date, -1),
  ArrowRight: (date) => addDays(date, 1),
  ArrowUp: (date) => addDays(date, -7),
  ArrowDown: (date) => addDays(date, 7),
  Home: (date, weekStartOf) => weekStartOf(date),
  End: (date, weekStartOf) => addDays(weekStartOf(date), 6),
};

/**
 * One month as a grid of day buttons. Days with free times can be chosen; the others stay
 * focusable (so arrow keys can cross them) but say "no times" and do nothing. One day is in the
 * tab order at a time; arrow keys, Home/End and Page Up/Down move between days and months.
 */
@Component({
  selector: 'fb-slot-calendar',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './slot-calendar.component.css',
  template: `
    <div class="calendar-head">
      <button type="button" class="nav" [attr.aria-disabled]="!canGoBack() || null" (click)="goToMonth(-1)">
        <span aria-hidden="true">‹</span><span class="visually-hidden">{{ 'booking.calendar.previousMonth' | t }}</span>
      </button>
      <p class="month" [id]="id + '-month'">{{ monthLabel() }}</p>
      <button type="button" class="nav" [attr.aria-disabled]="!canGoForward() || null" (click)="goToMonth(1)">
        <span aria-hidden="true">›</span><span class="visually-hidden">{{ 'booking.calendar.nextMonth' | t }}</span>
      </button>
    </div>
    <table role="grid" class="grid" [attr.aria-labelledby]="id + '-month'" [attr.aria-busy]="loading() || null">
      <thead>
        <tr>
          @for (weekday of weekdays(); track $index) {
            <th scope="col" [attr.abbr]="weekday.long">{{ weekday.short }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (week of weeks(); track $index) {
          <tr>
            @for (day of week; track $index) {
              <td>
                @if (day) {
                  <button
                    type="button"
                    class="day"
                    [class.available]="day.available"
                    [class.skeleton]="loading()"
                    [attr.data-date]="day.date"
                    [attr.aria-label]="day.label"
                    [attr.aria-pressed]="day.selected"
                    [attr.aria-disabled]="!day.available || null"
                    [tabIndex]="day.date === focusDate() ? 0 : -1"
                    (click)="choose(day)"
                    (keydown)="onKeydown($event, day.date)"
                    (focus)="userFocus.set(day.date)"
                  >
                    {{ day.number }}
                  </button>
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class SlotCalendarComponent {
  private readonly i18n = inject(I18n);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly id = `fb-calendar-${nextId++}`;

  /** The month shown, YYYY-MM. */
  readonly month = input.required<string>();
  /** Local dates with at least one free time. */
  readonly available = input.required<ReadonlySet<string>>();
  readonly loading = input(false);
  readonly selected = input<string | null>(null);
  /** The earliest and latest months one may go to, YYYY-MM; null for no limit. */
  readonly minMonth = input<string | null>(null);
  readonly maxMonth = input<string | null>(null);

  readonly dayChosen = output<string>();
  readonly monthChange = output<string>();

  private readonly weekStart = computed(() => firstDayOfWeek(this.i18n.language()));
  protected readonly weekdays = computed(() => weekdayNames(this.i18n.language(), this.weekStart()));
  protected readonly monthLabel = computed(() => formatMonth(this.month(), this.i18n.language()));
  protected readonly canGoBack = computed(() => this.allows(addMonths(this.month(), -1)));
  protected readonly canGoForward = computed(() => this.allows(addMonths(this.month(), 1)));

  /** The day last reached by keyboard or focus; it keeps the tab stop while its month is shown. */
  protected readonly userFocus = signal<string | null>(null);
  /** The day that takes Tab focus: the one last focused in this month, else the chosen one, else the first free one, else the 1st. */
  protected readonly focusDate = computed(() => {
    const month = this.month();
    const focused = this.userFocus();
    if (focused && monthOf(focused) === month) return focused;
    const selected = this.selected();
    if (selected && monthOf(selected) === month) return selected;
    const firstFree = [...this.available()].filter((date) => monthOf(date) === month).sort()[0];
    return firstFree ?? `${month}-01`;
  });

  protected readonly weeks = computed<(DayCell | null)[][]>(() => {
    const language = this.i18n.language();
    const available = this.available();
    const loading = this.loading();
    const selected = this.selected();
    return monthWeeks(this.month(), this.weekStart()).map((week) =>
      week.map((date) => {
        if (!date) return null;
        const free = !loading && available.has(date);
        const full = formatDay(date, language);
        const label = loading ? full : this.i18n.t(free ? 'booking.calendar.dayAvailable' : 'booking.calendar.dayUnavailable', { date: full });
        return { date, number: formatDayNumber(date, language), label, available: free, selected: date === selected };
      }),
    );
  });

  protected choose(day: DayCell): void {
    if (day.available) this.dayChosen.emit(day.date);
  }

  protected goToMonth(step: number): void {
    if (step < 0 ? !this.canGoBack() : !this.canGoForward()) return;
    this.monthChange.emit(addMonths(this.month(), step));
  }

  protected onKeydown(event: KeyboardEvent, current: string): void {
    let next: string | undefined;
    if (event.key === 'PageUp' || event.key === 'PageDown') {
      const month = addMonths(monthOf(current), event.key === 'PageUp' ? -1 : 1);
      const day = Math.min(Number(current.slice(8)), 28);
      next = `${month}-${String(day).padStart(2, '0')}`;
    } else {
      next = MOVES[event.key]?.(current, (date) => this.weekStartOf(date));
    }
    if (!next) return;
    event.preventDefault();
    const month = monthOf(next);
    if (!this.allows(month)) return;
    this.userFocus.set(next);
    if (month !== this.month()) this.monthChange.emit(month);
    afterNextRender(() => this.host.querySelector<HTMLElement>(`button[data-date="${next}"]`)?.focus(), { injector: this.injector });
  }

  /** Moves keyboard focus to the day that is in the tab order. */
  focus(): void {
    this.host.querySelector<HTMLElement>(`button[data-date="${this.focusDate()}"]`)?.focus();
  }

  /** Whether `month` is within the months one may go to. */
  private allows(month: string): boolean {
    const min = this.minMonth();
    const max = this.maxMonth();
    return (!min || month >= min) && (!max || month <= max);
  }

  private weekStartOf(date: string): string {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
    return addDays(date, -((weekday - this.weekStart() + 7) % 7));
  }
}
