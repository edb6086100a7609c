import { SessionData, Store } from 'express-session';
import { DataSource } from 'typeorm';

export type SessionRealm = 'admin' | 'portal';

/**
 * express-session store on the `http_session` table, so any API instance can serve any request.
 * Each realm (admin, portal) reads only its own rows: a session id of one realm is unknown to the other.
 */
export class PgSessionStore extends Store {
  constructor(
    private readonly db: DataSource,
    private readonly realm: SessionRealm,
    private readonly idleMs: number,
  ) {
    super();
  }

  private expiry(session: SessionData): Date {
    const cookieExpiry = session.cookie?.expires ? new Date(session.cookie.expires) : undefined;
    return cookieExpiry && !Number.isNaN(cookieExpiry.getTime()) ? cookieExpiry : new Date(Date.now() + this.idleMs);
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.db
      .query(`SELECT data FROM http_session WHERE sid = $1 AND realm = $2 AND expires_at > now()`, [sid, this.realm])
      .then((rows: { data: SessionData }[]) => callback(null, rows[0]?.data ?? null), callback);
  }

  override set(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    this.db
      .query(
        `INSERT INTO http_session (sid, realm, data, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at
         WHERE http_session.realm = EXCLUDED.realm`,
        [sid, this.realm, JSON.stringify(session), this.expiry(session)],
      )
      .then(() => this.maybePurge())
      .then(() => callback?.(), (error) => callback?.(error));
  }

  override touch(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    this.db
      .query(`UPDATE http_session SET expires_at = $3 WHERE sid = $1 AND realm = $2`, [sid, this.realm, this.expiry(session)])
      .then(() => callback?.(), (error) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.db
      .query(`DELETE FROM http_session WHERE sid = $1 AND realm = $2`, [sid, this.realm])
      .then(() => callback?.(), (error) => callback?.(error));
  }

  /** Expired rows are removed now and then, by whichever instance happens to write. */
  private async maybePurge(): Promise<void> {
    if (Math.random() < 0.02) await this.db.query(`DELETE FROM http_session WHERE expires_at < now()`);
  }
}
