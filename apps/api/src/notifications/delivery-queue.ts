import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The pg-boss queue that carries one job per notification; the job's id is the notification's id. */
export const DELIVERY_QUEUE = 'notification-delivery';
const SCHEMA = 'pgboss';
/** Jobs taken at once by one worker loop: claimed and recorded in one transaction each (per environment). */
const BATCH_SIZE = 250;
/** Sends of one batch in flight at once. */
export const SENDS_AT_ONCE = 25;
/** How long a batch's outcomes wait for the database to come back before its jobs are left to expire. */
export const RECORD_PATIENCE_MS = 30_000;

/**
 * How long a worker holds a job before pg-boss hands it to another: longer than the slowest batch
 * can take — every round of sends at the connector timeout, plus claiming, recording and waiting
 * out a database restart — so a slow provider never makes two workers send the same message.
 */
export function holdSeconds(connectorTimeoutMs: number): number {
  const rounds = Math.ceil(BATCH_SIZE / SENDS_AT_ONCE);
  return Math.ceil((rounds * connectorTimeoutMs + RECORD_PATIENCE_MS) / 1000) + 30;
}
/** How long a worker loop that found less than a full batch waits before it asks again. */
const POLLING_INTERVAL_MS = 500;

export interface DeliveryJob {
  environmentId: string;
  notificationId: string;
}

/** Delivers a batch; returns the jobs to try again. */
type DeliveryHandler = (jobs: PgBoss.JobWithMetadata<DeliveryJob>[]) => Promise<{ id: string; error: string }[]>;

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
 * process with the worker role — work the jobs. Retries, backoff and expiry of jobs whose worker
 * died are pg-boss's; what a notification's state becomes is the delivery service's.
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

  /** Stores delivery jobs in the current transaction. A job whose notification already has one is dropped (same id). */
  async enqueue(manager: EntityManager, jobs: { notificationId: string; environmentId: string; startAfter?: Date }[]): Promise<void> {
    if (jobs.length === 0) return;
    const boss = await this.instance();
    const { attempts, retryDelaySeconds } = this.config.delivery;
    await boss.insert(
      jobs.map((job) => ({
        id: job.notificationId,
        name: DELIVERY_QUEUE,
        data: { environmentId: job.environmentId, notificationId: job.notificationId } satisfies DeliveryJob,
        retryLimit: attempts - 1,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
        // A worker that dies mid-send loses its hold after this long and the job is tried again.
        expireInSeconds: holdSeconds(this.config.connectorTimeoutMs),
        ...(job.startAfter ? { startAfter: job.startAfter } : {}),
      })),
      { db: inTransaction(manager) } as never,
    );
  }

  /** Puts a finished job back for one more attempt (retry of a dead notification). */
  async requeue(manager: EntityManager, job: DeliveryJob): Promise<void> {
    await manager.query(`DELETE FROM ${SCHEMA}.job WHERE name = $1 AND id = $2`, [DELIVERY_QUEUE, job.notificationId]);
    await manager.query(`DELETE FROM ${SCHEMA}.archive WHERE name = $1 AND id = $2`, [DELIVERY_QUEUE, job.notificationId]);
    await this.enqueue(manager, [job]);
  }

  /**
   * Starts working jobs in batches with `handler`, which returns the jobs to try again (they are
   * failed, so pg-boss schedules the next attempt with backoff); the others complete. One call per
   * process; `delivery.concurrency` batches run at once.
   */
  async work(handler: DeliveryHandler): Promise<void> {
    const boss = await this.instance();
    for (let index = 0; index < this.config.delivery.concurrency; index += 1) this.loops.push(this.loop(boss, handler));
  }

  /**
   * One batch loop. Not pg-boss's `work()`: it completes or fails a batch without awaiting the
   * statement, so a database that is away at that moment (a restart, a failover) ends the process
   * with an unhandled rejection. Here every error is caught and logged and the loop goes on; a job
   * whose outcome could not be stored stays active until pg-boss's expiry hands it out again.
   */
  private async loop(boss: PgBoss, handler: DeliveryHandler): Promise<void> {
    while (this.boss === boss) {
      let fetched = 0;
      try {
        const jobs = await boss.fetch<DeliveryJob>(DELIVERY_QUEUE, { batchSize: BATCH_SIZE, includeMetadata: true });
        fetched = jobs.length;
        if (jobs.length > 0) {
          let retries: { id: string; error: string }[];
          try {
            retries = await handler(jobs);
          } catch (error) {
            // The whole batch is tried again, with backoff (a notification already sent is not sent twice).
            this.logger.error(`Delivery of ${jobs.length} jobs failed: ${(error as Error).message}`);
            await boss.fail(DELIVERY_QUEUE, jobs.map((job) => job.id));
            continue;
          }
          for (const retry of retries) await boss.fail(DELIVERY_QUEUE, retry.id, { message: retry.error });
          const retried = new Set(retries.map((retry) => retry.id));
          const done = jobs.filter((job) => !retried.has(job.id)).map((job) => job.id);
          if (done.length > 0) await boss.complete(DELIVERY_QUEUE, done);
        }
      } catch (error) {
        this.logger.error(`Delivery queue: ${(error as Error).message}`);
      }
      // A full batch means more are likely waiting: fetch again at once rather than after the polling interval.
      if (fetched < BATCH_SIZE) await new Promise((resolve) => setTimeout(resolve, POLLING_INTERVAL_MS));
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
