import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for availability search, which reads for each qualified technician (thousands in a large
 * team) the weekly hours and every active booking in the searched weeks.
 *
 * booking_busy_span_idx holds exactly the active bookings, in the order the search groups them
 * (technician, then start), with the end time alongside: the search is answered from the index
 * alone, with no visit to the booking rows and no sort. work_hours_resource_idx finds one
 * technician's hours in day order; the exclusion constraint's GiST index can find them too, but
 * several times slower.
 */
export class AddAvailabilitySearchIndexes1764000006000 implements MigrationInterface {
  name = 'AddAvailabilitySearchIndexes1764000006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX booking_busy_span_idx ON booking (environment_id, resource_id, starts_at) INCLUDE (ends_at)
        WHERE status IN ('scheduled', 'traveling', 'in_progress')`);
    await db.query(`CREATE INDEX work_hours_resource_idx ON work_hours (environment_id, resource_id, weekday, start_minute) INCLUDE (end_minute)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX work_hours_resource_idx`);
    await db.query(`DROP INDEX booking_busy_span_idx`);
  }
}
