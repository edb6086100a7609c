import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EnvironmentKind, MessageChannel, MessageType } from '@fieldbook/contracts';
import { ConnectorError } from '@fieldbook/plugin-sdk';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EnvironmentConnectorsService, ResolvedConnector } from '../messaging/environment-connectors.service';
import { guardedSend } from '../messaging/guarded-invoker';
import { DeliveryMailboxSink, MailboxService } from '../messaging/mailbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { DeliveryJob, DeliveryQueue, RECORD_PATIENCE_MS, SENDS_AT_ONCE, holdSeconds } from './delivery-queue';
import { NotificationPlanner } from './notification-planner';
import { NotificationRenderer, RenderTarget, StoredContent } from './notification-renderer';
import { SkipReason } from './recipients';


/** The database went away (restart, failover, network) rather than refusing the statement. */
function databaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^(08...|57P0[123]|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(code)) return true;
  return typeof message === 'string' && /Connection terminated/i.test(message);
}

interface EnvironmentFacts {
  id: string;
  kind: EnvironmentKind;
  slug: string;
}

interface NotificationRow {
  id: string;
  type: MessageType;
  channel: MessageChannel;
  state: string;
  /** Attempts before this one. */
  attempts: number;
  contact_id: string;
  booking_id: string | null;
  recipient: string;
  language: string;
  context: Record<string, unknown>;
  content: StoredContent | null;
  /** Queued, or sending but no longer held by the worker that claimed it (it died, or gave up). */
  claimable: boolean;
  held_until: Date;
  contact_active: boolean;
  booking_status: string | null;
  booking_starts_at: Date | null;
  calendar_sequence: number | null;
}

/** A notification ready to go: its message, the connector, and who signs it. */
interface Claimed {
  row: NotificationRow;
  content: StoredContent;
  connector: ResolvedConnector;
  sender: { name?: string; replyTo?: string };
}

type Outcome =
  | { id: string; result: 'sent'; connectorId: string; providerMessageId: string }
  | { id: string; result: 'retry'; connectorId: string; error: string; attempt: number }
  | { id: string; result: 'failed' | 'dead'; connectorId: string | null; error: string; row: NotificationRow };

/** A job's notifications as the worker reads them, whatever the job's shape. */
interface JobToDeliver {
  data: DeliveryJob | (Omit<DeliveryJob, 'notificationIds' | 'finalAttempt'> & { notificationId: string });
}

/** Reminders and the booking messages no longer hold when the booking moved on before they went out. */
function stillDue(row: NotificationRow): boolean {
  if (!row.booking_id) return true;
  if (row.type === 'completed' || row.type === 'canceled') return true;
  if (row.booking_status === 'canceled') return false;
  if (row.type === 'reminder') return row.booking_status === 'scheduled' && row.booking_starts_at?.toISOString() === row.context['startsAt'];
  if (row.type === 'rescheduled' || row.type === 'confirmed') return (row.calendar_sequence ?? 0) <= Number(row.context['calendarSequence'] ?? 0);
  return true;
}

/**
 * The worker side of messaging: takes a delivery job (a batch of one environment's notifications),
 * claims and renders them (one transaction), sends each through the environment's connector for
 * its channel, and records what happened (one transaction). A notification belongs to the worker
 * that claimed it (`sending`) until its outcome is stored, or until the job's hold ran out (the
 * worker died): only then may the job, handed out again, claim it once more. Retryable failures
 * go back to `queued` with a job of their own that starts after an exponential backoff; permanent
 * ones end the notification as `failed` (an SMS then falls back to email when the environment says
 * so); a retryable failure on the round's last attempt ends it as `dead`. A notification already
 * sent is never sent again, whichever job brings it.
 */
@Injectable()
export class NotificationDelivery implements OnApplicationBootstrap {
  private readonly logger = new Logger('Delivery');
  private readonly environments = new Map<string, EnvironmentFacts>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyService,
    private readonly queue: DeliveryQueue,
    private readonly renderer: NotificationRenderer,
    private readonly connectors: EnvironmentConnectorsService,
    private readonly mailbox: MailboxService,
    private readonly planner: NotificationPlanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.roles.worker) await this.queue.work((job) => this.deliver(job));
  }

  /** Delivers a job's notifications; returns those that will be tried again (each with a job of its own). */
  async deliver(job: JobToDeliver): Promise<string[]> {
    const { environmentId } = job.data;
    // A job enqueued before jobs carried batches names one notification.
    const ids = 'notificationIds' in job.data ? job.data.notificationIds : [job.data.notificationId];
    const finalAttempt = 'finalAttempt' in job.data ? job.data.finalAttempt : this.config.delivery.attempts;
    const environment = await this.environment(environmentId);
    if (!environment || ids.length === 0) return [];
    const claimed = await this.tenancy.run(environmentId, () => this.claim(ids, environment, finalAttempt));
    if (claimed.length === 0) return [];
    // One sink for the batch: the mailbox stores what arrives together in one transaction.
    const mailbox = this.mailbox.sinkFor(environmentId);
    // A sandbox's mailbox is the platform's own storage, not a provider to spare: its whole batch goes at once (one transaction).
    const lanes = claimed.every((item) => item.connector.source === 'sandboxDefault') ? claimed.length : SENDS_AT_ONCE;
    const outcomes = await inParallel(claimed, lanes, (item) => this.send(item, environmentId, mailbox, item.row.attempts + 1 >= finalAttempt));
    await this.recordOutcomes(environmentId, outcomes, finalAttempt);
    return outcomes.filter((outcome) => outcome.result === 'retry').map((outcome) => outcome.id);
  }

  private async environment(id: string): Promise<EnvironmentFacts | undefined> {
    const known = this.environments.get(id);
    if (known) return known;
    const [row]: EnvironmentFacts[] = await this.dataSource.query(`SELECT id, kind, slug FROM environment WHERE id = $1`, [id]);
    if (row) this.environments.set(id, row);
    return row;
  }

  /**
   * Locks the batch's notifications, drops what is finished, leaves what another worker holds to a
   * job that starts when its hold runs out, skips what no longer holds, renders the rest (all
   * together) and marks it `sending`. Each kind of change is one statement.
   */
  private async claim(ids: string[], environment: EnvironmentFacts, finalAttempt: number): Promise<Claimed[]> {
    const manager = this.tenancy.manager;
    const hold = holdSeconds(this.config.connectorTimeoutMs);
    const rows: NotificationRow[] = await manager.query(
      `SELECT n.id, n.type, n.channel, n.state, n.attempts, n.contact_id, n.booking_id, n.recipient, n.language, n.context, n.content,
              n.state = 'queued' OR n.updated_at <= now() - make_interval(secs => $2) AS claimable, n.updated_at + make_interval(secs => $2) AS held_until,
              c.active AS contact_active, b.status AS booking_status, b.starts_at AS booking_starts_at, b.calendar_sequence
         FROM notification n JOIN contact c ON c.id = n.contact_id LEFT JOIN booking b ON b.id = n.booking_id
        WHERE n.id = ANY($1::uuid[]) AND n.state IN ('queued', 'sending')
        ORDER BY n.id FOR UPDATE OF n`,
      [ids, hold],
    );
    const held = rows.filter((row) => !row.claimable);
    if (held.length > 0) {
      // Another worker is sending these (a job handed out twice): they are looked at again once its hold has run out.
      const startAfter = new Date(Math.max(...held.map((row) => row.held_until.getTime())) + 1000);
      await this.queue.enqueue(manager, environment.id, [{ notificationIds: held.map((row) => row.id), finalAttempt, startAfter }]);
    }
    const skipped: { id: string; reason: SkipReason }[] = [];
    const ready: { row: NotificationRow; connector: ResolvedConnector }[] = [];
    const connectors = new Map<MessageChannel, ResolvedConnector | null>();
    for (const row of rows) {
      if (!row.claimable) continue;
      if (!row.contact_active) {
        skipped.push({ id: row.id, reason: 'contactInactive' });
        continue;
      }
      if (!stillDue(row)) {
        skipped.push({ id: row.id, reason: 'bookingChanged' });
        continue;
      }
      if (!connectors.has(row.channel)) connectors.set(row.channel, await this.connectors.resolveForDelivery(environment, row.channel).catch(() => null));
      const connector = connectors.get(row.channel);
      if (connector) ready.push({ row, connector });
      else skipped.push({ id: row.id, reason: 'noConnector' });
    }
    if (skipped.length > 0) {
      await manager.query(
        `UPDATE notification n SET state = 'skipped', skip_reason = s.reason, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS s (id, reason) WHERE n.id = s.id`,
        [skipped.map((item) => item.id), skipped.map((item) => item.reason)],
      );
    }

    const contexts = this.renderer.contexts();
    const rendered = await this.renderer.renderMany(
      ready.filter(({ row }) => !row.content).map(({ row }) => this.target(row)),
      environment.slug,
      contexts,
    );
    const failed: { id: string; error: string }[] = [];
    const sending: { id: string; connectorId: string; content: StoredContent | null }[] = [];
    const claimed: Claimed[] = [];
    for (const { row, connector } of ready) {
      const content = row.content ?? rendered.get(row.id);
      if (!content || content instanceof Error) {
        const message = content?.message ?? 'not rendered';
        this.logger.error(`Notification ${row.id} could not be rendered: ${message}`);
        failed.push({ id: row.id, error: `Rendering failed: ${message}`.slice(0, 2000) });
        continue;
      }
      // Content already stored (a retry) stays as it is.
      sending.push({ id: row.id, connectorId: connector.installed.manifest.id, content: row.content ? null : content });
      claimed.push({ row, content, connector, sender: await this.renderer.sender(row.language, contexts) });
    }
    if (failed.length > 0) {
      await manager.query(
        `UPDATE notification n SET state = 'failed', skip_reason = 'renderFailed', last_error = f.error, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS f (id, error) WHERE n.id = f.id`,
        [failed.map((item) => item.id), failed.map((item) => item.error)],
      );
    }
    if (sending.length > 0) {
      // The long texts go as parameters of their own, untouched, and the content is put together by the
      // database: no JSON or array escaping of some kilobytes per message on either side.
      const [texts, htmls] = [sending.map((item) => item.content?.text ?? null), sending.map((item) => item.content?.html ?? null)];
      const list = (first: number) => `ARRAY[${sending.map((_item, index) => `$${first + index}`).join(', ')}]::text[]`;
      await manager.query(
        `UPDATE notification n SET state = 'sending', attempts = n.attempts + 1, connector_id = s.connector_id, updated_at = now(),
                content = CASE WHEN s.rendered THEN jsonb_build_object('subject', s.subject, 'text', s.text, 'html', s.html, 'attachments', s.attachments) ELSE n.content END
           FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::jsonb[], ${list(6)}, ${list(6 + sending.length)})
                AS s (id, connector_id, rendered, subject, attachments, text, html)
          WHERE n.id = s.id`,
        [
          sending.map((item) => item.id),
          sending.map((item) => item.connectorId),
          sending.map((item) => item.content !== null),
          sending.map((item) => item.content?.subject ?? null),
          sending.map((item) => (item.content ? JSON.stringify(item.content.attachments) : null)),
          ...texts,
          ...htmls,
        ],
      );
    }
    return claimed;
  }

  private target(row: NotificationRow): RenderTarget {
    return { id: row.id, type: row.type, channel: row.channel, contactId: row.contact_id, bookingId: row.booking_id, recipient: row.recipient, language: row.language, context: row.context };
  }

  private async send(item: Claimed, environmentId: string, mailbox: DeliveryMailboxSink, lastAttempt: boolean): Promise<Outcome> {
    const { row, content, connector } = item;
    const connectorId = connector.installed.manifest.id;
    try {
      const result = await guardedSend({
        connector: connector.installed.connector,
        config: connector.config,
        message: this.renderer.outbound({ channel: row.channel, recipient: row.recipient }, content, connector.installed.manifest.capabilities, item.sender),
        // The same key on every attempt: providers that deduplicate drop a repeat; SMTP gets a stable Message-ID from it.
        idempotencyKey: row.id,
        timeoutMs: this.config.connectorTimeoutMs,
        logger: this.logger,
        // The mailbox keeps a reference to the content the notification keeps, not a second copy.
        mailbox: mailbox.about({ id: row.id, content }),
        publicUrl: `${this.config.publicUrl}/api/webhooks/delivery/${environmentId}/${row.channel}`,
      });
      return { id: row.id, result: 'sent', connectorId, providerMessageId: result.providerMessageId };
    } catch (thrown) {
      const error = thrown as ConnectorError;
      const text = `${error.message}${error.providerCode ? ` (${error.providerCode})` : ''}`.slice(0, 2000);
      const retryable = error.kind === 'retryable' || error.kind === 'rate-limited';
      if (retryable && !lastAttempt) return { id: row.id, result: 'retry', connectorId, error: text, attempt: row.attempts + 1 };
      return { id: row.id, result: retryable ? 'dead' : 'failed', connectorId, error: text, row };
    }
  }

  /**
   * Stores a batch's outcomes, waiting out a database that is away for a moment (a restart, a
   * failover): those messages are with the provider now, and a batch given up here would be sent
   * again once its job expires.
   */
  private async recordOutcomes(environmentId: string, outcomes: Outcome[], finalAttempt: number): Promise<void> {
    const deadline = Date.now() + RECORD_PATIENCE_MS;
    for (;;) {
      try {
        return await this.tenancy.run(environmentId, () => this.record(outcomes, finalAttempt));
      } catch (error) {
        if (!databaseUnavailable(error) || Date.now() >= deadline) throw error;
        this.logger.warn(`Outcomes of ${outcomes.length} notifications not stored yet, the database is unavailable: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** The outcomes in one statement; the notifications to try again get their jobs in the same transaction. */
  private async record(outcomes: Outcome[], finalAttempt: number): Promise<void> {
    if (outcomes.length === 0) return;
    const [rows]: [{ id: string }[], number] = await this.tenancy.manager.query(
      `UPDATE notification n SET
         state = CASE o.result WHEN 'sent' THEN 'sent' WHEN 'retry' THEN 'queued' ELSE o.result END,
         provider_message_id = coalesce(o.provider_message_id, n.provider_message_id),
         last_error = CASE WHEN o.result = 'sent' THEN n.last_error ELSE o.error END,
         sent_at = CASE WHEN o.result = 'sent' THEN now() ELSE n.sent_at END,
         updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS o (id, result, provider_message_id, error)
        WHERE n.id = o.id AND n.state = 'sending'
        RETURNING n.id`,
      [
        outcomes.map((outcome) => outcome.id),
        outcomes.map((outcome) => outcome.result),
        outcomes.map((outcome) => ('providerMessageId' in outcome ? outcome.providerMessageId : null)),
        outcomes.map((outcome) => ('error' in outcome ? outcome.error : null)),
      ],
    );
    const stored = new Set(rows.map((row) => row.id));
    const retries = new Map<number, string[]>();
    for (const outcome of outcomes) {
      if (outcome.result !== 'retry' || !stored.has(outcome.id)) continue;
      const group = retries.get(outcome.attempt);
      if (group) group.push(outcome.id);
      else retries.set(outcome.attempt, [outcome.id]);
    }
    if (retries.size > 0) {
      await this.queue.enqueue(
        this.tenancy.manager,
        this.tenancy.environmentId,
        [...retries].map(([attempt, notificationIds]) => ({ notificationIds, finalAttempt, startAfter: this.nextAttemptAt(attempt, finalAttempt) })),
      );
    }
    for (const outcome of outcomes) {
      if (outcome.result === 'failed' && outcome.row.channel === 'sms') await this.planner.fallbackToEmail(outcome.row.id);
    }
  }

  /**
   * When the attempt after `attempt` may start: the retry delay, doubled for every attempt of the
   * round so far, plus up to as much again at random (so a batch that failed together does not
   * come back all at once every time).
   */
  private nextAttemptAt(attempt: number, finalAttempt: number): Date {
    const { attempts, retryDelaySeconds } = this.config.delivery;
    const ofRound = Math.max(1, attempt - (finalAttempt - attempts));
    const seconds = retryDelaySeconds * 2 ** Math.min(16, ofRound - 1) * (1 + Math.random());
    return new Date(Date.now() + seconds * 1000);
  }
}

/** `work` over `items`, at most `limit` at once; results in the order of `items`. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
