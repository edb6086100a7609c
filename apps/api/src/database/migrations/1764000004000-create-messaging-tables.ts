import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from './tenant-table';

/**
 * Messaging connectors per environment — one per channel, its settings in the clear and its
 * credentials as an AES-256-GCM envelope (see messaging/secret-box.ts) — and the development
 * mailbox, where the mailbox connectors keep what they "send".
 */
export class CreateMessagingTables1764000004000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE environment_connector (
        environment_id uuid NOT NULL REFERENCES environment (id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        connector_id text NOT NULL CHECK (connector_id ~ '^[a-z][a-z0-9-]{1,39}$'),
        config jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
        secrets_ciphertext bytea NOT NULL,
        secrets_iv bytea NOT NULL CHECK (length(secrets_iv) = 12),
        secrets_auth_tag bytea NOT NULL CHECK (length(secrets_auth_tag) = 16),
        secrets_wrapped_key bytea NOT NULL CHECK (length(secrets_wrapped_key) = 60),
        secrets_key_id text NOT NULL CHECK (secrets_key_id ~ '^[0-9a-f]{8}$'),
        updated_by_admin_user_id uuid REFERENCES admin_user (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (environment_id, channel)
      )`);
    for (const statement of tenantTableSecurity('environment_connector')) await db.query(statement);

    await db.query(`
      CREATE TABLE mailbox_message (
        environment_id uuid NOT NULL REFERENCES environment (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
        sender text CHECK (length(sender) <= 320),
        sender_name text CHECK (length(sender_name) <= 200),
        reply_to text CHECK (length(reply_to) <= 320),
        subject text CHECK (length(subject) <= 1000),
        text text NOT NULL,
        html text,
        attachments jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attachments) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (environment_id, id),
        CHECK (channel = 'email' OR (subject IS NULL AND html IS NULL AND attachments = '[]'::jsonb))
      )`);
    await db.query(`CREATE INDEX mailbox_message_newest_idx ON mailbox_message (environment_id, created_at DESC, id DESC)`);
    for (const statement of tenantTableSecurity('mailbox_message')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mailbox_message, environment_connector`);
  }
}
