import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { SlotView } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { formatDay, localDateOf } from './booking-dates';
import { SlotTimesComponent } from './slot-times.component';

/** Fresh times offered after the chosen one was taken, grouped by day. */
@Component({
  selector: 'fb-slot-alternatives',
  imports: [TranslatePipe, SlotTimesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: grid;
      gap: var(--space-4);
    }
  `,
  template: `
    @if (days().length === 0) {
      <p>{{ 'booking.alternatives.none' | t }}</p>
    } @else {
      <p>{{ 'booking.alternatives.lead' | t }}</p>
      @for (day of days(); track day.date) {
        <fb-slot-times [slots]="day.slots" [timeZone]="timeZone()" [dayLabel]="day.label" (timeChosen)="chosen.emit($event)" />
      }
    }
  `,
})
export class SlotAlternativesComponent {
  private readonly i18n = inject(I18n);
  readonly alternatives = input.required<readonly SlotView[]>();
  readonly timeZone = input.required<string>();
  readonly chosen = output<SlotView>();

  protected readonly days = computed(() => {
    const language = this.i18n.language();
    const days = new Map<string, SlotView[]>();
    for (const slot of this.alternatives()) {
      const date = localDateOf(slot.start, this.timeZone());
      days.set(date, [...(days.get(date) ?? []), slot]);
    }
    return [...days.entries()].map(([date, slots]) => ({ date, slots, label: formatDay(date, language) }));
  });
}
