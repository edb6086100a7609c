import { Injectable } from '@nestjs/common';
import { BookingStatus, DisplayNames, PortalAddress, PortalBooking, PortalBookingList } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { explain, refusal } from '../booking-codes/customer-booking-rules';
import { NotFoundError } from '../common/domain-error';
import { toZonedIso } from '../scheduling/zoned-time';
import { TenancyService } from '../tenancy/tenancy.service';

/** The most past bookings the list holds. */
const PAST_LIMIT = 50;

interface PortalBookingRow {
  id: string;
  reference: string;
  status: BookingStatus;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  service_type_id: string;
  service_type_name: string;
  display_names: DisplayNames;
  asset_id: string | null;
  asset_name: string | null;
  address: PortalAddress;
  details: string | null;
  cancel_reason: string | null;
  created_at: Date;
}

interface CutOffs {
  reschedule_cutoff_hours: number;
  cancel_cutoff_hours: number;
}

/**
 * Every booking is read through the work order's reported-by contact: a booking of another contact
 * is, for this reader, a booking that does not exist. The details are the contact's first note.
 */
const SELECT = `
  SELECT b.id, wo.reference, b.status, b.starts_at, b.ends_at, wo.time_zone, it.id AS service_type_id, it.name AS service_type_name, it.display_names,
         wo.asset_id, a.name AS asset_name, b.cancel_reason, b.created_at,
         json_build_object('addressLine1', wo.address_line1, 'addressLine2', wo.address_line2, 'city', wo.city, 'region', wo.region,
                           'postalCode', wo.postal_code, 'country', wo.country) AS address,
         (SELECT n.text FROM booking_note n WHERE n.booking_id = b.id AND n.author_kind = 'contact' ORDER BY n.created_at, n.id LIMIT 1) AS details
    FROM booking b
    JOIN work_order wo ON wo.id = b.work_order_id
    JOIN incident_type it ON it.id = wo.incident_type_id
    LEFT JOIN asset a ON a.id = wo.asset_id
   WHERE wo.reported_by_contact_id = $1`;

/** A service type's name in `language`: its display name there, else the English one, else its own name. */
export function displayName(names: DisplayNames, name: string, language: string): string {
  return names[language] ?? names['en'] ?? name;
}

/** The signed-in customer's bookings, with what they may do now and why not, in their language. */
@Injectable()
export class PortalBookingReader {
  constructor(private readonly tenancy: TenancyService) {}

  /** One booking of `contactId`, or 404 — the same 404 for an unknown id and for another contact's booking. */
  async get(contactId: string, bookingId: string, t: Translator, now = Date.now()): Promise<PortalBooking> {
    const rows: PortalBookingRow[] = await this.tenancy.manager.query(`${SELECT} AND b.id = $2`, [contactId, bookingId]);
    if (!rows[0]) throw new NotFoundError('bookingNotFound');
    return this.toPortalBooking(rows[0], await this.cutOffs(), t, now);
  }

  /** Throws the same 404 as get() unless the booking is one of `contactId`'s. */
  async assertOwn(contactId: string, bookingId: string): Promise<void> {
    const rows = await this.tenancy.manager.query(
      `SELECT 1 FROM booking b JOIN work_order wo ON wo.id = b.work_order_id WHERE b.id = $1 AND wo.reported_by_contact_id = $2`,
      [bookingId, contactId],
    );
    if (rows.length === 0) throw new NotFoundError('bookingNotFound');
  }

  async list(contactId: string, t: Translator, now = Date.now()): Promise<PortalBookingList> {
    const at = new Date(now);
    const upcoming: PortalBookingRow[] = await this.tenancy.manager.query(
      `${SELECT} AND b.status <> 'canceled' AND b.ends_at > $2 ORDER BY b.starts_at, b.id`,
      [contactId, at],
    );
    const past: PortalBookingRow[] = await this.tenancy.manager.query(
      `${SELECT} AND (b.status = 'canceled' OR b.ends_at <= $2) ORDER BY b.starts_at DESC, b.id DESC LIMIT $3`,
      [contactId, at, PAST_LIMIT],
    );
    const cutOffs = await this.cutOffs();
    return {
      upcoming: upcoming.map((row) => this.toPortalBooking(row, cutOffs, t, now)),
      past: past.map((row) => this.toPortalBooking(row, cutOffs, t, now)),
    };
  }

  private async cutOffs(): Promise<CutOffs> {
    const [row]: CutOffs[] = await this.tenancy.manager.query(`SELECT reschedule_cutoff_hours, cancel_cutoff_hours FROM portal_settings`);
    if (!row) throw new NotFoundError('portalNotFound');
    return row;
  }

  private toPortalBooking(row: PortalBookingRow, cutOffs: CutOffs, t: Translator, now: number): PortalBooking {
    const zone = row.time_zone;
    const booking = { status: row.status, startsAt: row.starts_at };
    const rescheduleRefusal = explain(refusal('reschedule', booking, cutOffs.reschedule_cutoff_hours, now), t);
    const cancelRefusal = explain(refusal('cancel', booking, cutOffs.cancel_cutoff_hours, now), t);
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      serviceType: { id: row.service_type_id, name: displayName(row.display_names, row.service_type_name, t.language) },
      assetId: row.asset_id,
      assetName: row.asset_name,
      start: toZonedIso(row.starts_at.getTime(), zone),
      end: toZonedIso(row.ends_at.getTime(), zone),
      timeZone: zone,
      serviceAddress: row.address,
      details: row.details,
      cancelReason: row.cancel_reason,
      canReschedule: rescheduleRefusal === null,
      rescheduleRefusal,
      canCancel: cancelRefusal === null,
      cancelRefusal,
      createdAt: row.created_at.toISOString(),
    };
  }
}
