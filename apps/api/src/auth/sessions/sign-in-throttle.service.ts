import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TooManyRequestsError } from '../../common/domain-error';

interface Limit {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** Per account: 5 failures in 15 minutes lock that email for 15 minutes. */
const PER_EMAIL: Limit = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
/** Per client address: 20 failures in 15 minutes lock the address for 15 minutes. */
const PER_ADDRESS: Limit = { maxFailures: 20, windowMinutes: 15, lockMinutes: 15 };

/**
 * Sign-in rate limit and temporary lockout, counted in PostgreSQL so the limit holds however many
 * API instances serve the requests. Unknown emails are counted like known ones: the answers never
 * reveal whether an account exists.
 */
@Injectable()
export class SignInThrottleService {
  constructor(private readonly db: DataSource) {}

  keys(realm: string, email: string, address: string | undefined): { emailKey: string; addressKey: string } {
    return { emailKey: `${realm}:email:${email.trim().toLowerCase()}`, addressKey: `${realm}:ip:${address ?? 'unknown'}` };
  }

  /** Throws 429 (with `code`, a key under `api:errors.`) while either key is locked. */
  async assertNotLocked(keys: string[], code = 'tooManySignInAttempts'): Promise<void> {
    const rows: { seconds: number }[] = await this.db.query(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
         FROM sign_in_attempt WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    const seconds = rows[0]?.seconds;
    if (seconds && seconds > 0) throw new TooManyRequestsError(code, seconds, { minutes: Math.ceil(seconds / 60) });
  }

  /** Whether `key` is locked now (for limits that answer the same either way, e.g. password reset requests). */
  async isLocked(key: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM sign_in_attempt WHERE key = $1 AND locked_until > now()`, [key]);
    return rows.length > 0;
  }

  async recordFailure(emailKey: string, addressKey: string): Promise<void> {
    await this.bump(emailKey, PER_EMAIL);
    await this.bump(addressKey, PER_ADDRESS);
  }

  async recordSuccess(emailKey: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_attempt WHERE key = $1`, [emailKey]);
  }

  private async bump(key: string, limit: Limit): Promise<void> {
    await this.db.query(
      `INSERT INTO sign_in_attempt AS a (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE a.failures + 1 END,
         window_started_at = CASE WHEN a.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE a.window_started_at END`,
      [key, limit.windowMinutes],
    );
    await this.db.query(
      `UPDATE sign_in_attempt SET locked_until = now() + make_interval(mins => $3), failures = 0, window_started_at = now()
        WHERE key = $1 AND failures >= $2`,
      [key, limit.maxFailures, limit.lockMinutes],
    );
  }
}
