import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InviteAllResponse, MessageChannel, MessageSettings, SwitchableMessageType } from '@fieldbook/contracts';
import { MessageSettingsService } from '../message-settings/message-settings.service';
import { DomainEvent, OutboxService } from '../outbox/outbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { DeliveryQueue } from './delivery-queue';
import { ContactReach, SkipReason, channelsFor, quietHoursEnd, recipientFor } from './recipients';

/** One message to one contact, before channels are chosen. */
export interface PlannedMessage {
  type: SwitchableMessageType;
  contactId: string;
  bookingId: string | null;
  /** Identifies the cause: the same cause never yields a second notification (per channel). */
  dedupeKey: string;
  /** The service location's zone (SMS quiet hours), else the account's. */
  timeZone: string;
  /** What the worker needs to render and to check the message is still due (e.g. the start a reminder was for). */
  context: Record<string, unknown>;
}

interface ContactFacts extends ContactReach {
  language: string | null;
  active: boolean;
}

interface BookingFacts {
  source: string;
  status: string;
  starts_at: Date;
  calendar_sequence: number;
  time_zone: string;
  contact_id: string | null;
  excluded: boolean;
}

const BOOKING_MESSAGES: Partial<Record<DomainEvent['type'], (event: DomainEvent) => SwitchableMessageType | undefined>> = {
  'booking.created': () => 'confirmed',
  'booking.rescheduled': () => 'rescheduled',
  'booking.canceled': () => 'canceled',
  'booking.status_changed': (event) => (event.payload['to'] === 'completed' ? 'completed' : undefined),
};

/**
 * Decides which notifications a change causes and writes them — with their delivery jobs — in the
 * transaction of the change (outbox). Nothing is rendered or sent here: a template or a provider
 * can never hold up or roll back a booking.
 */
@Injectable()
export class NotificationPlanner implements OnModuleInit {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly settings: MessageSettingsService,
    private readonly queue: DeliveryQueue,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe(async (event) => {
      if (event.type === 'contact.created') await this.inviteContacts([event.aggregateId]);
      else if (event.type === 'contacts.imported') await this.inviteContacts(event.payload['contactIds'] as string[]);
      else await this.onBookingEvent(event);
    });
  }

  /** Confirmed, rescheduled, canceled and completed: only for portal bookings, always to the reported-by contact. */
  async onBookingEvent(event: DomainEvent): Promise<void> {
    const type = BOOKING_MESSAGES[event.type]?.(event);
    if (!type) return;
    const [facts]: BookingFacts[] = await this.tenancy.manager.query(
      `SELECT b.source, b.status, b.starts_at, b.calendar_sequence, wo.time_zone, wo.reported_by_contact_id AS contact_id,
              EXISTS (SELECT 1 FROM message_exclusion x WHERE x.account_id = wo.account_id OR x.incident_type_id = wo.incident_type_id) AS excluded
         FROM booking b JOIN work_order wo ON wo.id = b.work_order_id WHERE b.id = $1`,
      [event.aggregateId],
    );
    if (!facts || facts.source !== 'portal' || !facts.contact_id || facts.excluded) return;
    const dedupeKey = type === 'rescheduled' ? `rescheduled:${event.aggregateId}:${facts.calendar_sequence}` : `${type}:${event.aggregateId}`;
    await this.plan([
      {
        type,
        contactId: facts.contact_id,
        bookingId: event.aggregateId,
        dedupeKey,
        timeZone: facts.time_zone,
        context: {
          startsAt: facts.starts_at.toISOString(),
          calendarSequence: facts.calendar_sequence,
          ...(type === 'rescheduled' ? { previousStart: event.payload['from'] } : {}),
          ...(type === 'canceled' ? { cancelReason: event.payload['reason'] ?? null } : {}),
        },
      },
    ]);
  }

  /** The invitation of new contacts of active accounts — once, never twice (dedupe key per contact). */
  async inviteContacts(contactIds: string[]): Promise<number> {
    if (contactIds.length === 0) return 0;
    const rows: { id: string; time_zone: string }[] = await this.tenancy.manager.query(
      `SELECT c.id, a.time_zone FROM contact c JOIN account a ON a.id = c.account_id
        WHERE c.id = ANY($1::uuid[]) AND c.active AND a.active AND NOT EXISTS (SELECT 1 FROM message_exclusion x WHERE x.account_id = a.id)`,
      [contactIds],
    );
    return this.planInvites(rows);
  }

  /** The one-time action: invites every active contact of an active account not invited before. */
  async inviteAll(): Promise<InviteAllResponse> {
    const rows: { id: string; time_zone: string }[] = await this.tenancy.manager.query(
      `SELECT c.id, a.time_zone FROM contact c JOIN account a ON a.id = c.account_id
        WHERE c.active AND a.active AND NOT EXISTS (SELECT 1 FROM message_exclusion x WHERE x.account_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.type = 'invite' AND n.contact_id = c.id)
        ORDER BY c.created_at`,
    );
    const settings = await this.settings.current();
    if (!settings.enabled.invite) return { queued: 0, skipped: rows.length };
    const results = await this.plan(rows.map((row) => this.invite(row)), settings);
    const queued = results.filter((result) => result.state === 'queued').length;
    return { queued, skipped: rows.length - new Set(results.filter((result) => result.state === 'queued').map((result) => result.contactId)).size };
  }

  /**
   * The password reset link a contact asked for in the portal: always on, by email only (the address
   * they sign in with), one message per request. The link is made when the message renders, so the
   * token travels in the context of this type only; the reset itself keeps only the token's hash.
   */
  async passwordReset(contactId: string, token: string, validMinutes: number): Promise<void> {
    const [contact]: { email: string | null; language: string | null; time_zone: string }[] = await this.tenancy.manager.query(
      `SELECT c.email, c.language, a.time_zone FROM contact c JOIN account a ON a.id = c.account_id WHERE c.id = $1 AND c.active`,
      [contactId],
    );
    if (!contact?.email) return;
    const inserted: { id: string }[] = await this.tenancy.manager.query(
      `INSERT INTO notification (environment_id, dedupe_key, type, channel, contact_id, recipient, language, context)
       VALUES ($1, $2, 'password_reset', 'email', $3, $4, $5, $6) RETURNING id`,
      [
        this.tenancy.environmentId,
        `password_reset:${randomUUID()}:email`,
        contactId,
        contact.email,
        contact.language ?? 'en',
        JSON.stringify({ resetToken: token, linkValidMinutes: validMinutes, timeZone: contact.time_zone }),
      ],
    );
    await this.queue.enqueue(this.tenancy.manager, this.tenancy.environmentId, [{ notificationIds: inserted.map((row) => row.id), finalAttempt: this.queue.finalAttempt }]);
  }

  private async planInvites(rows: { id: string; time_zone: string }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const settings = await this.settings.current();
    if (!settings.enabled.invite) return 0;
    const results = await this.plan(rows.map((row) => this.invite(row)), settings);
    return results.filter((result) => result.state === 'queued').length;
  }

  private invite(row: { id: string; time_zone: string }): PlannedMessage {
    return { type: 'invite', contactId: row.id, bookingId: null, dedupeKey: `invite:${row.id}`, timeZone: row.time_zone, context: {} };
  }

  /**
   * Writes one notification per message and channel — `queued` with its delivery job, or `skipped`
   * with the reason — ignoring any whose dedupe key already exists. Switched-off types write nothing.
   */
  async plan(messages: PlannedMessage[], settings?: MessageSettings, now = new Date()): Promise<{ id: string; contactId: string; state: 'queued' | 'skipped' }[]> {
    const current = settings ?? (await this.settings.current());
    const wanted = messages.filter((message) => current.enabled[message.type]);
    if (wanted.length === 0) return [];
    const contacts = await this.contacts([...new Set(wanted.map((message) => message.contactId))]);
    const rows: { dedupe_key: string; type: string; channel: MessageChannel; contact_id: string; booking_id: string | null; recipient: string | null; language: string; context: Record<string, unknown>; state: 'queued' | 'skipped'; skip_reason: SkipReason | null; start_after: Date | null }[] = [];
    for (const message of wanted) {
      const contact = contacts.get(message.contactId);
      if (!contact) continue;
      const channels = channelsFor(current.channel, contact);
      const reached = new Map(channels.map((channel) => [channel, contact.active ? recipientFor(channel, contact) : { skip: 'contactInactive' as const }]));
      // An SMS that cannot go out falls back to email when the environment says so and email is not already on the way.
      const sms = reached.get('sms');
      if (sms && 'skip' in sms && current.smsFallbackToEmail && !reached.has('email') && contact.email && contact.active) {
        reached.set('email', { recipient: contact.email });
      }
      for (const [channel, reach] of reached) {
        const queued = 'recipient' in reach;
        const startAfter = queued && channel === 'sms' ? quietHoursEnd(now, message.timeZone, current.smsQuietStart, current.smsQuietEnd) : undefined;
        rows.push({
          dedupe_key: `${message.dedupeKey}:${channel}`,
          type: message.type,
          channel,
          contact_id: message.contactId,
          booking_id: message.bookingId,
          recipient: queued ? reach.recipient : null,
          language: contact.language ?? 'en',
          context: { ...message.context, timeZone: message.timeZone, ...(sms && 'skip' in sms && channel === 'email' && !channels.includes('email') ? { fallbackFor: sms.skip } : {}) },
          state: queued ? 'queued' : 'skipped',
          skip_reason: queued ? null : reach.skip,
          start_after: startAfter ?? null,
        });
      }
    }
    if (rows.length === 0) return [];
    // One array per column: unnest() turns them back into rows.
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
    const inserted: { id: string; contact_id: string; state: 'queued' | 'skipped'; dedupe_key: string }[] = await this.tenancy.manager.query(
      `INSERT INTO notification (environment_id, dedupe_key, type, channel, contact_id, booking_id, recipient, language, context, state, skip_reason)
       SELECT $1, r.* FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::jsonb[], $10::text[], $11::text[])
                        AS r (dedupe_key, type, channel, contact_id, booking_id, recipient, language, context, state, skip_reason)
       ON CONFLICT (environment_id, dedupe_key) DO NOTHING
       RETURNING id, contact_id, state, dedupe_key`,
      [
        this.tenancy.environmentId,
        column('dedupe_key'),
        column('type'),
        column('channel'),
        column('contact_id'),
        column('booking_id'),
        column('recipient'),
        column('language'),
        rows.map((row) => JSON.stringify(row.context)),
        column('state'),
        column('skip_reason'),
      ],
    );
    // One job per batch of notifications that may start at the same moment (SMS wait for the end of quiet hours).
    const startAfter = new Map(rows.filter((row) => row.start_after).map((row) => [row.dedupe_key, row.start_after as Date]));
    const byStart = new Map<number, { notificationIds: string[]; finalAttempt: number; startAfter?: Date }>();
    for (const row of inserted) {
      if (row.state !== 'queued') continue;
      const start = startAfter.get(row.dedupe_key);
      const key = start?.getTime() ?? 0;
      const group = byStart.get(key);
      if (group) group.notificationIds.push(row.id);
      else byStart.set(key, { notificationIds: [row.id], finalAttempt: this.queue.finalAttempt, ...(start ? { startAfter: start } : {}) });
    }
    await this.queue.enqueue(this.tenancy.manager, this.tenancy.environmentId, [...byStart.values()]);
    return inserted.map((row) => ({ id: row.id, contactId: row.contact_id, state: row.state }));
  }

  /**
   * After an SMS failed for good: the same message by email, when the environment falls back and
   * the contact has an address that is not already getting it.
   */
  async fallbackToEmail(smsNotificationId: string): Promise<void> {
    const [row]: { dedupe_key: string; type: string; contact_id: string; booking_id: string | null; language: string; context: Record<string, unknown>; email: string | null; active: boolean }[] =
      await this.tenancy.manager.query(
        `SELECT n.dedupe_key, n.type, n.contact_id, n.booking_id, n.language, n.context, c.email, c.active
           FROM notification n JOIN contact c ON c.id = n.contact_id WHERE n.id = $1 AND n.channel = 'sms'`,
        [smsNotificationId],
      );
    if (!row || !row.email || !row.active) return;
    const settings = await this.settings.current();
    if (!settings.smsFallbackToEmail) return;
    const base = row.dedupe_key.replace(/:sms$/, '');
    const inserted: { id: string }[] = await this.tenancy.manager.query(
      `INSERT INTO notification (environment_id, dedupe_key, type, channel, contact_id, booking_id, recipient, language, context, fallback_of_id)
       SELECT $1, $2, $3, 'email', $4, $5, $6, $7, $8::jsonb, $9
        WHERE NOT EXISTS (SELECT 1 FROM notification WHERE dedupe_key = $10)
       ON CONFLICT (environment_id, dedupe_key) DO NOTHING RETURNING id`,
      [this.tenancy.environmentId, `${base}:email-fallback`, row.type, row.contact_id, row.booking_id, row.email, row.language, JSON.stringify({ ...row.context, fallbackFor: 'smsFailed' }), smsNotificationId, `${base}:email`],
    );
    await this.queue.enqueue(this.tenancy.manager, this.tenancy.environmentId, [{ notificationIds: inserted.map((item) => item.id), finalAttempt: this.queue.finalAttempt }]);
  }

  private async contacts(ids: string[]): Promise<Map<string, ContactFacts>> {
    const rows: (ContactFacts & { id: string })[] = await this.tenancy.manager.query(
      `SELECT id, email, phone, language, preferred_channel AS "preferredChannel", active FROM contact WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}
