import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { PortalBooking } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { switchMap } from 'rxjs';
import { PortalContext } from '../core/portal-context';
import { BookingApi } from './booking-api.service';
import { BookingLoad, LOADING, toBookingLoad } from './booking-problem';
import { BookingFacts, BookingSummaryComponent } from './booking-summary.component';
import { CancelDialogComponent } from './cancel-dialog.component';

/** What just happened to the booking shown, passed in the navigation's state. */
export type BookingNotice = 'booked' | 'rescheduled' | 'canceled';

export function portalBookingFacts(booking: PortalBooking): BookingFacts {
  return {
    reference: booking.reference,
    serviceName: booking.serviceType.name,
    assetName: booking.assetName,
    start: booking.start,
    end: booking.end,
    timeZone: booking.timeZone,
    address: booking.serviceAddress,
    status: booking.status,
  };
}

/**
 * One booking of the signed-in customer, and the confirmation right after booking or
 * rescheduling: the facts, a calendar file, and reschedule and cancel when the rules allow them
 * (otherwise the API's reason, which says how to reach the company).
 */
@Component({
  selector: 'fb-booking-detail-page',
  imports: [TranslatePipe, RouterLink, BookingSummaryComponent, CancelDialogComponent],
  templateUrl: './booking-detail.page.html',
  styleUrl: './booking-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingDetailPage {
  private readonly api = inject(BookingApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly t = inject(I18n).t;
  protected readonly portal = inject(PortalContext);
  private readonly dialog = viewChild(CancelDialogComponent);

  /** From the route: bookings/:id. */
  readonly id = input.required<string>();

  protected readonly notice = signal<BookingNotice | null>(this.noticeFromNavigation());
  private readonly updated = signal<PortalBooking | null>(null);
  private readonly loaded = toSignal(toObservable(this.id).pipe(switchMap((id) => toBookingLoad(this.api.get(id), this.t))), {
    initialValue: LOADING as BookingLoad<PortalBooking>,
  });
  protected readonly booking = computed<BookingLoad<PortalBooking>>(() => {
    const updated = this.updated();
    return updated && updated.id === this.id() ? { state: 'ready', value: updated } : this.loaded();
  });

  protected readonly facts = portalBookingFacts;
  protected readonly cancelBooking = (reason: string) => this.api.cancel(this.id(), reason);

  protected calendarUrl(booking: PortalBooking): string {
    return this.api.calendarUrl(booking.id);
  }

  protected reschedule(booking: PortalBooking): void {
    void this.router.navigate(this.portal.link('bookings', booking.id, 'reschedule'));
  }

  protected openCancel(): void {
    this.dialog()?.open();
  }

  protected canceled(booking: PortalBooking): void {
    this.updated.set(booking);
    this.notice.set('canceled');
    afterNextRender(() => this.host.querySelector<HTMLElement>('#booking-notice')?.focus(), { injector: this.injector });
  }

  private noticeFromNavigation(): BookingNotice | null {
    const state = inject(Location).getState() as { bookingNotice?: unknown } | null;
    const notice = state?.bookingNotice;
    return notice === 'booked' || notice === 'rescheduled' ? notice : null;
  }
}
