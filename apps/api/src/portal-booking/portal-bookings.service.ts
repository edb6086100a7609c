import { Injectable } from '@nestjs/common';
import { CancelBookingRequest, PortalBooking, PortalBookingList, PortalCreateBookingRequest, RescheduleBookingRequest, SlotsResponse } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { companyContact, refusal, refusalError, Refusal } from '../booking-codes/customer-booking-rules';
import { RescheduleSlots } from '../booking-codes/reschedule-slots';
import { BookingChanges } from '../bookings/booking-changes';
import { BookingActor, BookingsService } from '../bookings/bookings.service';
import { IdempotencyService, IdempotentResult } from '../bookings/idempotency.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { PortalBookingReader } from './portal-booking-reader';
import { PortalSchedulingService } from './portal-scheduling.service';

/**
 * The signed-in contact books, reschedules and cancels their own bookings. The booking services
 * do the work with the contact as the actor and source `portal`, so cut-offs, the fair technician
 * rule, double-booking protection and the customer's messages apply exactly as everywhere else.
 * Every booking id is first checked to be one the contact reported (404 otherwise, as for an
 * unknown id), before an Idempotency-Key could replay anything.
 */
@Injectable()
export class PortalBookingsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly bookings: BookingsService,
    private readonly changes: BookingChanges,
    private readonly reader: PortalBookingReader,
    private readonly scheduling: PortalSchedulingService,
    private readonly rescheduleSlots: RescheduleSlots,
    private readonly idempotency: IdempotencyService,
  ) {}

  async create(contactId: string, request: PortalCreateBookingRequest, key: string | undefined, t: Translator): Promise<IdempotentResult<PortalBooking>> {
    return this.idempotency.run(`portal.booking.create:${contactId}`, key, request, async () => {
      await this.scheduling.assertBookable(request.serviceTypeId);
      await this.scheduling.assertDetailsAllowed(request.details);
      const location = await this.scheduling.serviceLocation(contactId, request.assetId);
      const booking = await this.bookings.create(
        { serviceTypeId: request.serviceTypeId, start: request.start, contactId, ...location, ...(request.details ? { details: request.details } : {}) },
        this.actor(contactId),
        'portal',
      );
      return this.reader.get(contactId, booking.id, t);
    });
  }

  list(contactId: string, t: Translator): Promise<PortalBookingList> {
    return this.reader.list(contactId, t);
  }

  get(contactId: string, bookingId: string, t: Translator): Promise<PortalBooking> {
    return this.reader.get(contactId, bookingId, t);
  }

  async slots(contactId: string, bookingId: string, range: { from: string; to: string }, t: Translator): Promise<SlotsResponse> {
    await this.reader.assertOwn(contactId, bookingId);
    return this.rescheduleSlots.search(bookingId, range, t, Date.now(), (refused) => this.refuse(refused, t));
  }

  async reschedule(contactId: string, bookingId: string, request: RescheduleBookingRequest, key: string | undefined, t: Translator): Promise<IdempotentResult<PortalBooking>> {
    await this.reader.assertOwn(contactId, bookingId);
    return this.idempotency.run(`portal.booking.reschedule:${bookingId}`, key, request, async () => {
      await this.assertMay('reschedule', bookingId, t);
      await this.bookings.reschedule(bookingId, request, this.actor(contactId));
      return this.reader.get(contactId, bookingId, t);
    });
  }

  async cancel(contactId: string, bookingId: string, request: CancelBookingRequest, t: Translator): Promise<PortalBooking> {
    await this.reader.assertOwn(contactId, bookingId);
    await this.assertMay('cancel', bookingId, t);
    await this.changes.cancel(bookingId, request.reason, this.actor(contactId));
    return this.reader.get(contactId, bookingId, t);
  }

  /**
   * Locks the booking and refuses a change the customer may not make (status, cut-off) with the
   * company's contact details; the booking services would refuse it too, but without them.
   */
  private async assertMay(action: 'reschedule' | 'cancel', bookingId: string, t: Translator, now = Date.now()): Promise<void> {
    const booking = await this.bookings.lock(bookingId);
    const { settings } = booking.context;
    const refused = refusal(
      action,
      { status: booking.status as PortalBooking['status'], startsAt: booking.startsAt },
      action === 'reschedule' ? settings.rescheduleCutoffHours : settings.cancelCutoffHours,
      now,
    );
    if (refused) throw await this.refuse(refused, t);
  }

  private async refuse(refused: Refusal, t: Translator): Promise<Error> {
    return refusalError(refused, await companyContact(this.tenancy.manager, t.language));
  }

  private actor(contactId: string): BookingActor {
    return { kind: 'contact', id: contactId };
  }
}
