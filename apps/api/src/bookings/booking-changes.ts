import { Injectable } from '@nestjs/common';
import { Booking, BookingStatus, ChangeBookingStatusRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { ConflictError } from '../common/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { BookingReader } from './booking-reader';
import { BookingActor, BookingsService } from './bookings.service';

/** Office progress of a job: only forward, never back to scheduled, never out of completed or canceled. */
const NEXT: Record<BookingStatus, readonly BookingStatus[]> = {
  scheduled: ['traveling', 'in_progress', 'completed'],
  traveling: ['in_progress', 'completed'],
  in_progress: ['completed'],
  completed: [],
  canceled: [],
};

/** A technician already on the way can still be called off by the office; a customer can cancel only what is merely scheduled. */
const CANCELABLE: Record<BookingActor['kind'], readonly BookingStatus[]> = {
  admin: ['scheduled', 'traveling'],
  contact: ['scheduled'],
};

@Injectable()
export class BookingChanges {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly bookings: BookingsService,
    private readonly reader: BookingReader,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Cancels with a reason, freeing the technician; customers must be before the cancel cut-off. */
  async cancel(bookingId: string, reason: string, actor: BookingActor, now = Date.now()): Promise<Booking> {
    const booking = await this.bookings.lock(bookingId);
    if (!CANCELABLE[actor.kind].includes(booking.status as BookingStatus)) {
      throw new ConflictError('bookingNotCancelable', { status: booking.status });
    }
    this.bookings.assertBeforeCutOff(booking, actor, booking.context.settings.cancelCutoffHours, 'cancelCutOffPassed', now);
    const manager = this.tenancy.manager;
    await manager.query(`UPDATE booking SET status = 'canceled', cancel_reason = $2, updated_at = now() WHERE id = $1`, [bookingId, reason]);
    await this.closeWorkOrderIfDone(booking.workOrderId);
    const change = { bookingId, workOrderId: booking.workOrderId, technicianId: booking.resourceId, start: booking.startsAt.toISOString(), reason, by: actor.kind };
    await this.audit.record('booking.canceled', actor.kind === 'admin' ? actor.id : null, change);
    await this.outbox.emit('booking.canceled', bookingId, { ...change, source: booking.source, contactId: booking.reportedByContactId });
    return this.reader.get(bookingId);
  }

  /** Office status changes: traveling, in progress, completed. */
  async changeStatus(bookingId: string, request: ChangeBookingStatusRequest, adminId: string): Promise<Booking> {
    const booking = await this.bookings.lock(bookingId);
    const from = booking.status as BookingStatus;
    if (!NEXT[from].includes(request.status)) throw new ConflictError('bookingStatusChangeRefused', { from, to: request.status });
    await this.tenancy.manager.query(`UPDATE booking SET status = $2, updated_at = now() WHERE id = $1`, [bookingId, request.status]);
    if (request.status === 'completed') await this.closeWorkOrderIfDone(booking.workOrderId);
    const change = { bookingId, workOrderId: booking.workOrderId, from, to: request.status };
    await this.audit.record('booking.status_changed', adminId, change);
    await this.outbox.emit('booking.status_changed', bookingId, { ...change, source: booking.source, contactId: booking.reportedByContactId });
    return this.reader.get(bookingId);
  }

  /**
   * A work order follows its bookings: completed once one is completed and none is still open,
   * canceled once every booking is canceled.
   */
  private async closeWorkOrderIfDone(workOrderId: string): Promise<void> {
    await this.tenancy.manager.query(
      `UPDATE work_order wo SET status = CASE WHEN s.completed > 0 THEN 'completed' ELSE 'canceled' END, updated_at = now()
         FROM (SELECT count(*) FILTER (WHERE status = 'completed') AS completed,
                      count(*) FILTER (WHERE status IN ('scheduled', 'traveling', 'in_progress')) AS open
                 FROM booking WHERE work_order_id = $1) s
        WHERE wo.id = $1 AND s.open = 0`,
      [workOrderId],
    );
  }
}
