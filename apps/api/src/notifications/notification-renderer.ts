import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MessageChannel, MessageType, NotificationContent } from '@fieldbook/contracts';
import { MessageTemplates, calendarInvite } from '@fieldbook/messages';
import { Attachment, ConnectorCapabilities, OutboundMessage } from '@fieldbook/plugin-sdk';
import { newBookingCodeToken } from '../booking-codes/booking-code-token';
import { BookingCodesService } from '../booking-codes/booking-codes.service';
import { AddressRow } from '../accounts/address';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MessageContentService, RenderingContext } from '../message-settings/message-content.service';
import { TenancyService } from '../tenancy/tenancy.service';

/** What a notification row holds once rendered: the message as it is sent, attachments included. */
export interface StoredContent {
  subject: string | null;
  text: string;
  html: string | null;
  attachments: Attachment[];
}

export interface RenderTarget {
  id: string;
  type: MessageType;
  channel: MessageChannel;
  contactId: string;
  bookingId: string | null;
  recipient: string;
  language: string;
  context: Record<string, unknown>;
}

interface ContactFacts {
  id: string;
  first_name: string;
  last_name: string;
}

/** The booking as a message tells it; the service address is the work order's. */
interface BookingFacts extends Omit<AddressRow, 'lat' | 'lng'> {
  id: string;
  reference: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  calendar_sequence: number;
  service_name: string;
  display_names: Record<string, string>;
}

/** Invitation links stay valid this long. */
const INVITE_VALID_DAYS = 14;
/** Messages rendered in one go before the event loop gets a turn (a message from its template takes some tens of microseconds). */
const RENDERS_BETWEEN_YIELDS = 100;
/** Types whose message carries the booking-code link to the portal's reschedule page. */
const WITH_BOOKING_CODE: MessageType[] = ['confirmed', 'reminder', 'rescheduled'];

function sha256(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function addressLine(booking: BookingFacts): string {
  return [booking.address_line1, booking.address_line2, [booking.postal_code, booking.city].filter(Boolean).join(' '), booking.region, booking.country]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
}

/** A link a message carries whose token is stored (hashed) only once the message rendered. */
interface PendingToken {
  target: RenderTarget;
  token: string;
  kind: 'invitation' | 'bookingCode';
}

/**
 * Turns queued notifications into the messages a connector sends: the contact's language, the
 * service location's zone, the environment's branding, snippets and overrides, the booking-code
 * or invitation link (a fresh token, stored hashed), and the calendar invitation for email.
 * Runs once per notification, inside the worker's transaction; the result is stored and reused
 * by every retry.
 *
 * The worker renders a whole batch at once (`renderMany`), each language's rendering context read
 * once per batch (`contexts()`).
 */
@Injectable()
export class NotificationRenderer {
  /** Each kind of message is compiled once and reused for every message of that kind the process renders. */
  private readonly templates = new MessageTemplates();
  private readonly host: string;

  constructor(
    private readonly tenancy: TenancyService,
    private readonly content: MessageContentService,
    private readonly bookingCodes: BookingCodesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.host = new URL(config.publicUrl).hostname;
  }

  /** A fresh per-language cache of rendering contexts, for one batch of the current environment. */
  contexts(): RenderingContexts {
    return new RenderingContexts(this.content);
  }

  async render(target: RenderTarget, portalSlug: string): Promise<StoredContent> {
    const result = (await this.renderMany([target], portalSlug, this.contexts())).get(target.id);
    if (result instanceof Error) throw result;
    if (!result) throw new Error(`Notification ${target.id} was not rendered.`);
    return result;
  }

  /**
   * Renders a batch: each notification's content, or the error that kept it from rendering (that
   * message fails alone). Contacts and bookings are read with one statement each, and the tokens of
   * the messages that rendered are stored with one statement per kind.
   */
  async renderMany(targets: RenderTarget[], portalSlug: string, contexts: RenderingContexts): Promise<Map<string, StoredContent | Error>> {
    const results = new Map<string, StoredContent | Error>();
    if (targets.length === 0) return results;
    const contactRows: ContactFacts[] = await this.tenancy.manager.query(`SELECT id, first_name, last_name FROM contact WHERE id = ANY($1::uuid[])`, [
      [...new Set(targets.map((target) => target.contactId))],
    ]);
    const contacts = new Map(contactRows.map((row) => [row.id, row]));
    const bookingIds = [...new Set(targets.flatMap((target) => (target.bookingId ? [target.bookingId] : [])))];
    const bookings = new Map((bookingIds.length > 0 ? await this.bookings(bookingIds) : []).map((row) => [row.id, row]));
    const renderings = new Map<string, RenderingContext>();
    for (const language of new Set(targets.map((target) => target.language))) renderings.set(language, await contexts.get(language));
    const pending: PendingToken[] = [];
    for (const [index, target] of targets.entries()) {
      // Rendering is CPU work: let other work of the process (requests, the queue) in between.
      if (index > 0 && index % RENDERS_BETWEEN_YIELDS === 0) await new Promise((resume) => setImmediate(resume));
      try {
        const booking = target.bookingId ? bookings.get(target.bookingId) : undefined;
        const rendering = renderings.get(target.language) ?? (await contexts.get(target.language));
        const { content, token } = this.renderOne(target, portalSlug, contacts.get(target.contactId), booking, rendering);
        results.set(target.id, content);
        if (token) pending.push({ ...token, target });
      } catch (error) {
        results.set(target.id, error as Error);
      }
    }
    await this.storeTokens(pending, results);
    return results;
  }

  /** Who signs an email: the company name, with replies going to the company's contact address. */
  async sender(language: string, contexts = this.contexts()): Promise<{ name?: string; replyTo?: string }> {
    const { snippets } = await contexts.get(language);
    return { ...(snippets['company_name'] ? { name: snippets['company_name'] } : {}), ...(snippets['contact_email'] ? { replyTo: snippets['contact_email'] } : {}) };
  }

  /** One message, pure: the tokens its links carry are returned to be stored with the others. */
  private renderOne(
    target: RenderTarget,
    portalSlug: string,
    contact: ContactFacts | undefined,
    booking: BookingFacts | undefined,
    rendering: RenderingContext,
  ): { content: StoredContent; token?: Omit<PendingToken, 'target'> } {
    const language = target.language as 'en' | 'de' | 'fr' | 'es';
    const portalUrl = `${this.config.publicUrl}/p/${portalSlug}`;
    let link: { url: string } | undefined;
    let token: Omit<PendingToken, 'target'> | undefined;
    if (target.type === 'invite') {
      token = { kind: 'invitation', token: randomBytes(32).toString('base64url') };
      link = { url: `${portalUrl}/invitation/${token.token}` };
    } else if (target.type === 'password_reset' && typeof target.context['resetToken'] === 'string') {
      // The reset was stored (hashed) when the contact asked for it; only the link is made here.
      link = { url: `${portalUrl}/reset-password/${target.context['resetToken']}` };
    } else if (booking && target.bookingId && WITH_BOOKING_CODE.includes(target.type)) {
      // Stored with the others once rendered; BookingCodesService refuses a contact of another account.
      token = { kind: 'bookingCode', token: newBookingCodeToken() };
      link = { url: `${portalUrl}/booking/${token.token}` };
    } else if (booking) link = { url: portalUrl };
    const serviceName = booking ? (booking.display_names[language] ?? booking.display_names['en'] ?? booking.service_name) : '';
    const rendered = this.templates.render({
      type: target.type,
      language,
      branding: rendering.branding,
      snippets: rendering.snippets,
      override: rendering.overrides[target.type],
      contact: { firstName: contact?.first_name ?? '', lastName: contact?.last_name ?? '' },
      ...(booking
        ? {
            booking: {
              reference: booking.reference,
              serviceName,
              start: booking.starts_at.toISOString(),
              end: booking.ends_at.toISOString(),
              timeZone: booking.time_zone,
              address: addressLine(booking),
              ...(typeof target.context['previousStart'] === 'string' ? { previousStart: target.context['previousStart'] } : {}),
              ...(target.type === 'canceled' ? { cancelReason: (target.context['cancelReason'] as string | null) ?? null } : {}),
            },
          }
        : {}),
      ...(link ? { link } : {}),
      ...(typeof target.context['leadDays'] === 'number' ? { reminderDaysBefore: target.context['leadDays'] } : {}),
      ...(typeof target.context['linkValidMinutes'] === 'number' ? { linkValidMinutes: target.context['linkValidMinutes'] } : {}),
    });
    if (target.channel === 'sms') return { content: { subject: null, text: rendered.sms, html: null, attachments: [] }, token };
    const attachments: Attachment[] = [];
    if (booking && target.bookingId && target.type !== 'completed') {
      const companyName = rendering.snippets['company_name'] ?? '';
      const host = this.host;
      const organizerEmail = rendering.snippets['contact_email'] ?? `no-reply@${host}`;
      const ics = calendarInvite({
        method: target.type === 'canceled' ? 'CANCEL' : 'REQUEST',
        uid: `${target.bookingId}@${host}`,
        sequence: booking.calendar_sequence,
        stamp: new Date().toISOString(),
        start: booking.starts_at.toISOString(),
        end: booking.ends_at.toISOString(),
        summary: companyName ? `${serviceName} — ${companyName}` : serviceName,
        description: `${booking.reference}${link ? `\n${link.url}` : ''}`,
        ...(link ? { url: link.url } : {}),
        location: addressLine(booking),
        organizer: { name: companyName || 'Fieldbook', email: organizerEmail },
        attendee: { name: `${contact?.first_name ?? ''} ${contact?.last_name ?? ''}`.trim(), email: target.recipient },
      });
      attachments.push({ filename: 'booking.ics', contentType: `text/calendar; charset=utf-8; method=${target.type === 'canceled' ? 'CANCEL' : 'REQUEST'}`, content: Buffer.from(ics, 'utf8').toString('base64') });
    }
    return { content: { subject: rendered.subject, text: rendered.text, html: rendered.html, attachments }, token };
  }

  /** The message for a connector, trimmed to what it can carry. */
  outbound(target: Pick<RenderTarget, 'channel' | 'recipient'>, content: StoredContent, capabilities: ConnectorCapabilities, sender: { name?: string; replyTo?: string }): OutboundMessage {
    if (target.channel === 'sms') return { channel: 'sms', to: target.recipient, body: content.text };
    return {
      channel: 'email',
      to: target.recipient,
      from: `no-reply@${this.host}`,
      ...(sender.name ? { fromName: sender.name } : {}),
      ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
      subject: content.subject ?? '',
      text: content.text,
      ...(capabilities.html && content.html ? { html: content.html } : {}),
      ...(capabilities.attachments && content.attachments.length ? { attachments: content.attachments } : {}),
    };
  }

  /** The log's view of stored content: attachments by name only. */
  static summary(content: StoredContent | null): NotificationContent | null {
    if (!content) return null;
    return { subject: content.subject, text: content.text, html: content.html, attachments: content.attachments.map((attachment) => attachment.filename) };
  }

  private async bookings(bookingIds: string[]): Promise<BookingFacts[]> {
    return this.tenancy.manager.query(
      `SELECT b.id, wo.reference, b.starts_at, b.ends_at, b.status, b.calendar_sequence, wo.time_zone, it.name AS service_name, it.display_names,
              wo.address_line1, wo.address_line2, wo.city, wo.region, wo.postal_code, wo.country
         FROM booking b JOIN work_order wo ON wo.id = b.work_order_id JOIN incident_type it ON it.id = wo.incident_type_id
        WHERE b.id = ANY($1::uuid[])`,
      [bookingIds],
    );
  }

  /**
   * Stores the hashed tokens of the rendered messages, one statement per kind. Should a statement
   * fail, each token is tried alone (a savepoint each), so only the message whose token could not
   * be stored fails.
   */
  private async storeTokens(pending: PendingToken[], results: Map<string, StoredContent | Error>): Promise<void> {
    for (const kind of ['invitation', 'bookingCode'] as const) {
      const rows = pending.filter((item) => item.kind === kind);
      if (rows.length === 0) continue;
      const manager = this.tenancy.manager;
      await manager.query('SAVEPOINT tokens');
      try {
        const refused = await this.insertTokens(kind, rows);
        await manager.query('RELEASE SAVEPOINT tokens');
        for (const [id, error] of refused) results.set(id, error);
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT tokens');
        for (const row of rows) {
          if (rows.length === 1) results.set(row.target.id, error as Error);
          else await this.storeTokens([row], results);
        }
      }
    }
  }

  /** Inserts one kind of token; returns the notifications whose token was refused, with the reason. */
  private async insertTokens(kind: PendingToken['kind'], rows: PendingToken[]): Promise<Map<string, Error>> {
    const refused = new Map<string, Error>();
    if (kind === 'bookingCode') {
      const results = await this.bookingCodes.issueMany(
        rows.map((row) => ({ token: row.token, bookingId: row.target.bookingId as string, contactId: row.target.contactId, notificationId: row.target.id })),
      );
      results.forEach((result, index) => {
        if (result instanceof Error) refused.set((rows[index] as PendingToken).target.id, result);
      });
      return refused;
    }
    const stored: { notification_id: string }[] = await this.tenancy.manager.query(
      `INSERT INTO contact_invitation (environment_id, token_hash, contact_id, notification_id, expires_at)
       SELECT $1, decode(r.token_hash, 'hex'), r.contact_id, r.notification_id, now() + make_interval(days => $5)
         FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS r (notification_id, contact_id, token_hash)
       RETURNING notification_id`,
      [this.tenancy.environmentId, rows.map((row) => row.target.id), rows.map((row) => row.target.contactId), rows.map((row) => sha256(row.token).toString('hex')), INVITE_VALID_DAYS],
    );
    const inserted = new Set(stored.map((row) => row.notification_id));
    for (const row of rows) if (!inserted.has(row.target.id)) refused.set(row.target.id, new Error('The invitation could not be stored.'));
    return refused;
  }
}

/**
 * Each language's rendering context (branding, snippets, overrides) of the current environment,
 * read once: one cache serves one batch, so what an admin changes shows from the next batch on.
 */
export class RenderingContexts {
  private readonly byLanguage = new Map<string, Promise<RenderingContext>>();

  constructor(private readonly content: MessageContentService) {}

  get(language: string): Promise<RenderingContext> {
    let context = this.byLanguage.get(language);
    if (!context) {
      context = this.content.renderingContext(language);
      this.byLanguage.set(language, context);
    }
    return context;
  }
}
