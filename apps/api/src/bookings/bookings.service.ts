import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Booking, BookingSource, CreateBookingRequest, RescheduleBookingRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { BookingCodesService } from '../booking-codes/booking-codes.service';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { SchedulingData } from '../scheduling/scheduling-data';
import { SearchContext, SlotsService } from '../scheduling/slots.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { BookingPlacement } from './booking-placement';
import { BookingReader } from './booking-reader';
import { checkStart } from './booking-time';

/** Who acts: the office (may override customer cut-offs) or the customer contact through the portal. */
export type BookingActor = { kind: 'admin'; id: string } | { kind: 'contact'; id: string };

export interface BookingRecord {
  id: string;
  status: string;
  resourceId: string;
  startsAt: Date;
  workOrderId: string;
  source: BookingSource;
  reportedByContactId: string | null;
  context: SearchContext;
}

function reference(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `WO-${[...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly slots: SlotsService,
    private readonly data: SchedulingData,
    private readonly placement: BookingPlacement,
    private readonly reader: BookingReader,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly codes: BookingCodesService,
  ) {}

  /** Work order and booking in one transaction, on a technician chosen by the fair rule, or 409 with alternatives. */
  async create(request: CreateBookingRequest, actor: BookingActor, source: BookingSource, now = Date.now()): Promise<Booking> {
    const context = await this.slots.context(request);
    if (source === 'portal' && !context.serviceType.portalEnabled) throw new NotFoundError('serviceTypeNotFound');
    const contactId = await this.checkContact(request.contactId, context.location.accountId);
    const start = checkStart(request.start, context, now);
    const end = new Date(start + context.serviceType.durationMinutes * 60_000);
    const manager = this.tenancy.manager;
    const { location } = context;
    const [{ id: workOrderId }] = await manager.query(
      `INSERT INTO work_order (environment_id, reference, account_id, reported_by_contact_id, incident_type_id, asset_id, functional_location_id,
                               address_line1, address_line2, city, region, postal_code, country, lat, lng, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        this.tenancy.environmentId, reference(), location.accountId, contactId, context.serviceType.id, location.assetId, location.functionalLocationId,
        location.address.addressLine1, location.address.addressLine2, location.address.city, location.address.region, location.address.postalCode,
        location.address.country, location.lat, location.lng, location.timeZone,
      ],
    );
    let bookingId = '';
    const technicianId = await this.placement.place({ context, start, now }, async (candidate) => {
      const [row] = await manager.query(
        `INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, source) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [this.tenancy.environmentId, workOrderId, candidate, new Date(start), end, source],
      );
      bookingId = row.id;
    });
    if (request.details) await this.note(bookingId, actor, request.details);
    await this.audit.record('booking.created', actor.kind === 'admin' ? actor.id : null, { bookingId, workOrderId, technicianId, source });
    await this.outbox.emit('booking.created', bookingId, { bookingId, workOrderId, technicianId, source, contactId, start: new Date(start).toISOString() });
    return this.reader.get(bookingId);
  }

  /** Moves a booking, keeping its work order, asset and service type; the technician may change. */
  async reschedule(bookingId: string, request: RescheduleBookingRequest, actor: BookingActor, now = Date.now()): Promise<Booking> {
    const booking = await this.lock(bookingId);
    if (booking.status !== 'scheduled') throw new ConflictError('bookingNotReschedulable', { status: booking.status });
    this.assertBeforeCutOff(booking, actor, booking.context.settings.rescheduleCutoffHours, 'rescheduleCutOffPassed', now);
    const start = checkStart(request.start, booking.context, now);
    const end = new Date(start + booking.context.serviceType.durationMinutes * 60_000);
    const technicianId = await this.placement.place(
      { context: booking.context, start, bookingId, preferredTechnicianId: booking.resourceId, now },
      async (candidate) => {
        await this.tenancy.manager.query(`UPDATE booking SET resource_id = $2, starts_at = $3, ends_at = $4, calendar_sequence = calendar_sequence + 1, updated_at = now() WHERE id = $1`, [
          bookingId,
          candidate,
          new Date(start),
          end,
        ]);
      },
    );
    await this.codes.followBooking(bookingId);
    const change = { bookingId, from: booking.startsAt.toISOString(), to: new Date(start).toISOString(), fromTechnicianId: booking.resourceId, technicianId, by: actor.kind };
    await this.audit.record('booking.rescheduled', actor.kind === 'admin' ? actor.id : null, change);
    await this.outbox.emit('booking.rescheduled', bookingId, { ...change, source: booking.source, contactId: booking.reportedByContactId });
    return this.reader.get(bookingId);
  }

  async note(bookingId: string, actor: BookingActor | { kind: 'system' }, text: string): Promise<void> {
    await this.tenancy.manager.query(
      `INSERT INTO booking_note (environment_id, booking_id, author_kind, author_id, text) VALUES ($1, $2, $3, $4, $5)`,
      [this.tenancy.environmentId, bookingId, actor.kind, 'id' in actor ? actor.id : null, text],
    );
  }

  /** Customers must act before the cut-off; the office may always act. */
  assertBeforeCutOff(booking: BookingRecord, actor: BookingActor, hours: number, code: string, now: number): void {
    if (actor.kind === 'admin') return;
    if (booking.startsAt.getTime() - now < hours * 3_600_000) throw new ConflictError(code, { hours });
  }

  /** The booking with its work order's context, locked against concurrent changes. */
  async lock(bookingId: string): Promise<BookingRecord> {
    const rows: {
      id: string; status: string; resource_id: string; starts_at: Date; work_order_id: string; source: BookingSource;
      reported_by_contact_id: string | null; incident_type_id: string; account_id: string; account_name: string; asset_id: string | null;
      functional_location_id: string | null; address: SearchContext['location']['address']; lat: number; lng: number; time_zone: string;
    }[] = await this.tenancy.manager.query(
      `SELECT b.id, b.status, b.resource_id, b.starts_at, b.work_order_id, b.source, wo.reported_by_contact_id, wo.incident_type_id,
              wo.account_id, ac.name AS account_name, wo.asset_id, wo.functional_location_id, wo.lat, wo.lng, wo.time_zone,
              json_build_object('addressLine1', wo.address_line1, 'addressLine2', wo.address_line2, 'city', wo.city, 'region', wo.region,
                                'postalCode', wo.postal_code, 'country', wo.country) AS address
         FROM booking b JOIN work_order wo ON wo.id = b.work_order_id JOIN account ac ON ac.id = wo.account_id
        WHERE b.id = $1 FOR UPDATE OF b`,
      [bookingId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('bookingNotFound');
    // The service address is the one recorded on the work order, not wherever the asset is now.
    const { settings, serviceType } = await this.data.context(row.incident_type_id);
    const location = {
      accountId: row.account_id, accountName: row.account_name, assetId: row.asset_id, functionalLocationId: row.functional_location_id,
      address: row.address, lat: row.lat, lng: row.lng, timeZone: row.time_zone,
    };
    return {
      id: row.id, status: row.status, resourceId: row.resource_id, startsAt: row.starts_at, workOrderId: row.work_order_id,
      source: row.source, reportedByContactId: row.reported_by_contact_id, context: { settings, serviceType, location },
    };
  }

  private async checkContact(contactId: string | undefined, accountId: string): Promise<string | null> {
    if (!contactId) return null;
    const rows = await this.tenancy.manager.query(`SELECT 1 FROM contact WHERE id = $1 AND account_id = $2 AND active`, [contactId, accountId]);
    if (rows.length === 0) throw new NotFoundError('contactNotFound');
    return contactId;
  }
}
