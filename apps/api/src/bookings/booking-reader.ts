import { Injectable } from '@nestjs/common';
import { Booking, BookingNoteView, BookingSource, BookingStatus, Page } from '@fieldbook/contracts';
import { NotFoundError } from '../common/domain-error';
import { toZonedIso } from '../scheduling/zoned-time';
import { TenancyService } from '../tenancy/tenancy.service';

interface BookingRow {
  id: string;
  work_order_id: string;
  reference: string;
  status: BookingStatus;
  source: BookingSource;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  resource_id: string;
  resource_name: string;
  incident_type_id: string;
  incident_type_name: string;
  account_id: string;
  account_name: string;
  contact_id: string | null;
  contact_name: string | null;
  asset_id: string | null;
  address_line1: string;
  address_line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  cancel_reason: string | null;
  notes: { id: string; authorKind: BookingNoteView['authorKind']; text: string; createdAt: string }[];
  created_at: Date;
  updated_at: Date;
}

export interface BookingListQuery {
  from?: string;
  to?: string;
  technicianId?: string;
  accountId?: string;
  status?: BookingStatus;
  limit?: number;
  offset?: number;
}

const SELECT = `
  SELECT b.id, b.work_order_id, wo.reference, b.status, b.source, b.starts_at, b.ends_at, wo.time_zone,
         b.resource_id, r.name AS resource_name, wo.incident_type_id, it.name AS incident_type_name,
         wo.account_id, ac.name AS account_name, wo.reported_by_contact_id AS contact_id,
         CASE WHEN c.id IS NULL THEN NULL ELSE c.first_name || ' ' || c.last_name END AS contact_name,
         wo.asset_id, wo.address_line1, wo.address_line2, wo.city, wo.region, wo.postal_code, wo.country,
         b.cancel_reason, b.created_at, b.updated_at,
         coalesce((SELECT json_agg(json_build_object('id', n.id, 'authorKind', n.author_kind, 'text', n.text, 'createdAt', n.created_at) ORDER BY n.created_at)
                     FROM booking_note n WHERE n.booking_id = b.id), '[]'::json) AS notes
    FROM booking b
    JOIN work_order wo ON wo.id = b.work_order_id
    JOIN resource r ON r.id = b.resource_id
    JOIN incident_type it ON it.id = wo.incident_type_id
    JOIN account ac ON ac.id = wo.account_id
    LEFT JOIN contact c ON c.id = wo.reported_by_contact_id`;

function toBooking(row: BookingRow): Booking {
  const zone = row.time_zone;
  return {
    id: row.id,
    workOrderId: row.work_order_id,
    workOrderReference: row.reference,
    status: row.status,
    source: row.source,
    start: toZonedIso(row.starts_at.getTime(), zone),
    end: toZonedIso(row.ends_at.getTime(), zone),
    timeZone: zone,
    technician: { id: row.resource_id, name: row.resource_name },
    serviceType: { id: row.incident_type_id, name: row.incident_type_name },
    account: { id: row.account_id, name: row.account_name },
    contact: row.contact_id && row.contact_name ? { id: row.contact_id, name: row.contact_name } : null,
    assetId: row.asset_id,
    serviceAddress: {
      addressLine1: row.address_line1,
      addressLine2: row.address_line2,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
    },
    cancelReason: row.cancel_reason,
    notes: row.notes.map((note) => ({ ...note, createdAt: new Date(note.createdAt).toISOString() })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Bookings as the office and the customer see them: with work order, technician, address and timeline. */
@Injectable()
export class BookingReader {
  constructor(private readonly tenancy: TenancyService) {}

  async get(id: string): Promise<Booking> {
    const rows: BookingRow[] = await this.tenancy.manager.query(`${SELECT} WHERE b.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('bookingNotFound');
    return toBooking(rows[0]);
  }

  async list(query: BookingListQuery): Promise<Page<Booking>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const where = `WHERE ($1::timestamptz IS NULL OR b.ends_at > $1) AND ($2::timestamptz IS NULL OR b.starts_at < $2)
      AND ($3::uuid IS NULL OR b.resource_id = $3) AND ($4::uuid IS NULL OR wo.account_id = $4) AND ($5::text IS NULL OR b.status = $5)`;
    const params = [query.from ?? null, query.to ?? null, query.technicianId ?? null, query.accountId ?? null, query.status ?? null];
    const rows: BookingRow[] = await this.tenancy.manager.query(`${SELECT} ${where} ORDER BY b.starts_at, b.id LIMIT $6 OFFSET $7`, [...params, limit, offset]);
    const [{ total }] = await this.tenancy.manager.query(
      `SELECT count(*)::int AS total FROM booking b JOIN work_order wo ON wo.id = b.work_order_id ${where}`,
      params,
    );
    return { items: rows.map(toBooking), total, limit, offset };
  }
}
