import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message the delivery worker hands to the mailbox is the content its notification already
 * keeps: the mailbox row names the notification and the mailbox reads text, HTML and attachments
 * from there, rather than the same kilobytes being stored twice. Rows stored any other way (a
 * connector test send, a message a connector changed on its way) keep their content themselves.
 *
 * A notification that goes (its contact is deleted) hands its content to the mailbox rows naming
 * it first, so the mailbox shows what it showed before.
 */
export class MailboxContentByReference1764000008000 implements MigrationInterface {
  name = 'MailboxContentByReference1764000008000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE mailbox_message
        ADD COLUMN notification_id uuid,
        ALTER COLUMN text DROP NOT NULL,
        ALTER COLUMN attachments DROP NOT NULL,
        ADD CONSTRAINT mailbox_message_content_check CHECK (
          (notification_id IS NULL AND text IS NOT NULL AND attachments IS NOT NULL)
          OR (notification_id IS NOT NULL AND text IS NULL AND html IS NULL AND attachments IS NULL))`);
    await db.query(`
      CREATE FUNCTION mailbox_message_keep_content() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE mailbox_message m
           SET notification_id = NULL, text = coalesce(gone.content ->> 'text', ''), html = gone.content ->> 'html',
               attachments = coalesce(gone.content -> 'attachments', '[]'::jsonb)
          FROM gone
         WHERE m.environment_id = gone.environment_id AND m.notification_id = gone.id;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER notification_mailbox_content AFTER DELETE ON notification
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION mailbox_message_keep_content()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER notification_mailbox_content ON notification`);
    await db.query(`DROP FUNCTION mailbox_message_keep_content()`);
    await db.query(`
      UPDATE mailbox_message m
         SET notification_id = NULL, text = coalesce(n.content ->> 'text', ''), html = n.content ->> 'html',
             attachments = coalesce(n.content -> 'attachments', '[]'::jsonb)
        FROM notification n
       WHERE n.environment_id = m.environment_id AND n.id = m.notification_id`);
    await db.query(`
      ALTER TABLE mailbox_message
        DROP CONSTRAINT mailbox_message_content_check,
        ALTER COLUMN text SET NOT NULL,
        ALTER COLUMN attachments SET NOT NULL,
        DROP COLUMN notification_id`);
  }
}
