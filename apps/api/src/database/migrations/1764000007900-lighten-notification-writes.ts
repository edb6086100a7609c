import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification is written three times on its way out (queued, sending, sent). Each write that
 * changes an indexed column adds an entry to every index of the table; one that changes none can
 * stay on its page without touching an index (a HOT update), if the page has room.
 *
 * - notification_unfinished_idx indexed `state`, so every state change rewrote all seven indexes.
 *   No statement of the API needs it: delivery finds its notifications by id (primary key), the
 *   log by creation time, booking or contact. It goes, and claiming a notification (queued →
 *   sending) no longer changes an indexed column.
 * - Pages are filled to 50 % on insert, leaving room for those updates on the same page.
 */
export class LightenNotificationWrites1764000007900 implements MigrationInterface {
  name = 'LightenNotificationWrites1764000007900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_unfinished_idx`);
    await db.query(`ALTER TABLE notification SET (fillfactor = 50)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notification RESET (fillfactor)`);
    await db.query(`CREATE INDEX notification_unfinished_idx ON notification (environment_id, state) WHERE state IN ('queued', 'sending')`);
  }
}
