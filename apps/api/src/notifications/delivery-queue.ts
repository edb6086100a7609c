import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * The pg-boss queue that carries the notifications to deliver: one job per batch of up to
 * BATCH_SIZE notifications of one environment. Which of them a job may still send is the
 * notification rows' state (see NotificationDelivery), so a job that comes back after its worker
 * died sends only what is not sent yet.
 */
export const DELIVERY_QUEUE = 'notification-delivery';
const SCHEMA = 'pgboss';
/** Notifications in one job at most: claimed, rendered and recorded together (one transaction each). */
export const BATCH_SIZE = 250;
/** Sends of one batch in flight at once. */
export const SENDS_AT_ONCE = 25;
/** How long a batch's outcomes wait for the database to come back before its job is left to expire. */
export const RECORD_PATIENCE_MS = 30_000;

/**
 * How long a worker holds a job, and the notifications it claimed, before another may take them:
 * longer than the slowest batch can take — every round of sends at the connector timeout, plus
 * claiming, recording and waiting out a database restart — so a slow provider never makes two
 * workers send the same message.
 */
export function holdSeconds(connectorTimeoutMs: number): number {
  const rounds = Math.ceil(BATCH_SIZE / SENDS_AT_ONCE);
  return Math.ceil((rounds * connectorTimeoutMs + RECORD_PATIENCE_MS) / 1000) + 30;
}
/** How long a worker loop that found no job waits before it asks again. */
const POLLING_INTERVAL_MS = 500;

export interface DeliveryJob {
  environmentId: string;
  /** Up to BATCH_SIZE notifications of the environment. */
  notificationIds: string[];
  /** The attempt (as the notification counts them) after which a retryable failure is final: the round's last. */
  finalAttempt: number;
}

/** A job as the handler gets it: `retryCount` counts how often pg-boss handed it out again after a failure or expiry. */
export interface FetchedDeliveryJob {
  id: string;
  data: DeliveryJob;
  retryCount: number;
}

/** What to enqueue: notifications of the current environment, to be tried from `startAfter` on. */
export interface DeliveryRequest {
  notificationIds: string[];
  finalAttempt: number;
  startAfter?: Date;
}

type DeliveryHandler = (job: FetchedDeliveryJob) => Promise<unknown>;

/**
 * Installs (or upgrades) pg-boss's schema and the delivery queue as the owner role, then lets the
 * API role use them. Runs with the migrations, under their lock. pg-boss's tables hold only job
 * ids and the environment they belong to, never tenant data.
 */
export async function installDeliveryQueue(ownerUrl: string, appRoleIdent: string, db: DataSource): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: SCHEMA, max: 2, supervise: false, schedule: false, migrate: true });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    if (!(await boss.getQueue(DELIVERY_QUEUE))) await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, policy: 'standard' });
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 1000 });
  }
  await db.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${appRoleIdent}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${appRoleIdent}`);
  await db.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${SCHEMA} TO ${appRoleIdent}`);
}

/** pg-boss's statement interface over an open TypeORM transaction, so a job is stored with the change that causes it. */
function inTransaction(manager: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const runner = manager.queryRunner;
      if (!runner?.isTransactionActive) throw new Error('Delivery jobs are enqueued inside the transaction of their notification.');
      const result = await runner.query(text, values, true);
      return { rows: result.records as unknown[] };
    },
  };
}

/**
 * The delivery queue as the API uses it: enqueue inside a tenant transaction (outbox), and — in a
 * process with the worker role — work the jobs. Expiry of jobs whose worker died, and retries of a
 * batch that failed as a whole, are pg-boss's; retries of single notifications are new jobs the
 * delivery service enqueues with their backoff; what a notification's state becomes is the
 * delivery service's.
 */
@Injectable()
export class DeliveryQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryQueue');
  private boss?: PgBoss;
  private starting?: Promise<PgBoss>;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores the jobs for notifications of `environmentId` in the current transaction: one job per
   * BATCH_SIZE notifications with the same start. Returns the number of jobs.
   */
  async enqueue(manager: EntityManager, environmentId: string, requests: DeliveryRequest[]): Promise<number> {
    const jobs: PgBoss.JobInsert<DeliveryJob>[] = [];
    const { attempts, retryDelaySeconds } = this.config.delivery;
    for (const request of requests) {
      for (let first = 0; first < request.notificationIds.length; first += BATCH_SIZE) {
        jobs.push({
          id: randomUUID(),
          name: DELIVERY_QUEUE,
          data: { environmentId, notificationIds: request.notificationIds.slice(first, first + BATCH_SIZE), finalAttempt: request.finalAttempt },
          // A batch that fails as a whole (the database away) is tried again like a single message would be.
          retryLimit: attempts - 1,
          retryDelay: retryDelaySeconds,
          retryBackoff: true,
          // A worker that dies mid-send loses its hold after this long and the job is handed out again.
          expireInSeconds: holdSeconds(this.config.connectorTimeoutMs),
          ...(request.startAfter ? { startAfter: request.startAfter } : {}),
        });
      }
    }
    if (jobs.length === 0) return 0;
    const boss = await this.instance();
    await boss.insert(jobs, { db: inTransaction(manager) } as never);
    return jobs.length;
  }

  /** A new round of attempts for one notification of `environmentId` (a dead or failed one an admin retries). */
  async requeue(manager: EntityManager, environmentId: string, notificationId: string, attemptsSoFar: number): Promise<void> {
    await this.enqueue(manager, environmentId, [{ notificationIds: [notificationId], finalAttempt: attemptsSoFar + this.config.delivery.attempts }]);
  }

  /** The attempt after which a retryable failure of a new notification is final. */
  get finalAttempt(): number {
    return this.config.delivery.attempts;
  }

  /**
   * Starts working jobs with `handler`, one job at a time per loop; a job whose handler throws is
   * failed, so pg-boss hands it out again with backoff; the others complete. One call per process;
   * `delivery.concurrency` loops run at once.
   */
  async work(handler: DeliveryHandler): Promise<void> {
    const boss = await this.instance();
    for (let index = 0; index < this.config.delivery.concurrency; index += 1) this.loops.push(this.loop(boss, handler));
  }

  /**
   * One loop. Not pg-boss's `work()`: it completes or fails a job without awaiting the statement,
   * so a database that is away at that moment (a restart, a failover) ends the process with an
   * unhandled rejection. Here every error is caught and logged and the loop goes on; a job whose
   * outcome could not be stored stays active until pg-boss's expiry hands it out again.
   */
  private async loop(boss: PgBoss, handler: DeliveryHandler): Promise<void> {
    while (this.boss === boss) {
      let fetched = 0;
      try {
        const jobs = await boss.fetch<DeliveryJob>(DELIVERY_QUEUE, { batchSize: 1, includeMetadata: true });
        fetched = jobs.length;
        for (const job of jobs) {
          try {
            await handler({ id: job.id, data: job.data, retryCount: job.retryCount });
          } catch (error) {
            // The whole batch is tried again, with backoff (a notification already sent is not sent twice).
            this.logger.error(`Delivery of job ${job.id} (${job.data.notificationIds?.length ?? 0} notifications) failed: ${(error as Error).message}`);
            await boss.fail(DELIVERY_QUEUE, job.id, { message: (error as Error).message });
            continue;
          }
          await boss.complete(DELIVERY_QUEUE, job.id);
        }
      } catch (error) {
        this.logger.error(`Delivery queue: ${(error as Error).message}`);
      }
      // A job found means more are likely waiting: fetch again at once rather than after the polling interval.
      if (fetched === 0) await new Promise((resolve) => setTimeout(resolve, POLLING_INTERVAL_MS));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    this.starting = undefined;
    // The loops finish the batch in hand (up to 5 s), then the pool closes.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.loops.splice(0)), new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
  }

  private instance(): Promise<PgBoss> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    const options = this.dataSource.options as { url?: string };
    const boss = new PgBoss({
      connectionString: options.url,
      schema: SCHEMA,
      max: Math.max(2, this.config.delivery.concurrency),
      migrate: false,
      supervise: this.config.roles.worker,
      schedule: false,
      maintenanceIntervalSeconds: 30,
      // No state monitoring: its count over the whole job table every interval feeds an event nothing listens to.
    });
    boss.on('error', (error: Error) => this.logger.error(`Delivery queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
    return boss;
  }
}
