import { Injectable } from '@nestjs/common';
import { BookingCode, BookingCodeListQuery, BookingCodeState, ExtendBookingCodeRequest, Page } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { pageOf } from '../common/pagination';
import { parseOffsetDateTime } from '../technicians/schedule-input';
import { TenancyService } from '../tenancy/tenancy.service';
import { hashBookingCodeToken, newBookingCodeToken } from './booking-code-token';

/** A code keeps working for a day after its booking ends, so the customer can still look the visit up. */
const LIFETIME_AFTER_END = `interval '24 hours'`;

/** The state as it stands now: an active code past its expiry reads expired. */
const CURRENT_STATE = `CASE WHEN bc.state = 'active' AND bc.expires_at <= now() THEN 'expired' ELSE bc.state END`;

interface CodeRow {
  id: string;
  booking_id: string;
  contact_id: string;
  contact_name: string;
  state: BookingCodeState;
  stored_state: BookingCodeState;
  expires_at: Date;
  last_used_at: Date | null;
  created_at: Date;
}

const SELECT = `
  SELECT bc.id, bc.booking_id, bc.contact_id, c.first_name || ' ' || c.last_name AS contact_name, ${CURRENT_STATE} AS state,
         bc.state AS stored_state, bc.expires_at, bc.last_used_at, bc.created_at
    FROM booking_code bc JOIN contact c ON c.id = bc.contact_id`;

function toBookingCode(row: CodeRow): BookingCode {
  return {
    id: row.id,
    bookingId: row.booking_id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    state: row.state,
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export interface IssueBookingCodeInput {
  bookingId: string;
  contactId: string;
  /** The message that carries the link, when there is one. */
  notificationId?: string;
}

/** A code to store for a token made by the caller (a message renders its link before the code is stored). */
export interface BookingCodeToStore extends IssueBookingCodeInput {
  token: string;
}

/**
 * Booking codes: the random links in customer messages that open one booking without a sign-in.
 * Only the SHA-256 of a token is stored; the token itself exists once, in the message. Everything
 * here runs inside the caller's tenant transaction.
 */
@Injectable()
export class BookingCodesService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  /** A new code for a contact of the booking's account, valid until a day after the booking ends. */
  async issue(input: IssueBookingCodeInput): Promise<{ token: string; expiresAt: Date }> {
    const token = newBookingCodeToken();
    const [result] = await this.issueMany([{ ...input, token }]);
    if (!result || result instanceof Error) throw result ?? new NotFoundError('bookingNotFound');
    return { token, expiresAt: result.expiresAt };
  }

  /**
   * Stores the codes of many tokens with one statement — the rule of `issue` for each: only for an
   * existing booking and a contact of its account, valid until a day after the booking ends.
   * Returns, in order, each code's expiry or why it was not stored (bookingNotFound,
   * contactNotFound); a statement the database refuses (e.g. a token stored before) throws.
   */
  async issueMany(codes: BookingCodeToStore[]): Promise<({ expiresAt: Date } | NotFoundError)[]> {
    if (codes.length === 0) return [];
    const manager = this.tenancy.manager;
    const hashes = codes.map((code) => hashBookingCodeToken(code.token).toString('hex'));
    const stored: { token_hash: Buffer; expires_at: Date }[] = await manager.query(
      `INSERT INTO booking_code (environment_id, token_hash, booking_id, contact_id, notification_id, expires_at)
       SELECT $1, decode(r.token_hash, 'hex'), b.id, c.id, r.notification_id, b.ends_at + ${LIFETIME_AFTER_END}
         FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[]) AS r (token_hash, booking_id, contact_id, notification_id)
         JOIN booking b ON b.id = r.booking_id
         JOIN work_order wo ON wo.id = b.work_order_id
         JOIN contact c ON c.id = r.contact_id AND c.account_id = wo.account_id
       RETURNING token_hash, expires_at`,
      [
        this.tenancy.environmentId,
        hashes,
        codes.map((code) => code.bookingId),
        codes.map((code) => code.contactId),
        codes.map((code) => code.notificationId ?? null),
      ],
    );
    const expiries = new Map(stored.map((row) => [row.token_hash.toString('hex'), row.expires_at]));
    const missing = codes.filter((_code, index) => !expiries.has(hashes[index] as string));
    // Why a code was not stored: its booking is gone, or the contact is not of the booking's account.
    const bookings: { id: string }[] =
      missing.length === 0 ? [] : await manager.query(`SELECT id FROM booking WHERE id = ANY($1::uuid[])`, [[...new Set(missing.map((code) => code.bookingId))]]);
    const existing = new Set(bookings.map((row) => row.id));
    return codes.map((code, index) => {
      const expiresAt = expiries.get(hashes[index] as string);
      if (expiresAt) return { expiresAt };
      return new NotFoundError(existing.has(code.bookingId) ? 'contactNotFound' : 'bookingNotFound');
    });
  }

  /**
   * After a reschedule: the booking's active codes expire a day after the new end, unless an admin
   * chose their expiry.
   */
  async followBooking(bookingId: string): Promise<void> {
    await this.tenancy.manager.query(
      `UPDATE booking_code bc SET expires_at = b.ends_at + ${LIFETIME_AFTER_END}, updated_at = now()
         FROM booking b
        WHERE b.id = bc.booking_id AND bc.booking_id = $1 AND bc.state = 'active' AND NOT bc.expiry_set_by_admin`,
      [bookingId],
    );
  }

  async list(query: BookingCodeListQuery): Promise<Page<BookingCode>> {
    const { limit, offset } = pageOf(query);
    const where = `WHERE ($1::uuid IS NULL OR bc.booking_id = $1) AND ($2::uuid IS NULL OR bc.contact_id = $2) AND ($3::text IS NULL OR ${CURRENT_STATE} = $3)`;
    const params = [query.bookingId ?? null, query.contactId ?? null, query.state ?? null];
    const rows: CodeRow[] = await this.tenancy.manager.query(`${SELECT} ${where} ORDER BY bc.created_at DESC, bc.id LIMIT $4 OFFSET $5`, [...params, limit, offset]);
    const [{ total }] = await this.tenancy.manager.query(`SELECT count(*)::int AS total FROM booking_code bc ${where}`, params);
    return { items: rows.map(toBookingCode), total, limit, offset };
  }

  /** A new expiry chosen by an admin (later reschedules leave it alone); reactivates an expired code, never a blocked one. */
  async extend(id: string, request: ExtendBookingCodeRequest, actorId: string, now = Date.now()): Promise<BookingCode> {
    const code = await this.find(id);
    const expiresAt = checkExpiry(request.expiresAt, now);
    if (code.stored_state === 'blocked') throw new ConflictError('bookingCodeBlockedForGood');
    const updated = await this.update(id, `expires_at = $2, expiry_set_by_admin = true, state = 'active'`, [expiresAt]);
    await this.audit.record('bookingCode.extended', actorId, {
      codeId: id,
      bookingId: code.booking_id,
      from: code.expires_at.toISOString(),
      to: updated.expiresAt,
      reactivated: code.state === 'expired',
    });
    return updated;
  }

  /** Stops a code working now; an admin may extend it again later. */
  async expire(id: string, actorId: string): Promise<BookingCode> {
    const code = await this.find(id);
    if (code.stored_state === 'blocked') throw new ConflictError('bookingCodeBlockedForGood');
    if (code.state === 'expired') return toBookingCode(code);
    const updated = await this.update(id, `state = 'expired', expires_at = least(expires_at, now())`);
    await this.audit.record('bookingCode.expired', actorId, { codeId: id, bookingId: code.booking_id, contactId: code.contact_id });
    return updated;
  }

  /** Blocks a code for good (a leaked link): it never works again and cannot be extended. */
  async block(id: string, actorId: string): Promise<BookingCode> {
    const code = await this.find(id);
    if (code.stored_state === 'blocked') return toBookingCode(code);
    const updated = await this.update(id, `state = 'blocked'`);
    await this.audit.record('bookingCode.blocked', actorId, { codeId: id, bookingId: code.booking_id, contactId: code.contact_id, previousState: code.state });
    return updated;
  }

  private async find(id: string): Promise<CodeRow> {
    const rows: CodeRow[] = await this.tenancy.manager.query(`${SELECT} WHERE bc.id = $1 FOR UPDATE OF bc`, [id]);
    if (!rows[0]) throw new NotFoundError('bookingCodeNotFound');
    return rows[0];
  }

  private async update(id: string, assignments: string, values: unknown[] = []): Promise<BookingCode> {
    await this.tenancy.manager.query(`UPDATE booking_code SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...values]);
    const [row]: CodeRow[] = await this.tenancy.manager.query(`${SELECT} WHERE bc.id = $1`, [id]);
    if (!row) throw new NotFoundError('bookingCodeNotFound');
    return toBookingCode(row);
  }
}

/** An admin's new expiry: a real instant with its offset, in the future, at most a year ahead. */
function checkExpiry(text: string, now: number): Date {
  const expiresAt = parseOffsetDateTime(text);
  if (!expiresAt) throw new ValidationFailedError([{ field: 'expiresAt', code: 'offsetDateTime', params: { value: text } }]);
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  if (expiresAt.getTime() <= now) throw new ValidationFailedError([{ field: 'expiresAt', code: 'expiryNotInFuture' }]);
  if (expiresAt.getTime() > latest.getTime()) throw new ValidationFailedError([{ field: 'expiresAt', code: 'expiryTooFar' }]);
  return expiresAt;
}
