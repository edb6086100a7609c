import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { BadRequestError, DomainError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';

const KEY = /^[A-Za-z0-9_.:-]{1,255}$/;

export class IdempotencyMismatchError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor() {
    super('idempotencyKeyReused');
  }
}

export interface IdempotentResult<T> {
  body: T;
  replayed: boolean;
}

/**
 * `Idempotency-Key`: the first request with a key runs and its response is stored in the same
 * transaction as its effect; a retry with the same key and body gets that response again without
 * running; the same key with another body is refused (422). Concurrent requests with one key wait
 * for each other. Records are kept at least 24 hours.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly tenancy: TenancyService) {}

  async run<T>(scope: string, key: string | undefined, request: unknown, work: () => Promise<T>): Promise<IdempotentResult<T>> {
    if (key === undefined) return { body: await work(), replayed: false };
    if (!KEY.test(key)) throw new BadRequestError('invalidIdempotencyKey');
    const manager = this.tenancy.manager;
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${this.tenancy.environmentId}:${scope}:${key}`]);
    const stored: { request_hash: string; response: T }[] = await manager.query(
      `SELECT request_hash, response FROM idempotency_record WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (stored[0]) {
      if (stored[0].request_hash !== hash) throw new IdempotencyMismatchError();
      return { body: stored[0].response, replayed: true };
    }
    const body = await work();
    await manager.query(
      `INSERT INTO idempotency_record (environment_id, scope, key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, 201, $5)`,
      [this.tenancy.environmentId, scope, key, hash, JSON.stringify(body)],
    );
    if (Math.random() < 0.01) await manager.query(`DELETE FROM idempotency_record WHERE created_at < now() - interval '48 hours'`);
    return { body, replayed: false };
  }
}
