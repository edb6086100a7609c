import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MailboxClearResponse, MailboxMessage, MailboxMessageSummary, MessageChannel, Page, PageQuery } from '@fieldbook/contracts';
import { Attachment, MailboxSink, OutboundMessage } from '@fieldbook/plugin-sdk';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { pageOf } from '../common/pagination';
import { TenancyService } from '../tenancy/tenancy.service';

interface MailboxRow {
  id: string;
  channel: MessageChannel;
  recipient: string;
  sender: string | null;
  sender_name: string | null;
  reply_to: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: Attachment[];
  created_at: Date;
}

const PREVIEW_CHARS = 160;
/** What one kept message may weigh; a connector passing more is refused like a full mailbox would. */
const MAX_TEXT_CHARS = 1_000_000;
const MAX_ATTACHMENTS = 20;

/** The mailbox refuses a message that is not one (a connector passing something else). */
export class MailboxRefusedError extends Error {
  constructor(reason: string) {
    super(`The mailbox refused the message: ${reason}`);
    this.name = 'MailboxRefusedError';
  }
}

function requiredText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new MailboxRefusedError(`${field} must be text.`);
  if (value.length > max) throw new MailboxRefusedError(`${field} is longer than ${max} characters.`);
  return value;
}

function optionalText(value: unknown, field: string, max: number): string | null {
  return value === undefined || value === null ? null : requiredText(value, field, max);
}

function attachmentsOf(value: unknown): Attachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_ATTACHMENTS) throw new MailboxRefusedError(`attachments must be a list of at most ${MAX_ATTACHMENTS}.`);
  return value.map((attachment: Partial<Attachment>, index) => ({
    filename: requiredText(attachment?.filename, `attachments[${index}].filename`, 255),
    contentType: requiredText(attachment?.contentType, `attachments[${index}].contentType`, 255),
    content: requiredText(attachment?.content, `attachments[${index}].content`, MAX_TEXT_CHARS),
  }));
}

/** channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments, notification_id. */
const COLUMN_COUNT = 10;

/** The content a notification keeps (notification.content), as far as the mailbox shows it. */
export interface NotificationContentRef {
  id: string;
  content: { text: string; html: string | null; attachments: Attachment[] };
}

/** A sink that knows which notification a message belongs to. */
export interface DeliveryMailboxSink extends MailboxSink {
  /** The sink for the message of `notification`: content the notification keeps is not stored again. */
  about(notification: NotificationContentRef): MailboxSink;
}

function sameAttachments(given: Attachment[] | undefined, kept: Attachment[]): boolean {
  const list = given ?? [];
  if (list.length !== kept.length) return false;
  return list.every((attachment, index) => {
    const other = kept[index] as Attachment;
    return attachment?.filename === other.filename && attachment?.contentType === other.contentType && attachment?.content === other.content;
  });
}

/** Whether the message carries exactly the content its notification keeps (a connector may have trimmed or changed it). */
function keptBy(message: OutboundMessage, notification: NotificationContentRef | undefined): boolean {
  if (!notification) return false;
  const { content } = notification;
  if (message?.channel === 'sms') return message.body === content.text && content.html === null && content.attachments.length === 0;
  if (message?.channel === 'email') return message.text === content.text && (message.html ?? null) === content.html && sameAttachments(message.attachments, content.attachments);
  return false;
}

/**
 * The columns for a message, checked: the sink takes whatever a connector hands it. A message that
 * is its notification's content names the notification instead of repeating text, HTML and attachments.
 */
function columnsOf(message: OutboundMessage, notification?: NotificationContentRef): unknown[] {
  const reference = keptBy(message, notification) ? (notification as NotificationContentRef).id : null;
  if (message?.channel === 'sms') {
    const body = requiredText(message.body, 'body', MAX_TEXT_CHARS);
    return ['sms', requiredText(message.to, 'to', 320), null, null, null, null, reference ? null : body, null, reference ? null : '[]', reference];
  }
  if (message?.channel === 'email') {
    const text = requiredText(message.text, 'text', MAX_TEXT_CHARS);
    const html = optionalText(message.html, 'html', MAX_TEXT_CHARS);
    const attachments = attachmentsOf(message.attachments);
    return [
      'email',
      requiredText(message.to, 'to', 320),
      optionalText(message.from, 'from', 320),
      optionalText(message.fromName, 'fromName', 200),
      optionalText(message.replyTo, 'replyTo', 320),
      optionalText(message.subject, 'subject', 1000),
      reference ? null : text,
      reference ? null : html,
      reference ? null : JSON.stringify(attachments),
      reference,
    ];
  }
  throw new MailboxRefusedError('channel must be email or sms.');
}

/** A mailbox row's content: its own, or that of the notification it names. */
const CONTENT = `coalesce(m.text, n.content ->> 'text', '') AS text,
  CASE WHEN m.notification_id IS NULL THEN m.html ELSE n.content ->> 'html' END AS html,
  coalesce(m.attachments, n.content -> 'attachments', '[]'::jsonb) AS attachments`;
const WITH_NOTIFICATION = `mailbox_message m LEFT JOIN notification n ON m.notification_id IS NOT NULL AND n.environment_id = m.environment_id AND n.id = m.notification_id`;

function byteLength(base64: string): number {
  return Buffer.from(base64, 'base64').length;
}

/**
 * The development mailbox: messages the mailbox connectors "send" are kept here, per environment,
 * and read back through the API like a mail catcher. Writes join the caller's tenant transaction.
 */
@Injectable()
export class MailboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyService,
  ) {}

  /** The sink the platform hands to connectors as `context.mailbox`, for the current environment. */
  sink(): MailboxSink {
    return { store: (message) => this.store(message) };
  }

  /**
   * A sink for work outside a request (the delivery worker), for `environmentId`. The messages
   * handed to it in one turn of the event loop — the sends of a delivery batch start together —
   * are stored together, in one transaction of their own with one statement; should that fail,
   * each is stored alone, so one message the database refuses cannot take the others with it.
   * Every message is committed before its `store` resolves, as when each had its own transaction.
   */
  sinkFor(environmentId: string): DeliveryMailboxSink {
    let waiting: { columns: unknown[]; resolve: (stored: { id: string }) => void; reject: (error: unknown) => void }[] = [];
    // Always a transaction of its own, never one of whoever happened to store first.
    const insert = (messages: unknown[][]) => this.dataSource.transaction((manager) => this.tenancy.within(manager, environmentId, () => this.insert(messages)));
    const flush = async () => {
      const batch = waiting;
      waiting = [];
      try {
        const ids = await insert(batch.map((item) => item.columns));
        batch.forEach((item, index) => item.resolve({ id: ids[index] ?? '' }));
      } catch (error) {
        for (const item of batch) {
          if (batch.length === 1) item.reject(error);
          else await insert([item.columns]).then(([id]) => item.resolve({ id: id ?? '' }), item.reject);
        }
      }
    };
    const store = (message: OutboundMessage, notification?: NotificationContentRef) =>
      new Promise<{ id: string }>((resolve, reject) => {
        const columns = columnsOf(message, notification);
        if (waiting.length === 0) setImmediate(() => void flush());
        waiting.push({ columns, resolve, reject });
      });
    return {
      store: (message) => store(message),
      about: (notification) => ({ store: (message) => store(message, notification) }),
    };
  }

  async store(message: OutboundMessage): Promise<{ id: string }> {
    const [id] = await this.insert([columnsOf(message)]);
    return { id: id ?? '' };
  }

  /** Stores checked messages (`columnsOf`) in the current environment with one statement; returns their ids, in order. */
  private async insert(messages: unknown[][]): Promise<string[]> {
    const ids = messages.map(() => randomUUID());
    // One array per column: unnest() turns them back into rows. The long texts (text, html) go as
    // parameters of their own, untouched, rather than escaped into an array literal.
    const columns = Array.from({ length: COLUMN_COUNT }, (_, column) => messages.map((message) => message[column]));
    const list = (first: number) => `ARRAY[${messages.map((_message, index) => `$${first + index}`).join(', ')}]::text[]`;
    await this.tenancy.manager.query(
      `INSERT INTO mailbox_message (environment_id, id, channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments, notification_id)
       SELECT $1, m.* FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], ${list(11)}, ${list(11 + messages.length)}, $9::jsonb[], $10::uuid[])
         AS m (id, channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments, notification_id)`,
      [this.tenancy.environmentId, ids, ...columns.slice(0, 6), columns[8], columns[9], ...(columns[6] ?? []), ...(columns[7] ?? [])],
    );
    return ids;
  }

  async list(query: PageQuery & { channel?: MessageChannel }): Promise<Page<MailboxMessageSummary>> {
    const { limit, offset } = pageOf(query);
    const channel = query.channel ?? null;
    const rows: (Pick<MailboxRow, 'id' | 'channel' | 'recipient' | 'subject' | 'created_at'> & { preview: string; attachment_count: number })[] =
      await this.tenancy.manager.query(
        `SELECT m.id, m.channel, m.recipient, m.subject, left(coalesce(m.text, n.content ->> 'text', ''), ${PREVIEW_CHARS}) AS preview,
                jsonb_array_length(coalesce(m.attachments, n.content -> 'attachments', '[]'::jsonb)) AS attachment_count, m.created_at
           FROM ${WITH_NOTIFICATION} WHERE ($1::text IS NULL OR m.channel = $1)
          ORDER BY m.created_at DESC, m.id DESC LIMIT $2 OFFSET $3`,
        [channel, limit, offset],
      );
    const [{ total }] = await this.tenancy.manager.query(`SELECT count(*)::int AS total FROM mailbox_message WHERE ($1::text IS NULL OR channel = $1)`, [channel]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        to: row.recipient,
        subject: row.subject,
        preview: row.preview,
        attachmentCount: row.attachment_count,
        createdAt: row.created_at.toISOString(),
      })),
      total,
      limit,
      offset,
    };
  }

  async get(id: string): Promise<MailboxMessage> {
    const rows: MailboxRow[] = await this.tenancy.manager.query(
      `SELECT m.id, m.channel, m.recipient, m.sender, m.sender_name, m.reply_to, m.subject, ${CONTENT}, m.created_at FROM ${WITH_NOTIFICATION} WHERE m.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('api:connectors.errors.mailboxMessageNotFound');
    return {
      id: row.id,
      channel: row.channel,
      to: row.recipient,
      from: row.sender,
      fromName: row.sender_name,
      replyTo: row.reply_to,
      subject: row.subject,
      text: row.text,
      html: row.html,
      attachments: row.attachments.map((attachment) => ({ ...attachment, size: byteLength(attachment.content) })),
      createdAt: row.created_at.toISOString(),
    };
  }

  async clear(): Promise<MailboxClearResponse> {
    const [{ deleted }] = await this.tenancy.manager.query(`WITH gone AS (DELETE FROM mailbox_message RETURNING 1) SELECT count(*)::int AS deleted FROM gone`);
    return { deleted };
  }
}
