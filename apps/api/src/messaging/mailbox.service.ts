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

/** channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments. */
const COLUMN_COUNT = 9;

/** The columns for a message, checked: the sink takes whatever a connector hands it. */
function columnsOf(message: OutboundMessage): unknown[] {
  if (message?.channel === 'sms') {
    return ['sms', requiredText(message.to, 'to', 320), null, null, null, null, requiredText(message.body, 'body', MAX_TEXT_CHARS), null, '[]'];
  }
  if (message?.channel === 'email') {
    return [
      'email',
      requiredText(message.to, 'to', 320),
      optionalText(message.from, 'from', 320),
      optionalText(message.fromName, 'fromName', 200),
      optionalText(message.replyTo, 'replyTo', 320),
      optionalText(message.subject, 'subject', 1000),
      requiredText(message.text, 'text', MAX_TEXT_CHARS),
      optionalText(message.html, 'html', MAX_TEXT_CHARS),
      JSON.stringify(attachmentsOf(message.attachments)),
    ];
  }
  throw new MailboxRefusedError('channel must be email or sms.');
}

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
  sinkFor(environmentId: string): MailboxSink {
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
    return {
      store: (message) =>
        new Promise((resolve, reject) => {
          const columns = columnsOf(message);
          if (waiting.length === 0) setImmediate(() => void flush());
          waiting.push({ columns, resolve, reject });
        }),
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
      `INSERT INTO mailbox_message (environment_id, id, channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments)
       SELECT $1, m.* FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], ${list(10)}, ${list(10 + messages.length)}, $9::jsonb[])
         AS m (id, channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments)`,
      [this.tenancy.environmentId, ids, ...columns.slice(0, 6), columns[8], ...(columns[6] ?? []), ...(columns[7] ?? [])],
    );
    return ids;
  }

  async list(query: PageQuery & { channel?: MessageChannel }): Promise<Page<MailboxMessageSummary>> {
    const { limit, offset } = pageOf(query);
    const channel = query.channel ?? null;
    const rows: (Pick<MailboxRow, 'id' | 'channel' | 'recipient' | 'subject' | 'created_at'> & { preview: string; attachment_count: number })[] =
      await this.tenancy.manager.query(
        `SELECT id, channel, recipient, subject, left(text, ${PREVIEW_CHARS}) AS preview, jsonb_array_length(attachments) AS attachment_count, created_at
           FROM mailbox_message WHERE ($1::text IS NULL OR channel = $1)
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
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
      `SELECT id, channel, recipient, sender, sender_name, reply_to, subject, text, html, attachments, created_at FROM mailbox_message WHERE id = $1`,
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
