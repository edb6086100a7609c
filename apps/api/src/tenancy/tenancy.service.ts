import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

interface TenantContext {
  environmentId: string;
  manager: EntityManager;
}

export class TenancyNotSetError extends Error {
  constructor() {
    super('Tenant data was touched outside tenancy.run(): no environment is set for this work.');
  }
}

/**
 * The only place that tells PostgreSQL which environment a transaction belongs to. Row-level
 * security then admits only that environment's rows. The setting is transaction-local
 * (`set_config(…, true)` = SET LOCAL), so it never outlives the transaction on a pooled connection
 * and stays correct behind a transaction-pooling PgBouncer.
 */
@Injectable()
export class TenancyService {
  private readonly context = new AsyncLocalStorage<TenantContext>();

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction scoped to `environmentId`; nested calls for the same environment join it. */
  async run<T>(environmentId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.context.getStore();
    if (current) {
      if (current.environmentId !== environmentId) {
        throw new Error(`Cannot switch environment inside a tenant transaction (${current.environmentId} → ${environmentId}).`);
      }
      return work(current.manager);
    }
    return this.dataSource.transaction((manager) => this.within(manager, environmentId, work));
  }

  /**
   * Scopes an already open transaction to an environment (e.g. sign-up writes platform rows and
   * then each new environment's first tenant rows, all or nothing).
   */
  async within<T>(manager: EntityManager, environmentId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('tenancy.within() needs an open transaction.');
    await manager.query(`SELECT set_config('app.environment_id', $1, true)`, [environmentId]);
    return this.context.run({ environmentId, manager }, () => work(manager));
  }

  /** The current request's tenant transaction; throws when there is none. */
  get manager(): EntityManager {
    const current = this.context.getStore();
    if (!current) throw new TenancyNotSetError();
    return current.manager;
  }

  get environmentId(): string {
    const current = this.context.getStore();
    if (!current) throw new TenancyNotSetError();
    return current.environmentId;
  }
}
