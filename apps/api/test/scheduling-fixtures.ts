import { Pool } from 'pg';

/**
 * Scheduling data written straight into the database (as the owner role), so scheduling tests do
 * not depend on the admin data endpoints. Every row carries the environment it belongs to.
 */
export interface TechnicianSpec {
  name: string;
  lat?: number;
  lng?: number;
  timeZone?: string;
  /** [weekday 1–7, 'HH:mm', 'HH:mm'][]; default every day 08:00–17:00. */
  hours?: [number, string, string][];
  /** Proficiency in the fixture skill; 0 = none. Default 3. */
  proficiency?: number;
  active?: boolean;
}

export interface SchedulingFixture {
  environmentId: string;
  skillId: string;
  serviceTypeId: string;
  accountId: string;
  contactId: string;
  functionalLocationId: string;
  assetId: string;
  technicianIds: string[];
}

const EVERY_DAY: [number, string, string][] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => [weekday, '08:00', '17:00']);

function minutes(time: string): number {
  const [hours, mins] = time.split(':').map(Number);
  return hours! * 60 + mins!;
}

export async function setPortalSettings(pool: Pool, environmentId: string, settings: Record<string, number | boolean>): Promise<void> {
  const columns = Object.keys(settings);
  await pool.query(
    `UPDATE portal_settings SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')} WHERE environment_id = $1`,
    [environmentId, ...Object.values(settings)],
  );
}

export async function addTechnician(pool: Pool, environmentId: string, skillId: string, spec: TechnicianSpec): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO resource (environment_id, name, home_lat, home_lng, time_zone, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [environmentId, spec.name, spec.lat ?? 40.73, spec.lng ?? -73.99, spec.timeZone ?? 'America/New_York', spec.active ?? true],
  );
  const id: string = rows[0].id;
  const proficiency = spec.proficiency ?? 3;
  if (proficiency > 0) {
    await pool.query(`INSERT INTO resource_skill (environment_id, resource_id, skill_id, proficiency) VALUES ($1, $2, $3, $4)`, [environmentId, id, skillId, proficiency]);
  }
  for (const [weekday, start, end] of spec.hours ?? EVERY_DAY) {
    await pool.query(`INSERT INTO work_hours (environment_id, resource_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4, $5)`, [
      environmentId,
      id,
      weekday,
      minutes(start),
      minutes(end),
    ]);
  }
  return id;
}

/**
 * An HVAC company in New York: one skill, a 60-minute service type needing it at level 2, one
 * account with a contact, a functional location (Brooklyn) and an asset there, and the given
 * technicians. Settings: book 1–30 days ahead, hourly grid, no travel buffer, no radius limit.
 */
export async function seedScheduling(pool: Pool, environmentId: string, technicians: TechnicianSpec[]): Promise<SchedulingFixture> {
  await setPortalSettings(pool, environmentId, {
    min_lead_days: 1,
    max_lead_days: 30,
    slot_granularity_minutes: 60,
    travel_buffer_minutes: 0,
    travel_radius_km: 0,
    reschedule_cutoff_hours: 24,
    cancel_cutoff_hours: 24,
  });
  const one = async (sql: string, params: unknown[]): Promise<string> => (await pool.query(sql, params)).rows[0].id;
  const skillId = await one(`INSERT INTO skill (environment_id, name) VALUES ($1, 'Furnace repair') RETURNING id`, [environmentId]);
  const serviceTypeId = await one(
    `INSERT INTO incident_type (environment_id, name, duration_minutes, portal_enabled, display_names) VALUES ($1, 'Furnace tune-up', 60, true, '{"en": "Furnace tune-up"}') RETURNING id`,
    [environmentId],
  );
  await pool.query(`INSERT INTO incident_type_skill (environment_id, incident_type_id, skill_id, min_proficiency) VALUES ($1, $2, $3, 2)`, [
    environmentId,
    serviceTypeId,
    skillId,
  ]);
  const accountId = await one(
    `INSERT INTO account (environment_id, name, address_line1, city, region, postal_code, country, lat, lng, time_zone)
     VALUES ($1, 'Hudson Bakery', '12 Hudson St', 'New York', 'NY', '10013', 'US', 40.7205, -74.0087, 'America/New_York') RETURNING id`,
    [environmentId],
  );
  const contactId = await one(
    `INSERT INTO contact (environment_id, account_id, first_name, last_name, email) VALUES ($1, $2, 'Maya', 'Ortiz', 'maya@hudson.test') RETURNING id`,
    [environmentId, accountId],
  );
  const functionalLocationId = await one(
    `INSERT INTO functional_location (environment_id, account_id, name, address_line1, city, region, postal_code, country, lat, lng, time_zone)
     VALUES ($1, $2, 'Brooklyn kitchen', '88 Bedford Ave', 'Brooklyn', 'NY', '11211', 'US', 40.7196, -73.9573, 'America/New_York') RETURNING id`,
    [environmentId, accountId],
  );
  const assetId = await one(
    `INSERT INTO asset (environment_id, account_id, functional_location_id, name) VALUES ($1, $2, $3, 'Oven hood furnace') RETURNING id`,
    [environmentId, accountId, functionalLocationId],
  );
  const technicianIds: string[] = [];
  for (const spec of technicians) technicianIds.push(await addTechnician(pool, environmentId, skillId, spec));
  return { environmentId, skillId, serviceTypeId, accountId, contactId, functionalLocationId, assetId, technicianIds };
}

/** A one-hour office booking of the fixture's service type for one technician, written directly. */
export async function insertBooking(pool: Pool, fixture: SchedulingFixture, technicianId: string, start: string): Promise<string> {
  const { rows } = await pool.query(
    `WITH wo AS (
       INSERT INTO work_order (environment_id, reference, account_id, incident_type_id, address_line1, city, country, lat, lng, time_zone)
       VALUES ($1, 'WO-' || upper(substr(md5(random()::text), 1, 8)), $2, $3, '1 Main St', 'New York', 'US', 40.7, -74.0, 'America/New_York') RETURNING id)
     INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, source)
     SELECT $1, wo.id, $4, $5::timestamptz, $5::timestamptz + interval '1 hour', 'office' FROM wo RETURNING id`,
    [fixture.environmentId, fixture.accountId, fixture.serviceTypeId, technicianId, start],
  );
  return rows[0].id;
}

/** The local date `days` after today in New York, as YYYY-MM-DD. */
export function nyDate(days: number, now = Date.now()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}
