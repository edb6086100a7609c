import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSecurity } from './tenant-table';

/**
 * One row per reminder run of an environment: `utc:2026-11-25` for the daily run at a UTC time, or
 * `local:Europe/Berlin:2026-11-25` for the run at a local time in one service-location zone. The
 * primary key is what makes a run happen once, however many API instances run the schedule.
 */
export class CreateReminderRun1764000005100 implements MigrationInterface {
  name = 'CreateReminderRun1764000005100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reminder_run (
        environment_id uuid NOT NULL REFERENCES environment (id),
        run_key text NOT NULL CHECK (length(run_key) BETWEEN 1 AND 120),
        enqueued integer NOT NULL DEFAULT 0 CHECK (enqueued >= 0),
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (environment_id, run_key)
      )`);
    for (const statement of tenantTableSecurity('reminder_run')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reminder_run`);
  }
}
