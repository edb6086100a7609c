import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The pg-boss queue that carries one job per notification; the job's id is the notification's id. */
export const DELIVERY_QUEUE = 'notification-delivery';
const SCHEMA = 'pgboss';
/** Jobs taken at once by one worker loop: claimed and recorded in one transaction each (per environment). */
const BATCH_SIZE = 100;

export interface DeliveryJob {
  environmentId: string;
  notificationId: string;
}

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
        expireInSeconds: Math.max(60, Math.ceil((this.config.connectorTimeoutMs * 3) / 1000)),
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
  async work(handler: (jobs: PgBoss.JobWithMetadata<DeliveryJob>[]) => Promise<{ id: string; error: string }[]>): Promise<void> {
    const boss = await this.instance();
    const { concurrency } = this.config.delivery;
    for (let index = 0; index < concurrency; index += 1) {
      const worker: { id?: string } = {};
      worker.id = await boss.work<DeliveryJob>(DELIVERY_QUEUE, { includeMetadata: true, batchSize: BATCH_SIZE, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        const retries = await handler(jobs);
        for (const retry of retries) await boss.fail(DELIVERY_QUEUE, retry.id, { message: retry.error });
        // A full batch means more are likely waiting: fetch again at once rather than after the polling interval.
        if (jobs.length === BATCH_SIZE && worker.id) boss.notifyWorker(worker.id);
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    this.starting = undefined;
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
      monitorStateIntervalSeconds: 60,
    });
    boss.on('error', (error: Error) => this.logger.error(`Delivery queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
    return boss;
  }
}
