import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from './tenant-table';

/**
 * What customers hear and how: each environment's message settings, the accounts and service
 * types it keeps silent, its content snippets, branding and template overrides; the notification
 * log (one row per message, written in the transaction of the change that causes it); booking
 * codes and portal invitations (random tokens, stored as SHA-256 only).
 *
 * An environment without a message_settings row uses the defaults below, so no row has to be
 * written for environments that existed before this migration.
 */
const MESSAGE_TYPE = `'invite', 'confirmed', 'reminder', 'rescheduled', 'canceled', 'completed', 'password_reset'`;
const LANGUAGE = `'en', 'de', 'fr', 'es'`;

const TABLES: [string, string][] = [
  [
    'message_settings',
    `environment_id uuid PRIMARY KEY REFERENCES environment (id),
     invite_enabled boolean NOT NULL DEFAULT true,
     confirmed_enabled boolean NOT NULL DEFAULT true,
     reminder_enabled boolean NOT NULL DEFAULT true,
     rescheduled_enabled boolean NOT NULL DEFAULT true,
     canceled_enabled boolean NOT NULL DEFAULT true,
     completed_enabled boolean NOT NULL DEFAULT true,
     channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'both')),
     reminder_lead_days smallint[] NOT NULL DEFAULT '{1}' CHECK (reminder_lead_days <@ '{1,2,3,4,5,6,7}'::smallint[]),
     reminder_timing text NOT NULL DEFAULT 'utc' CHECK (reminder_timing IN ('utc', 'local')),
     reminder_time time NOT NULL DEFAULT '10:00',
     sms_quiet_start time,
     sms_quiet_end time,
     sms_fallback_to_email boolean NOT NULL DEFAULT true,
     updated_at timestamptz NOT NULL DEFAULT now(),
     CHECK ((sms_quiet_start IS NULL) = (sms_quiet_end IS NULL))`,
  ],
  [
    'message_exclusion',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     account_id uuid,
     incident_type_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, id),
     CHECK ((account_id IS NULL) <> (incident_type_id IS NULL)),
     -- An exclusion goes with what it excludes.
     FOREIGN KEY (environment_id, account_id) REFERENCES account (environment_id, id) ON DELETE CASCADE,
     FOREIGN KEY (environment_id, incident_type_id) REFERENCES incident_type (environment_id, id) ON DELETE CASCADE`,
  ],
  [
    'content_snippet',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
     language text NOT NULL CHECK (language IN (${LANGUAGE})),
     text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, key, language)`,
  ],
  [
    'message_template_override',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     type text NOT NULL CHECK (type IN (${MESSAGE_TYPE})),
     language text NOT NULL CHECK (language IN (${LANGUAGE})),
     subject text CHECK (length(subject) BETWEEN 1 AND 200),
     intro text CHECK (length(intro) BETWEEN 1 AND 2000),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, type, language),
     CHECK (subject IS NOT NULL OR intro IS NOT NULL)`,
  ],
  [
    'notification',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
     type text NOT NULL CHECK (type IN (${MESSAGE_TYPE})),
     channel text NOT NULL CHECK (channel IN ('email', 'sms')),
     contact_id uuid NOT NULL,
     booking_id uuid,
     recipient text CHECK (length(recipient) <= 320),
     language text NOT NULL CHECK (language IN (${LANGUAGE})),
     context jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(context) = 'object'),
     state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'skipped')),
     attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
     connector_id text,
     provider_message_id text CHECK (length(provider_message_id) <= 300),
     last_error text CHECK (length(last_error) <= 2000),
     skip_reason text CHECK (length(skip_reason) <= 100),
     content jsonb,
     fallback_of_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     sent_at timestamptz,
     delivered_at timestamptz,
     PRIMARY KEY (environment_id, id),
     UNIQUE (environment_id, dedupe_key),
     -- Deleting a contact deletes what was sent to them (the log, their codes and invitations).
     FOREIGN KEY (environment_id, contact_id) REFERENCES contact (environment_id, id) ON DELETE CASCADE,
     FOREIGN KEY (environment_id, booking_id) REFERENCES booking (environment_id, id),
     FOREIGN KEY (environment_id, fallback_of_id) REFERENCES notification (environment_id, id) ON DELETE CASCADE`,
  ],
  [
    'booking_code',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
     booking_id uuid NOT NULL,
     contact_id uuid NOT NULL,
     notification_id uuid,
     expires_at timestamptz NOT NULL,
     expiry_set_by_admin boolean NOT NULL DEFAULT false,
     state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'expired', 'blocked')),
     last_used_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, id),
     UNIQUE (environment_id, token_hash),
     FOREIGN KEY (environment_id, booking_id) REFERENCES booking (environment_id, id),
     FOREIGN KEY (environment_id, contact_id) REFERENCES contact (environment_id, id) ON DELETE CASCADE,
     FOREIGN KEY (environment_id, notification_id) REFERENCES notification (environment_id, id) ON DELETE CASCADE`,
  ],
  [
    'contact_invitation',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
     contact_id uuid NOT NULL,
     notification_id uuid,
     expires_at timestamptz NOT NULL,
     accepted_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, id),
     UNIQUE (environment_id, token_hash),
     FOREIGN KEY (environment_id, contact_id) REFERENCES contact (environment_id, id) ON DELETE CASCADE,
     FOREIGN KEY (environment_id, notification_id) REFERENCES notification (environment_id, id) ON DELETE CASCADE`,
  ],
];

const INDEXES = [
  `CREATE UNIQUE INDEX message_exclusion_account_key ON message_exclusion (environment_id, account_id) WHERE account_id IS NOT NULL`,
  `CREATE UNIQUE INDEX message_exclusion_incident_type_key ON message_exclusion (environment_id, incident_type_id) WHERE incident_type_id IS NOT NULL`,
  `CREATE INDEX notification_newest_idx ON notification (environment_id, created_at DESC, id DESC)`,
  `CREATE INDEX notification_booking_idx ON notification (environment_id, booking_id) WHERE booking_id IS NOT NULL`,
  `CREATE INDEX notification_contact_idx ON notification (environment_id, contact_id)`,
  `CREATE INDEX notification_provider_idx ON notification (environment_id, provider_message_id) WHERE provider_message_id IS NOT NULL`,
  `CREATE INDEX notification_unfinished_idx ON notification (environment_id, state) WHERE state IN ('queued', 'sending')`,
  `CREATE INDEX booking_code_booking_idx ON booking_code (environment_id, booking_id)`,
  `CREATE INDEX contact_invitation_contact_idx ON contact_invitation (environment_id, contact_id)`,
];

export class CreateNotificationTables1764000005000 implements MigrationInterface {
  name = 'CreateNotificationTables1764000005000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, columns] of TABLES) {
      await db.query(`CREATE TABLE ${table} (${columns})`);
      for (const statement of tenantTableSecurity(table)) await db.query(statement);
    }
    for (const statement of INDEXES) await db.query(statement);
    // Each reschedule raises the calendar invitation's SEQUENCE so calendars replace the old time.
    await db.query(`ALTER TABLE booking ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0 CHECK (calendar_sequence >= 0)`);
    // Branding shown on the portal and in every message.
    await db.query(`
      ALTER TABLE portal_settings
        ADD COLUMN brand_primary_color text NOT NULL DEFAULT '#1d4ed8' CHECK (brand_primary_color ~ '^#[0-9a-f]{6}$'),
        ADD COLUMN brand_accent_color text NOT NULL DEFAULT '#0f766e' CHECK (brand_accent_color ~ '^#[0-9a-f]{6}$'),
        ADD COLUMN brand_font text NOT NULL DEFAULT 'system' CHECK (brand_font IN ('system', 'serif', 'rounded', 'mono')),
        ADD COLUMN brand_logo_url text CHECK (brand_logo_url ~ '^https://' AND length(brand_logo_url) <= 2000),
        ADD COLUMN brand_header_image_url text CHECK (brand_header_image_url ~ '^https://' AND length(brand_header_image_url) <= 2000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE portal_settings
        DROP COLUMN brand_primary_color, DROP COLUMN brand_accent_color, DROP COLUMN brand_font,
        DROP COLUMN brand_logo_url, DROP COLUMN brand_header_image_url`);
    await db.query(`ALTER TABLE booking DROP COLUMN calendar_sequence`);
    for (const [table] of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
