import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EnvironmentKind, MessageChannel, MessageType } from '@fieldbook/contracts';
import { ConnectorError, MailboxSink } from '@fieldbook/plugin-sdk';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EnvironmentConnectorsService, ResolvedConnector } from '../messaging/environment-connectors.service';
import { guardedSend } from '../messaging/guarded-invoker';
import { MailboxService } from '../messaging/mailbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { DeliveryJob, DeliveryQueue, RECORD_PATIENCE_MS, SENDS_AT_ONCE } from './delivery-queue';
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
  contact_id: string;
  booking_id: string | null;
  recipient: string;
  language: string;
  context: Record<string, unknown>;
  content: StoredContent | null;
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
  | { id: string; result: 'retry'; connectorId: string; error: string }
  | { id: string; result: 'failed' | 'dead'; connectorId: string | null; error: string; row: NotificationRow };

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
 * The worker side of messaging: takes delivery jobs in batches, claims and renders their
 * notifications (one transaction per environment), sends each through the environment's connector
 * for its channel, and records what happened (one transaction). Retryable failures go back to
 * pg-boss, which tries again with exponential backoff; permanent ones end the notification as
 * `failed` (an SMS then falls back to email when the environment says so); the last failed attempt
 * ends it as `dead`. A notification already sent is never sent again, whichever job brings it.
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
    if (this.config.roles.worker) await this.queue.work((jobs) => this.deliver(jobs));
  }

  /** Delivers a batch; returns the jobs pg-boss should try again. */
  async deliver(jobs: { data: DeliveryJob; retryCount: number; retryLimit: number }[]): Promise<{ id: string; error: string }[]> {
    const retries: { id: string; error: string }[] = [];
    const byEnvironment = new Map<string, typeof jobs>();
    for (const job of jobs) {
      const group = byEnvironment.get(job.data.environmentId);
      if (group) group.push(job);
      else byEnvironment.set(job.data.environmentId, [job]);
    }
    for (const [environmentId, group] of byEnvironment) {
      const environment = await this.environment(environmentId);
      if (!environment) continue;
      const lastAttempt = new Set(group.filter((job) => job.retryCount >= job.retryLimit).map((job) => job.data.notificationId));
      const claimed = await this.tenancy.run(environmentId, () => this.claim(group.map((job) => job.data.notificationId), environment));
      // One sink for the batch: the mailbox stores what arrives together in one transaction.
      const mailbox = this.mailbox.sinkFor(environmentId);
      const outcomes = await inParallel(claimed, SENDS_AT_ONCE, (item) => this.send(item, environmentId, mailbox, lastAttempt.has(item.row.id)));
      await this.recordOutcomes(environmentId, outcomes);
      for (const outcome of outcomes) if (outcome.result === 'retry') retries.push({ id: outcome.id, error: outcome.error });
    }
    return retries;
  }

  private async environment(id: string): Promise<EnvironmentFacts | undefined> {
    const known = this.environments.get(id);
    if (known) return known;
    const [row]: EnvironmentFacts[] = await this.dataSource.query(`SELECT id, kind, slug FROM environment WHERE id = $1`, [id]);
    if (row) this.environments.set(id, row);
    return row;
  }

  /**
   * Locks the batch's notifications, drops what is finished, skips what no longer holds, renders
   * the rest once (all together) and marks it `sending`. Each kind of change is one statement.
   */
  private async claim(ids: string[], environment: EnvironmentFacts): Promise<Claimed[]> {
    const manager = this.tenancy.manager;
    const rows: NotificationRow[] = await manager.query(
      `SELECT n.id, n.type, n.channel, n.state, n.contact_id, n.booking_id, n.recipient, n.language, n.context, n.content,
              c.active AS contact_active, b.status AS booking_status, b.starts_at AS booking_starts_at, b.calendar_sequence
         FROM notification n JOIN contact c ON c.id = n.contact_id LEFT JOIN booking b ON b.id = n.booking_id
        WHERE n.id = ANY($1::uuid[]) AND n.state IN ('queued', 'sending')
        ORDER BY n.id FOR UPDATE OF n`,
      [ids],
    );
    const skipped: { id: string; reason: SkipReason }[] = [];
    const ready: { row: NotificationRow; connector: ResolvedConnector }[] = [];
    const connectors = new Map<MessageChannel, ResolvedConnector | null>();
    for (const row of rows) {
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
           FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, reason text) WHERE n.id = s.id`,
        [JSON.stringify(skipped)],
      );
    }

    const contexts = this.renderer.contexts();
    const rendered = await this.renderer.renderMany(
      ready.filter(({ row }) => !row.content).map(({ row }) => this.target(row)),
      environment.slug,
      contexts,
    );
    const failed: { id: string; error: string }[] = [];
    const sending: { id: string; connector_id: string; content: StoredContent | null }[] = [];
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
      sending.push({ id: row.id, connector_id: connector.installed.manifest.id, content: row.content ? null : content });
      claimed.push({ row, content, connector, sender: await this.renderer.sender(row.language, contexts) });
    }
    if (failed.length > 0) {
      await manager.query(
        `UPDATE notification n SET state = 'failed', skip_reason = 'renderFailed', last_error = f.error, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS f (id uuid, error text) WHERE n.id = f.id`,
        [JSON.stringify(failed)],
      );
    }
    if (sending.length > 0) {
      await manager.query(
        `UPDATE notification n SET state = 'sending', attempts = n.attempts + 1, connector_id = s.connector_id, content = coalesce(s.content, n.content), updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, connector_id text, content jsonb) WHERE n.id = s.id`,
        [JSON.stringify(sending)],
      );
    }
    return claimed;
  }

  private target(row: NotificationRow): RenderTarget {
    return { id: row.id, type: row.type, channel: row.channel, contactId: row.contact_id, bookingId: row.booking_id, recipient: row.recipient, language: row.language, context: row.context };
  }

  private async send(item: Claimed, environmentId: string, mailbox: MailboxSink, lastAttempt: boolean): Promise<Outcome> {
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
        mailbox,
        publicUrl: `${this.config.publicUrl}/api/webhooks/delivery/${environmentId}/${row.channel}`,
      });
      return { id: row.id, result: 'sent', connectorId, providerMessageId: result.providerMessageId };
    } catch (thrown) {
      const error = thrown as ConnectorError;
      const text = `${error.message}${error.providerCode ? ` (${error.providerCode})` : ''}`.slice(0, 2000);
      const retryable = error.kind === 'retryable' || error.kind === 'rate-limited';
      if (retryable && !lastAttempt) return { id: row.id, result: 'retry', connectorId, error: text };
      return { id: row.id, result: retryable ? 'dead' : 'failed', connectorId, error: text, row };
    }
  }

  /**
   * Stores a batch's outcomes, waiting out a database that is away for a moment (a restart, a
   * failover): those messages are with the provider now, and a batch given up here would be sent
   * again once its jobs expire.
   */
  private async recordOutcomes(environmentId: string, outcomes: Outcome[]): Promise<void> {
    const deadline = Date.now() + RECORD_PATIENCE_MS;
    for (;;) {
      try {
        return await this.tenancy.run(environmentId, () => this.record(outcomes));
      } catch (error) {
        if (!databaseUnavailable(error) || Date.now() >= deadline) throw error;
        this.logger.warn(`Outcomes of ${outcomes.length} notifications not stored yet, the database is unavailable: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async record(outcomes: Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.tenancy.manager.query(
      `UPDATE notification n SET
         state = CASE o.result WHEN 'sent' THEN 'sent' WHEN 'retry' THEN 'queued' ELSE o.result END,
         provider_message_id = coalesce(o.provider_message_id, n.provider_message_id),
         last_error = CASE WHEN o.result = 'sent' THEN n.last_error ELSE o.error END,
         sent_at = CASE WHEN o.result = 'sent' THEN now() ELSE n.sent_at END,
         updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS o (id uuid, result text, provider_message_id text, error text)
        WHERE n.id = o.id AND n.state = 'sending'`,
      [JSON.stringify(outcomes.map((outcome) => ({ id: outcome.id, result: outcome.result, provider_message_id: 'providerMessageId' in outcome ? outcome.providerMessageId : null, error: 'error' in outcome ? outcome.error : null })))],
    );
    for (const outcome of outcomes) {
      if (outcome.result === 'failed' && outcome.row.channel === 'sms') await this.planner.fallbackToEmail(outcome.row.id);
    }
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
