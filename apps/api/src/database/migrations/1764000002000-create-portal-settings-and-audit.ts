import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from './tenant-table';

/** The first tenant tables: each environment's portal settings and its audit trail. */
export class CreatePortalSettingsAndAudit1764000002000 implements MigrationInterface {
  name = 'CreatePortalSettingsAndAudit1764000002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE portal_settings (
        environment_id uuid PRIMARY KEY REFERENCES environment (id),
        portal_name text NOT NULL CHECK (length(portal_name) BETWEEN 1 AND 120),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const statement of tenantTableSecurity('portal_settings')) await db.query(statement);

    await db.query(`
      CREATE TABLE audit_event (
        environment_id uuid NOT NULL REFERENCES environment (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        actor_admin_user_id uuid REFERENCES admin_user (id),
        action text NOT NULL CHECK (length(action) <= 100),
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (environment_id, id)
      )`);
    await db.query(`CREATE INDEX audit_event_created_idx ON audit_event (environment_id, created_at DESC)`);
    for (const statement of tenantTableSecurity('audit_event')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event, portal_settings`);
  }
}
