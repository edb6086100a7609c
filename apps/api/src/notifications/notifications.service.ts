import { Injectable } from '@nestjs/common';
import {
  InviteAllResponse,
  MessageChannel,
  MessageType,
  NotificationContent,
  NotificationDetail,
  NotificationRetryResponse,
  NotificationState,
  NotificationSummary,
  Page,
} from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { pageOf } from '../common/pagination';
import { TenancyService } from '../tenancy/tenancy.service';
import { DeliveryQueue } from './delivery-queue';
import { NotificationPlanner } from './notification-planner';
import { NotificationRenderer, StoredContent } from './notification-renderer';

export interface NotificationFilter {
  state?: NotificationState;
  type?: MessageType;
  channel?: MessageChannel;
  contactId?: string;
  bookingId?: string;
  /** ISO instants bounding created_at. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

interface Row {
  id: string;
  type: MessageType;
  channel: MessageChannel;
  state: NotificationState;
  contact_id: string;
  contact_name: string;
  booking_id: string | null;
  recipient: string | null;
  language: string;
  attempts: number;
  connector_id: string | null;
  provider_message_id: string | null;
  last_error: string | null;
  skip_reason: string | null;
  fallback_of_id: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  content?: StoredContent | null;
}

/** Links that open a booking, an invitation or a password reset without signing in. */
const SECRET_LINK = /(\/(?:booking|invitation|reset-password)\/)[A-Za-z0-9_-]{16,}/g;

/**
 * The content as sent, with the secret part of its links hidden: the log shows what the customer
 * got without handing the office a working key to the customer's booking or account.
 */
export function withoutSecretLinks(content: NotificationContent | null): NotificationContent | null {
  if (!content) return null;
  const hide = (text: string) => text.replace(SECRET_LINK, '$1…');
  return { ...content, subject: content.subject === null ? null : hide(content.subject), text: hide(content.text), html: content.html === null ? null : hide(content.html) };
}

const COLUMNS = `n.id, n.type, n.channel, n.state, n.contact_id, c.first_name || ' ' || c.last_name AS contact_name, n.booking_id, n.recipient, n.language,
  n.attempts, n.connector_id, n.provider_message_id, n.last_error, n.skip_reason, n.fallback_of_id, n.created_at, n.updated_at, n.sent_at, n.delivered_at`;

/** The notification log: every message, what became of it, and the one action on it — try a dead one again. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly queue: DeliveryQueue,
    private readonly planner: NotificationPlanner,
    private readonly audit: AuditService,
  ) {}

  async list(filter: NotificationFilter, t: Translator): Promise<Page<NotificationSummary>> {
    const { limit, offset } = pageOf(filter);
    const where = `($1::text IS NULL OR n.state = $1) AND ($2::text IS NULL OR n.type = $2) AND ($3::text IS NULL OR n.channel = $3)
      AND ($4::uuid IS NULL OR n.contact_id = $4) AND ($5::uuid IS NULL OR n.booking_id = $5)
      AND ($6::timestamptz IS NULL OR n.created_at >= $6) AND ($7::timestamptz IS NULL OR n.created_at < $7)`;
    const params = [filter.state ?? null, filter.type ?? null, filter.channel ?? null, filter.contactId ?? null, filter.bookingId ?? null, filter.from ?? null, filter.to ?? null];
    const manager = this.tenancy.manager;
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM notification n JOIN contact c ON c.id = n.contact_id WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $8 OFFSET $9`,
      [...params, limit, offset],
    );
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM notification n WHERE ${where}`, params);
    return { items: rows.map((row) => this.summary(row, t)), total, limit, offset };
  }

  async get(id: string, t: Translator): Promise<NotificationDetail> {
    const [row]: Row[] = await this.tenancy.manager.query(
      `SELECT ${COLUMNS}, n.content FROM notification n JOIN contact c ON c.id = n.contact_id WHERE n.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('notificationNotFound');
    return { ...this.summary(row, t), content: withoutSecretLinks(NotificationRenderer.summary(row.content ?? null)) };
  }

  /** Dead (attempts used up) or failed (refused) messages go back to the queue for a fresh round of attempts. */
  async retry(id: string, adminUserId: string): Promise<NotificationRetryResponse> {
    const manager = this.tenancy.manager;
    const [row]: { state: NotificationState; attempts: number }[] = await manager.query(`SELECT state, attempts FROM notification WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new NotFoundError('notificationNotFound');
    if (row.state !== 'dead' && row.state !== 'failed') throw new ConflictError('api:notifications.errors.notRetryable', { state: row.state });
    await manager.query(`UPDATE notification SET state = 'queued', updated_at = now() WHERE id = $1`, [id]);
    await this.queue.requeue(manager, this.tenancy.environmentId, id, row.attempts);
    await this.audit.record('notification.retried', adminUserId, { notificationId: id, previousState: row.state });
    return { id, state: 'queued' };
  }

  async inviteAll(adminUserId: string): Promise<InviteAllResponse> {
    const result = await this.planner.inviteAll();
    await this.audit.record('notification.invite_all', adminUserId, { ...result });
    return result;
  }

  private summary(row: Row, t: Translator): NotificationSummary {
    return {
      id: row.id,
      type: row.type,
      channel: row.channel,
      state: row.state,
      contact: { id: row.contact_id, name: row.contact_name },
      bookingId: row.booking_id,
      recipient: row.recipient,
      language: row.language,
      attempts: row.attempts,
      connectorId: row.connector_id,
      providerMessageId: row.provider_message_id,
      lastError: row.last_error,
      skipReason: row.skip_reason ? t.t(`api:notifications.skip.${row.skip_reason}`) : null,
      fallbackOfId: row.fallback_of_id,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      sentAt: row.sent_at?.toISOString() ?? null,
      deliveredAt: row.delivered_at?.toISOString() ?? null,
    };
  }
}
