import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from './tenant-table';

/**
 * The customer portal's accounts: a contact who accepted their invitation has a portal user (one
 * per contact, so one per environment: a contact belongs to one environment), and may ask for
 * password reset links, each single-use and valid for at most an hour (random tokens, stored as
 * SHA-256 only). Portal sessions live in http_session under the realm 'portal'.
 */
const TABLES: [string, string][] = [
  [
    'portal_user',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     contact_id uuid NOT NULL,
     password_hash text NOT NULL,
     password_changed_at timestamptz NOT NULL DEFAULT now(),
     profile_completed_at timestamptz,
     profile_skipped_at timestamptz,
     last_sign_in_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, contact_id),
     -- Deleting a contact deletes their portal account (their sessions then no longer load).
     FOREIGN KEY (environment_id, contact_id) REFERENCES contact (environment_id, id) ON DELETE CASCADE`,
  ],
  [
    'portal_password_reset',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
     contact_id uuid NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     used_at timestamptz,
     PRIMARY KEY (environment_id, id),
     UNIQUE (environment_id, token_hash),
     CHECK (expires_at > created_at AND expires_at <= created_at + interval '60 minutes'),
     FOREIGN KEY (environment_id, contact_id) REFERENCES portal_user (environment_id, contact_id) ON DELETE CASCADE`,
  ],
];

export class CreatePortalUsers1764000007000 implements MigrationInterface {
  name = 'CreatePortalUsers1764000007000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, columns] of TABLES) {
      await db.query(`CREATE TABLE ${table} (${columns})`);
      for (const statement of tenantTableSecurity(table)) await db.query(statement);
    }
    await db.query(`CREATE INDEX portal_password_reset_contact_idx ON portal_password_reset (environment_id, contact_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE portal_password_reset, portal_user`);
  }
}
