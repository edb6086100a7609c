import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, their environments, admin users and memberships: platform data, no tenant rows. */
export class CreatePlatformTables1764000000000 implements MigrationInterface {
  name = 'CreatePlatformTables1764000000000';

  async up(db: QueryRunner): Promise<void> {
    // Needed by the booking exclusion constraint (one technician, no overlapping bookings).
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE environment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id),
        kind text NOT NULL CHECK (kind IN ('production', 'sandbox')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, kind)
      )`);
    await db.query(`
      CREATE TABLE admin_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        language text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX admin_user_email_key ON admin_user (lower(email))`);
    await db.query(`
      CREATE TABLE membership (
        organization_id uuid NOT NULL REFERENCES organization (id),
        admin_user_id uuid NOT NULL REFERENCES admin_user (id),
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'dispatcher')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, admin_user_id)
      )`);
    await db.query(`CREATE INDEX membership_admin_user_idx ON membership (admin_user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE membership, admin_user, environment, organization`);
  }
}
