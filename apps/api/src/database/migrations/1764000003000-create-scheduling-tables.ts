import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from './tenant-table';

/**
 * Customers, technicians, service types, work orders and bookings. Every table is keyed by
 * (environment_id, id) and every reference includes environment_id, so a row can never point into
 * another environment — and environment_id can serve as the distribution column when one
 * PostgreSQL is not enough.
 */
const ADDRESS = `
  address_line1 text NOT NULL CHECK (length(address_line1) BETWEEN 1 AND 200),
  address_line2 text CHECK (length(address_line2) <= 200),
  city text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  region text CHECK (length(region) <= 100),
  postal_code text CHECK (length(postal_code) <= 20),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64)`;

const ROW = `
  environment_id uuid NOT NULL REFERENCES environment (id),
  id uuid NOT NULL DEFAULT gen_random_uuid()`;

const STAMPS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

const EXTERNAL_KEY = `external_key text CHECK (length(external_key) BETWEEN 1 AND 100)`;

const TABLES: [string, string][] = [
  [
    'skill',
    `${ROW}, ${EXTERNAL_KEY},
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id)`,
  ],
  [
    'account',
    `${ROW}, ${EXTERNAL_KEY},
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     email text CHECK (length(email) <= 254),
     phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
     ${ADDRESS},
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id)`,
  ],
  [
    'contact',
    `${ROW}, ${EXTERNAL_KEY},
     account_id uuid NOT NULL,
     first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
     last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
     email text CHECK (length(email) BETWEEN 3 AND 254),
     phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
     language text CHECK (language IN ('en', 'de', 'fr', 'es')),
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, account_id) REFERENCES account (environment_id, id)`,
  ],
  [
    'functional_location',
    `${ROW}, ${EXTERNAL_KEY},
     account_id uuid NOT NULL,
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     ${ADDRESS},
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, account_id) REFERENCES account (environment_id, id)`,
  ],
  [
    'asset',
    `${ROW}, ${EXTERNAL_KEY},
     account_id uuid NOT NULL,
     functional_location_id uuid,
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     serial_number text CHECK (length(serial_number) <= 100),
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, account_id) REFERENCES account (environment_id, id),
     FOREIGN KEY (environment_id, functional_location_id) REFERENCES functional_location (environment_id, id)`,
  ],
  [
    'resource',
    `${ROW}, ${EXTERNAL_KEY},
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     email text CHECK (length(email) <= 254),
     phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
     home_lat double precision NOT NULL CHECK (home_lat BETWEEN -90 AND 90),
     home_lng double precision NOT NULL CHECK (home_lng BETWEEN -180 AND 180),
     time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id)`,
  ],
  [
    'resource_skill',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     resource_id uuid NOT NULL,
     skill_id uuid NOT NULL,
     proficiency smallint NOT NULL CHECK (proficiency BETWEEN 1 AND 5),
     PRIMARY KEY (environment_id, resource_id, skill_id),
     FOREIGN KEY (environment_id, resource_id) REFERENCES resource (environment_id, id) ON DELETE CASCADE,
     FOREIGN KEY (environment_id, skill_id) REFERENCES skill (environment_id, id)`,
  ],
  [
    'work_hours',
    `${ROW},
     resource_id uuid NOT NULL,
     weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
     start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
     end_minute smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
     CHECK (start_minute < end_minute),
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, resource_id) REFERENCES resource (environment_id, id) ON DELETE CASCADE,
     EXCLUDE USING gist (environment_id WITH =, resource_id WITH =, weekday WITH =, int4range(start_minute, end_minute) WITH &&)`,
  ],
  [
    'time_off',
    `${ROW},
     resource_id uuid NOT NULL,
     starts_at timestamptz NOT NULL,
     ends_at timestamptz NOT NULL,
     reason text CHECK (length(reason) <= 200),
     CHECK (starts_at < ends_at),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, resource_id) REFERENCES resource (environment_id, id) ON DELETE CASCADE`,
  ],
  [
    'incident_type',
    `${ROW}, ${EXTERNAL_KEY},
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     description text CHECK (length(description) <= 2000),
     duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
     portal_enabled boolean NOT NULL DEFAULT false,
     display_names jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(display_names) = 'object'),
     active boolean NOT NULL DEFAULT true, ${STAMPS},
     PRIMARY KEY (environment_id, id)`,
  ],
  [
    'incident_type_skill',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     incident_type_id uuid NOT NULL,
     skill_id uuid NOT NULL,
     min_proficiency smallint NOT NULL CHECK (min_proficiency BETWEEN 1 AND 5),
     PRIMARY KEY (environment_id, incident_type_id, skill_id),
     FOREIGN KEY (environment_id, incident_type_id) REFERENCES incident_type (environment_id, id) ON DELETE CASCADE,
     FOREIGN KEY (environment_id, skill_id) REFERENCES skill (environment_id, id)`,
  ],
  [
    'work_order',
    `${ROW},
     reference text NOT NULL CHECK (reference ~ '^WO-[0-9A-Z]{8}$'),
     account_id uuid NOT NULL,
     reported_by_contact_id uuid,
     incident_type_id uuid NOT NULL,
     asset_id uuid,
     functional_location_id uuid,
     ${ADDRESS},
     status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'completed', 'canceled')),
     ${STAMPS},
     PRIMARY KEY (environment_id, id),
     UNIQUE (environment_id, reference),
     FOREIGN KEY (environment_id, account_id) REFERENCES account (environment_id, id),
     FOREIGN KEY (environment_id, reported_by_contact_id) REFERENCES contact (environment_id, id),
     FOREIGN KEY (environment_id, incident_type_id) REFERENCES incident_type (environment_id, id),
     FOREIGN KEY (environment_id, asset_id) REFERENCES asset (environment_id, id),
     FOREIGN KEY (environment_id, functional_location_id) REFERENCES functional_location (environment_id, id)`,
  ],
  [
    'booking',
    `${ROW},
     work_order_id uuid NOT NULL,
     resource_id uuid NOT NULL,
     starts_at timestamptz NOT NULL,
     ends_at timestamptz NOT NULL,
     status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'traveling', 'in_progress', 'completed', 'canceled')),
     source text NOT NULL CHECK (source IN ('portal', 'office')),
     cancel_reason text CHECK (length(cancel_reason) <= 500),
     ${STAMPS},
     CHECK (starts_at < ends_at),
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, work_order_id) REFERENCES work_order (environment_id, id),
     FOREIGN KEY (environment_id, resource_id) REFERENCES resource (environment_id, id),
     CONSTRAINT booking_no_overlap EXCLUDE USING gist (
       environment_id WITH =, resource_id WITH =, tstzrange(starts_at, ends_at) WITH &&
     ) WHERE (status IN ('scheduled', 'traveling', 'in_progress'))`,
  ],
  [
    'booking_note',
    `${ROW},
     booking_id uuid NOT NULL,
     author_kind text NOT NULL CHECK (author_kind IN ('contact', 'admin', 'system')),
     author_id uuid,
     text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, id),
     FOREIGN KEY (environment_id, booking_id) REFERENCES booking (environment_id, id)`,
  ],
  [
    'outbox_event',
    `${ROW},
     type text NOT NULL CHECK (length(type) <= 100),
     aggregate_id uuid NOT NULL,
     payload jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     processed_at timestamptz,
     PRIMARY KEY (environment_id, id)`,
  ],
  [
    'idempotency_record',
    `environment_id uuid NOT NULL REFERENCES environment (id),
     scope text NOT NULL CHECK (length(scope) <= 100),
     key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
     request_hash text NOT NULL,
     status_code integer NOT NULL,
     response jsonb NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (environment_id, scope, key)`,
  ],
];

const INDEXES = [
  `CREATE UNIQUE INDEX skill_name_key ON skill (environment_id, lower(name))`,
  `CREATE UNIQUE INDEX contact_email_key ON contact (environment_id, lower(email)) WHERE email IS NOT NULL`,
  ...['skill', 'account', 'contact', 'functional_location', 'asset', 'resource', 'incident_type'].map(
    (table) => `CREATE UNIQUE INDEX ${table}_external_key ON ${table} (environment_id, external_key) WHERE external_key IS NOT NULL`,
  ),
  `CREATE INDEX account_name_idx ON account (environment_id, lower(name))`,
  `CREATE INDEX contact_account_idx ON contact (environment_id, account_id)`,
  `CREATE INDEX functional_location_account_idx ON functional_location (environment_id, account_id)`,
  `CREATE INDEX asset_account_idx ON asset (environment_id, account_id)`,
  `CREATE INDEX resource_skill_skill_idx ON resource_skill (environment_id, skill_id)`,
  `CREATE INDEX time_off_resource_idx ON time_off (environment_id, resource_id, starts_at)`,
  `CREATE INDEX work_order_account_idx ON work_order (environment_id, account_id)`,
  `CREATE INDEX booking_resource_time_idx ON booking (environment_id, resource_id, starts_at)`,
  `CREATE INDEX booking_work_order_idx ON booking (environment_id, work_order_id)`,
  `CREATE INDEX booking_note_booking_idx ON booking_note (environment_id, booking_id, created_at)`,
  `CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE processed_at IS NULL`,
];

export class CreateSchedulingTables1764000003000 implements MigrationInterface {
  name = 'CreateSchedulingTables1764000003000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, columns] of TABLES) {
      await db.query(`CREATE TABLE ${table} (${columns})`);
      for (const statement of tenantTableSecurity(table)) await db.query(statement);
    }
    for (const statement of INDEXES) await db.query(statement);
    await db.query(`
      ALTER TABLE portal_settings
        ADD COLUMN min_lead_days integer NOT NULL DEFAULT 1 CHECK (min_lead_days BETWEEN 0 AND 365),
        ADD COLUMN max_lead_days integer NOT NULL DEFAULT 60 CHECK (max_lead_days BETWEEN 1 AND 365),
        ADD COLUMN asset_selection_enabled boolean NOT NULL DEFAULT true,
        ADD COLUMN additional_details_enabled boolean NOT NULL DEFAULT true,
        ADD COLUMN travel_radius_km integer NOT NULL DEFAULT 0 CHECK (travel_radius_km BETWEEN 0 AND 20000),
        ADD COLUMN travel_buffer_minutes integer NOT NULL DEFAULT 30 CHECK (travel_buffer_minutes BETWEEN 0 AND 480),
        ADD COLUMN slot_granularity_minutes integer NOT NULL DEFAULT 30 CHECK (slot_granularity_minutes IN (5, 10, 15, 20, 30, 60, 120)),
        ADD COLUMN reschedule_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (reschedule_cutoff_hours BETWEEN 0 AND 720),
        ADD COLUMN cancel_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours BETWEEN 0 AND 720),
        ADD CONSTRAINT portal_settings_lead_order CHECK (min_lead_days < max_lead_days)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE portal_settings
        DROP CONSTRAINT portal_settings_lead_order,
        DROP COLUMN min_lead_days, DROP COLUMN max_lead_days, DROP COLUMN asset_selection_enabled,
        DROP COLUMN additional_details_enabled, DROP COLUMN travel_radius_km, DROP COLUMN travel_buffer_minutes,
        DROP COLUMN slot_granularity_minutes, DROP COLUMN reschedule_cutoff_hours, DROP COLUMN cancel_cutoff_hours`);
    for (const [table] of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
