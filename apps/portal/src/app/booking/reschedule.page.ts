import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { PortalBooking, PortalBookingOptions } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { forkJoin, switchMap } from 'rxjs';
import { PortalContext } from '../core/portal-context';
import { BookingApi, DateRange } from './booking-api.service';
import { addDays, today } from './booking-dates';
import { BookingLoad, LOADING, toBookingLoad } from './booking-problem';
import { BookingSummaryComponent } from './booking-summary.component';
import { portalBookingFacts } from './booking-detail.page';
import { ReschedulePanelComponent } from './reschedule-panel.component';

interface RescheduleSetup {
  booking: PortalBooking;
  options: PortalBookingOptions;
}

/** A new day and time for a booking: same service (and asset), chosen on the same calendar as booking. */
@Component({
  selector: 'fb-reschedule-page',
  imports: [TranslatePipe, RouterLink, BookingSummaryComponent, ReschedulePanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './booking-page.css',
  template: `
    <h1>{{ 'booking.reschedule.title' | t }}</h1>
    @let current = setup();
    @if (current.state === 'ready') {
      @let booking = current.value.booking;
      <section class="card" aria-labelledby="current-heading">
        <h2 id="current-heading">{{ 'booking.reschedule.currentHeading' | t }}</h2>
        <fb-booking-summary [booking]="facts(booking)" />
      </section>
      <section class="card" aria-labelledby="new-time-heading">
        <h2 id="new-time-heading">{{ 'booking.reschedule.newTimeHeading' | t }}</h2>
        @if (booking.canReschedule) {
          <fb-reschedule-panel
            [load]="loadSlots()"
            [submit]="submit"
            [maxRangeDays]="current.value.options.maxLeadDays + 1"
            [firstDay]="firstDay()"
            [lastDay]="lastDay()"
            (rescheduled)="done($event)"
          />
        } @else {
          <p>{{ booking.rescheduleRefusal?.message }}</p>
        }
      </section>
      <p><a [routerLink]="portal.link('bookings', booking.id)">{{ 'booking.reschedule.back' | t }}</a></p>
    } @else if (current.state === 'failed') {
      <p class="alert" role="alert">{{ current.problem.message }}</p>
    } @else {
      <p class="muted" role="status">{{ 'common:states.loading' | t }}</p>
    }
  `,
})
export class ReschedulePage {
  private readonly api = inject(BookingApi);
  private readonly router = inject(Router);
  private readonly t = inject(I18n).t;
  protected readonly portal = inject(PortalContext);

  /** From the route: bookings/:id/reschedule. */
  readonly id = input.required<string>();

  protected readonly setup = toSignal(
    toObservable(this.id).pipe(switchMap((id) => toBookingLoad(forkJoin({ booking: this.api.get(id), options: this.api.options() }), this.t))),
    { initialValue: LOADING as BookingLoad<RescheduleSetup> },
  );

  private readonly options = computed(() => {
    const current = this.setup();
    return current.state === 'ready' ? current.value : null;
  });
  protected readonly firstDay = computed(() => {
    const setup = this.options();
    return setup ? addDays(today(setup.booking.timeZone), setup.options.minLeadDays) : null;
  });
  protected readonly lastDay = computed(() => {
    const setup = this.options();
    return setup ? addDays(today(setup.booking.timeZone), setup.options.maxLeadDays) : null;
  });
  protected readonly loadSlots = computed(() => {
    const id = this.id();
    return (range: DateRange) => this.api.rescheduleSlots(id, range);
  });

  protected readonly facts = portalBookingFacts;
  protected readonly submit = (start: string, key: string) => this.api.reschedule(this.id(), start, key);

  protected done(booking: PortalBooking): void {
    void this.router.navigate(this.portal.link('bookings', booking.id), { state: { bookingNotice: 'rescheduled' } });
  }
}
