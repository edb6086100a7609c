import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { PortalBooking, PortalBookingList } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalContext } from '../core/portal-context';
import { BookingApi } from './booking-api.service';
import { formatDate, formatTime } from './booking-dates';
import { BookingLoad, LOADING, toBookingLoad } from './booking-problem';

/** The signed-in customer's upcoming and past bookings, each leading to its page. */
@Component({
  selector: 'fb-my-bookings-page',
  imports: [TranslatePipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './booking-page.css',
  styles: `
    .bookings {
      display: grid;
      gap: var(--space-3);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .bookings li {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2) var(--space-4);
      justify-content: space-between;
      padding: var(--space-3) 0;
      border-bottom: 1px solid var(--color-border);
    }
    .bookings a {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <h1>{{ 'booking.list.title' | t }}</h1>
    <p><a class="button" [routerLink]="portal.link('book')">{{ 'booking.list.bookNew' | t }}</a></p>
    @let current = list();
    @if (current.state === 'ready') {
      <section class="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{{ 'booking.list.upcoming' | t }}</h2>
        @if (current.value.upcoming.length === 0) {
          <p class="muted">{{ 'booking.list.noUpcoming' | t }}</p>
        } @else {
          <ul class="bookings" role="list">
            @for (booking of current.value.upcoming; track booking.id) {
              <li>
                <a [routerLink]="portal.link('bookings', booking.id)">{{ title(booking) }}</a>
                <span class="status" [attr.data-status]="booking.status">{{ 'booking.status.' + booking.status | t }}</span>
              </li>
            }
          </ul>
        }
      </section>
      <section class="card" aria-labelledby="past-heading">
        <h2 id="past-heading">{{ 'booking.list.past' | t }}</h2>
        @if (current.value.past.length === 0) {
          <p class="muted">{{ 'booking.list.noPast' | t }}</p>
        } @else {
          <ul class="bookings" role="list">
            @for (booking of current.value.past; track booking.id) {
              <li>
                <a [routerLink]="portal.link('bookings', booking.id)">{{ title(booking) }}</a>
                <span class="status" [attr.data-status]="booking.status">{{ 'booking.status.' + booking.status | t }}</span>
              </li>
            }
          </ul>
        }
      </section>
    } @else if (current.state === 'failed') {
      <p class="alert" role="alert">{{ current.problem.message }}</p>
    } @else {
      <p class="muted" role="status">{{ 'common:states.loading' | t }}</p>
    }
  `,
})
export class MyBookingsPage {
  private readonly api = inject(BookingApi);
  private readonly i18n = inject(I18n);
  protected readonly portal = inject(PortalContext);

  protected readonly list = toSignal(toBookingLoad(this.api.list(), this.i18n.t), { initialValue: LOADING as BookingLoad<PortalBookingList> });

  /** "Tuesday, December 1, 2026, 09:00 · Furnace tune-up" in the service location's zone. */
  protected title(booking: PortalBooking): string {
    const language = this.i18n.language();
    return this.i18n.t('booking.list.item', {
      date: formatDate(booking.start, language, booking.timeZone),
      time: formatTime(booking.start, language, booking.timeZone),
      service: booking.serviceType.name,
    });
  }
}
