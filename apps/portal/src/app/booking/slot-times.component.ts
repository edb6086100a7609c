import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, output } from '@angular/core';
import { SlotView } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { formatTime } from './booking-dates';

let nextId = 0;

/** The free times of one day as buttons named by the time, in the service location's zone (which it names). */
@Component({
  selector: 'fb-slot-times',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './slot-times.component.css',
  template: `
    <div role="group" [attr.aria-labelledby]="id + '-heading'" [attr.aria-describedby]="id + '-zone'">
      <h3 class="heading" [id]="id + '-heading'" tabindex="-1">{{ 'booking.times.heading' | t: { date: dayLabel() } }}</h3>
      <p class="muted zone" [id]="id + '-zone'">{{ 'booking.times.zone' | t: { zone: timeZone() } }}</p>
      @if (times().length === 0) {
        <p class="muted">{{ 'booking.times.none' | t }}</p>
      } @else {
        <ul class="times" role="list">
          @for (time of times(); track time.slot.start) {
            <li>
              <button type="button" class="time" [attr.aria-pressed]="time.slot.start === selected()" (click)="timeChosen.emit(time.slot)">{{ time.label }}</button>
            </li>
          }
        </ul>
      }
    </div>
  `,
})
export class SlotTimesComponent {
  private readonly i18n = inject(I18n);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  protected readonly id = `fb-times-${nextId++}`;

  readonly slots = input.required<readonly SlotView[]>();
  readonly timeZone = input.required<string>();
  /** The day, already written out in full. */
  readonly dayLabel = input.required<string>();
  /** Start of the chosen slot, if any. */
  readonly selected = input<string | null>(null);
  readonly timeChosen = output<SlotView>();

  protected readonly times = computed(() => {
    const language = this.i18n.language();
    return this.slots().map((slot) => ({ slot, label: formatTime(slot.start, language, this.timeZone()) }));
  });

  /** Moves focus to the heading, so the times are read next. */
  focus(): void {
    this.host.querySelector<HTMLElement>('h3')?.focus();
  }
}
