import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions, sign-in throttling and admin invitations: kept in PostgreSQL so any API instance serves any request. */
export class CreateAuthTables1764000001000 implements MigrationInterface {
  name = 'CreateAuthTables1764000001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE http_session (
        sid text PRIMARY KEY,
        realm text NOT NULL CHECK (realm IN ('admin', 'portal')),
        data jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX http_session_expires_idx ON http_session (expires_at)`);
    await db.query(`
      CREATE TABLE sign_in_attempt (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);
    await db.query(`
      CREATE TABLE admin_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'dispatcher')),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES admin_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX admin_invitation_organization_idx ON admin_invitation (organization_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE admin_invitation, sign_in_attempt, http_session`);
  }
}
