import { Injectable } from '@nestjs/common';
import { BookingByCode, BookingStatus, CancelBookingRequest, DisplayNames, RescheduleBookingRequest, SlotsResponse } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { DataSource } from 'typeorm';
import { BookingChanges } from '../bookings/booking-changes';
import { BookingsService } from '../bookings/bookings.service';
import { IdempotencyService, IdempotentResult } from '../bookings/idempotency.service';
import { ForbiddenError, GoneError, NotFoundError } from '../common/domain-error';
import { toZonedIso } from '../scheduling/zoned-time';
import { TenancyService } from '../tenancy/tenancy.service';
import { hashBookingCodeToken, isWellFormedBookingCodeToken } from './booking-code-token';
import { checkLocalDateRange, companyContact, contactIssues, explain, refusal } from './customer-booking-rules';
import { RescheduleSlots } from './reschedule-slots';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A code that may be used: found, not blocked, not expired. */
interface UsableCode {
  id: string;
  bookingId: string;
  contactId: string;
}

interface BookingRow {
  reference: string;
  status: BookingStatus;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  service_type_name: string;
  display_names: DisplayNames;
  address: BookingByCode['serviceAddress'];
  reschedule_cutoff_hours: number;
  cancel_cutoff_hours: number;
  code_expires_at: Date;
}

const ADDRESS = `json_build_object('addressLine1', wo.address_line1, 'addressLine2', wo.address_line2, 'city', wo.city, 'region', wo.region,
                                   'postalCode', wo.postal_code, 'country', wo.country)`;

/**
 * The customer's side of a booking code: the link in a message opens that one booking, without a
 * sign-in, in the portal's environment. Reading never changes anything (mail scanners follow
 * links); rescheduling and canceling go through the booking services with the code's contact as
 * the actor, so cut-offs and statuses apply exactly as they do in the portal.
 */
@Injectable()
export class BookingCodePortalService {
  constructor(
    private readonly db: DataSource,
    private readonly tenancy: TenancyService,
    private readonly bookings: BookingsService,
    private readonly changes: BookingChanges,
    private readonly rescheduleSlots: RescheduleSlots,
    private readonly idempotency: IdempotencyService,
  ) {}

  async show(slug: string, token: string, t: Translator, now = Date.now()): Promise<BookingByCode> {
    return this.withCode(slug, token, 'read', t, (code) => this.view(code, t, now));
  }

  /** Times the booking could move to: same service type, same service address; the booking does not block itself. */
  async slots(slug: string, token: string, range: { from: string; to: string }, t: Translator, now = Date.now()): Promise<SlotsResponse> {
    checkLocalDateRange(range);
    return this.withCode(slug, token, 'read', t, (code) => this.rescheduleSlots.search(code.bookingId, range, t, now));
  }

  async reschedule(slug: string, token: string, request: RescheduleBookingRequest, key: string | undefined, t: Translator): Promise<IdempotentResult<BookingByCode>> {
    return this.withCode(slug, token, 'use', t, (code) =>
      this.idempotency.run(`bookingCode.reschedule:${code.id}`, key, request, async () => {
        await this.bookings.reschedule(code.bookingId, request, { kind: 'contact', id: code.contactId });
        await this.markUsed(code);
        return this.view(code, t);
      }),
    );
  }

  async cancel(slug: string, token: string, request: CancelBookingRequest, t: Translator): Promise<BookingByCode> {
    return this.withCode(slug, token, 'use', t, async (code) => {
      await this.changes.cancel(code.bookingId, request.reason, { kind: 'contact', id: code.contactId });
      await this.markUsed(code);
      return this.view(code, t);
    });
  }

  /**
   * Runs `work` in the portal's environment with the code the token names, or refuses: 404 for an
   * unknown portal or token (malformed ones included), 403 for a blocked code, 410 for an expired
   * one. `use` locks the code, so an admin's block waits for a change in flight and vice versa.
   */
  private async withCode<T>(slug: string, token: string, mode: 'read' | 'use', t: Translator, work: (code: UsableCode) => Promise<T>): Promise<T> {
    const environmentId = await this.environmentOf(slug);
    if (!isWellFormedBookingCodeToken(token)) throw new NotFoundError('bookingLinkNotFound');
    return this.tenancy.run(environmentId, async (manager) => {
      const rows: { id: string; booking_id: string; contact_id: string; state: string; past: boolean }[] = await manager.query(
        `SELECT id, booking_id, contact_id, state, expires_at <= now() AS past FROM booking_code WHERE token_hash = $1 ${mode === 'use' ? 'FOR UPDATE' : ''}`,
        [hashBookingCodeToken(token)],
      );
      const code = rows[0];
      if (!code) throw new NotFoundError('bookingLinkNotFound');
      if (code.state === 'blocked') throw new ForbiddenError('bookingCodeBlocked');
      if (code.state === 'expired' || code.past) throw await this.expired(t);
      return work({ id: code.id, bookingId: code.booking_id, contactId: code.contact_id });
    });
  }

  private async environmentOf(slug: string): Promise<string> {
    if (!SLUG.test(slug) || slug.length > 80) throw new NotFoundError('portalNotFound');
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM environment WHERE slug = $1`, [slug]);
    if (!rows[0]) throw new NotFoundError('portalNotFound');
    return rows[0].id;
  }

  /** 410 that tells the customer where to go next, with the company's email and phone from its content snippets. */
  private async expired(t: Translator): Promise<GoneError> {
    const contact = await companyContact(this.tenancy.manager, t.language);
    const error = new GoneError(contact.email || contact.phone ? 'bookingCodeExpired' : 'bookingCodeExpiredNoContact', {}, contactIssues(contact));
    Object.assign(error.extra, { contact });
    return error;
  }

  private async markUsed(code: UsableCode): Promise<void> {
    await this.tenancy.manager.query(`UPDATE booking_code SET last_used_at = now() WHERE id = $1`, [code.id]);
  }

  private async view(code: UsableCode, t: Translator, now = Date.now()): Promise<BookingByCode> {
    const [row]: BookingRow[] = await this.tenancy.manager.query(
      `SELECT wo.reference, b.status, b.starts_at, b.ends_at, wo.time_zone, it.name AS service_type_name, it.display_names, ${ADDRESS} AS address,
              ps.reschedule_cutoff_hours, ps.cancel_cutoff_hours, bc.expires_at AS code_expires_at
         FROM booking_code bc
         JOIN booking b ON b.id = bc.booking_id
         JOIN work_order wo ON wo.id = b.work_order_id
         JOIN incident_type it ON it.id = wo.incident_type_id
         CROSS JOIN portal_settings ps
        WHERE bc.id = $1`,
      [code.id],
    );
    if (!row) throw new NotFoundError('bookingLinkNotFound');
    const booking = { status: row.status, startsAt: row.starts_at };
    const rescheduleRefusal = explain(refusal('reschedule', booking, row.reschedule_cutoff_hours, now), t);
    const cancelRefusal = explain(refusal('cancel', booking, row.cancel_cutoff_hours, now), t);
    return {
      reference: row.reference,
      serviceTypeName: row.display_names[t.language] ?? row.service_type_name,
      start: toZonedIso(row.starts_at.getTime(), row.time_zone),
      end: toZonedIso(row.ends_at.getTime(), row.time_zone),
      timeZone: row.time_zone,
      serviceAddress: row.address,
      status: row.status,
      canReschedule: rescheduleRefusal === null,
      rescheduleRefusal,
      canCancel: cancelRefusal === null,
      cancelRefusal,
      codeExpiresAt: row.code_expires_at.toISOString(),
    };
  }
}
