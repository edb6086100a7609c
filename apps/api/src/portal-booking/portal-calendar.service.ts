import { Inject, Injectable } from '@nestjs/common';
import { DisplayNames } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { calendarInvite } from '@fieldbook/messages';
import { NotFoundError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MessageContentService } from '../message-settings/message-content.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { displayName } from './portal-booking-reader';

interface CalendarRow {
  id: string;
  reference: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  calendar_sequence: number;
  service_name: string;
  display_names: DisplayNames;
  address_line1: string;
  address_line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  first_name: string;
  last_name: string;
  email: string | null;
}

export interface CalendarFile {
  method: 'REQUEST' | 'CANCEL';
  filename: string;
  content: string;
}

function addressLine(row: CalendarRow): string {
  return [row.address_line1, row.address_line2, [row.postal_code, row.city].filter(Boolean).join(' '), row.region, row.country]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
}

/**
 * A booking of the signed-in contact as a calendar file. It carries the UID and SEQUENCE the
 * messages' invitations carry (`<booking id>@<public host>`, the booking's calendar sequence), so
 * adding it to a calendar that already holds the emailed invitation updates that event instead
 * of adding a second one; a canceled booking gives METHOD:CANCEL, which removes it.
 */
@Injectable()
export class PortalCalendarService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly content: MessageContentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async file(contactId: string, bookingId: string, slug: string, t: Translator): Promise<CalendarFile> {
    const [row]: CalendarRow[] = await this.tenancy.manager.query(
      `SELECT b.id, wo.reference, b.status, b.starts_at, b.ends_at, b.calendar_sequence, it.name AS service_name, it.display_names,
              wo.address_line1, wo.address_line2, wo.city, wo.region, wo.postal_code, wo.country, c.first_name, c.last_name, c.email
         FROM booking b
         JOIN work_order wo ON wo.id = b.work_order_id
         JOIN incident_type it ON it.id = wo.incident_type_id
         JOIN contact c ON c.id = wo.reported_by_contact_id
        WHERE b.id = $1 AND wo.reported_by_contact_id = $2`,
      [bookingId, contactId],
    );
    if (!row) throw new NotFoundError('bookingNotFound');
    const { snippets } = await this.content.renderingContext(t.language);
    const host = new URL(this.config.publicUrl).hostname;
    const companyName = snippets['company_name'] ?? '';
    const organizerEmail = snippets['contact_email'] ?? `no-reply@${host}`;
    const serviceName = displayName(row.display_names, row.service_name, t.language);
    const portalUrl = `${this.config.publicUrl}/p/${slug}`;
    const method = row.status === 'canceled' ? 'CANCEL' : 'REQUEST';
    const content = calendarInvite({
      method,
      uid: `${row.id}@${host}`,
      sequence: row.calendar_sequence,
      stamp: new Date().toISOString(),
      start: row.starts_at.toISOString(),
      end: row.ends_at.toISOString(),
      summary: companyName ? `${serviceName} — ${companyName}` : serviceName,
      description: `${row.reference}\n${portalUrl}`,
      url: portalUrl,
      location: addressLine(row),
      organizer: { name: companyName || 'Fieldbook', email: organizerEmail },
      // A contact without an email address (the office may have removed it) is named without one of their own.
      attendee: { name: `${row.first_name} ${row.last_name}`.trim(), email: row.email ?? organizerEmail },
    });
    return { method, filename: `${row.reference}.ics`, content };
  }
}
