import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a contact prefers to be reached: email, SMS or both (null follows the environment's message
 * settings). A preference the contact cannot be reached by — SMS without a phone number, email
 * without an address — is refused by the database as well as by the API.
 */
export class AddContactPreferredChannel1764000003100 implements MigrationInterface {
  name = 'AddContactPreferredChannel1764000003100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contact
        ADD COLUMN preferred_channel text CHECK (preferred_channel IN ('email', 'sms', 'both')),
        ADD CONSTRAINT contact_preferred_channel_reachable CHECK (
          (preferred_channel NOT IN ('email', 'both') OR email IS NOT NULL)
          AND (preferred_channel NOT IN ('sms', 'both') OR phone IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact DROP CONSTRAINT contact_preferred_channel_reachable, DROP COLUMN preferred_channel`);
  }
}
