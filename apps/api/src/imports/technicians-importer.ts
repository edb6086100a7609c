import { WeeklyHoursInterval } from '@fieldbook/contracts';
import { TenancyService } from '../tenancy/tenancy.service';
import { CreateTechnicianDto } from '../technicians/dto/technician.dto';
import { MinuteInterval, canonicalTimeZone, checkWeeklyHours, normalizePhone } from '../technicians/schedule-input';
import { CsvRow } from './csv';
import { ApplyOutcome, ParsedRow, RowImporter, RowIssue, numberOrUndefined, optional, validateAs } from './row-importer';

interface TechnicianRow {
  externalKey: string;
  name: string;
  email: string | null;
  phone: string | null;
  homeLat: number;
  homeLng: number;
  timeZone: string;
  /** null: the column was not in the file, so the technician's skills stay as they are. */
  skills: { skill: string; proficiency: number }[] | null;
  hours: MinuteInterval[] | null;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FIELD_COLUMNS: Record<string, string> = { name: 'name', email: 'email', phone: 'phone', homeLat: 'home_lat', homeLng: 'home_lng', timeZone: 'time_zone' };

/**
 * `Mon 08:00-12:00 13:00-17:00; Tue-Fri 08:00-17:00` → weekly intervals. Day names are English
 * three-letter abbreviations; a range of days shares its times. Returns null when it cannot be read.
 */
export function parseWeeklyHours(text: string): WeeklyHoursInterval[] | null {
  const intervals: WeeklyHoursInterval[] = [];
  for (const part of text.split(';').map((piece) => piece.trim()).filter(Boolean)) {
    const [days, ...times] = part.split(/\s+/);
    const range = /^([a-z]{3})(?:-([a-z]{3}))?$/i.exec(days ?? '');
    if (!range || times.length === 0) return null;
    const [, from = '', to = from] = range;
    const first = WEEKDAYS.indexOf(from.toLowerCase());
    const last = WEEKDAYS.indexOf(to.toLowerCase());
    if (first < 0 || last < first) return null;
    for (const time of times) {
      const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(time);
      if (!match) return null;
      const [, start = '', end = ''] = match;
      const pad = (clock: string) => clock.padStart(5, '0');
      for (let day = first; day <= last; day += 1) intervals.push({ weekday: day + 1, start: pad(start), end: pad(end) });
    }
  }
  return intervals;
}

/** `Furnace repair:3; Ductwork:2` → skill (name or external key) with proficiency; null when unreadable. */
export function parseSkills(text: string): { skill: string; proficiency: number }[] | null {
  const skills: { skill: string; proficiency: number }[] = [];
  for (const part of text.split(';').map((piece) => piece.trim()).filter(Boolean)) {
    const match = /^(.+):\s*([1-5])$/.exec(part);
    if (!match) return null;
    const [, skill = '', level] = match;
    skills.push({ skill: skill.trim(), proficiency: Number(level) });
  }
  return skills;
}

/**
 * Technicians with their skills and weekly hours. When a file has a `skills` or `weekly_hours`
 * column, each imported technician's skills or hours are replaced by what the row says.
 */
export class TechniciansImporter implements RowImporter<TechnicianRow> {
  readonly kind = 'technicians' as const;
  readonly required = ['external_key', 'name', 'home_lat', 'home_lng', 'time_zone'];
  readonly optional = ['email', 'phone', 'skills', 'weekly_hours'];

  constructor(private readonly tenancy: TenancyService) {}

  parse(row: CsvRow): { value?: TechnicianRow; issues: RowIssue[] } {
    const values = row.values;
    const issues: RowIssue[] = [];
    const issue = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push({ line: row.line, column, key, params: { field: column, ...params } });
    if (!values['external_key']) issue('external_key', 'api:imports.externalKeyRequired');
    const plain = {
      name: optional(values['name']),
      email: optional(values['email']),
      phone: optional(values['phone']),
      homeLat: numberOrUndefined(values['home_lat']),
      homeLng: numberOrUndefined(values['home_lng']),
      timeZone: optional(values['time_zone']),
      externalKey: optional(values['external_key']),
    };
    const checked = validateAs(CreateTechnicianDto, plain, row.line, (field) => FIELD_COLUMNS[field] ?? field);
    issues.push(...checked.issues);
    const timeZone = plain.timeZone ? canonicalTimeZone(plain.timeZone) : null;
    if (plain.timeZone && !timeZone) issue('time_zone', 'api:imports.invalidTimeZone', { value: plain.timeZone });
    const phone = plain.phone ? normalizePhone(plain.phone) : null;
    if (plain.phone && !phone) issue('phone', 'api:imports.invalidPhone', { value: plain.phone });
    let skills: TechnicianRow['skills'] = null;
    if (values['skills'] !== undefined) {
      skills = parseSkills(values['skills']);
      if (!skills) issue('skills', 'api:imports.invalidSkills', { value: values['skills'] });
    }
    let hours: TechnicianRow['hours'] = null;
    if (values['weekly_hours'] !== undefined) {
      const intervals = parseWeeklyHours(values['weekly_hours']);
      if (!intervals) issue('weekly_hours', 'api:imports.invalidWeeklyHours', { value: values['weekly_hours'] });
      else {
        const result = checkWeeklyHours(intervals, 'weekly_hours');
        for (const problem of result.issues) issue('weekly_hours', `api:validation.${problem.code}`, { ...(problem.params as Record<string, string | number>), field: 'weekly_hours' });
        hours = result.intervals;
      }
    }
    const dto = checked.value;
    if (issues.length || !dto || !timeZone) return { issues };
    return {
      issues: [],
      value: {
        externalKey: dto.externalKey ?? '',
        name: dto.name,
        email: dto.email ?? null,
        phone,
        homeLat: dto.homeLat,
        homeLng: dto.homeLng,
        timeZone,
        skills,
        hours,
      },
    };
  }

  preview(value: TechnicianRow): Record<string, unknown> {
    return { ...value, hours: value.hours?.length ?? null };
  }

  async apply(rows: ParsedRow<TechnicianRow>[], dryRun: boolean): Promise<ApplyOutcome> {
    const manager = this.tenancy.manager;
    const issues: RowIssue[] = [];
    const skillRows: { id: string; name: string; external_key: string | null }[] = await manager.query(`SELECT id, name, external_key FROM skill WHERE active`);
    const byName = new Map(skillRows.map((skill) => [skill.name.toLowerCase(), skill.id]));
    const byKey = new Map(skillRows.flatMap((skill) => (skill.external_key ? [[skill.external_key, skill.id] as const] : [])));
    const skillLinks: { external_key: string; skill_id: string; proficiency: number }[] = [];
    for (const row of rows) {
      const seen = new Set<string>();
      for (const held of row.value.skills ?? []) {
        const id = byKey.get(held.skill) ?? byName.get(held.skill.toLowerCase());
        if (!id) issues.push({ line: row.line, column: 'skills', key: 'api:imports.unknown.skill', params: { key: held.skill } });
        else if (seen.has(id)) issues.push({ line: row.line, column: 'skills', key: 'api:imports.duplicateSkill', params: { key: held.skill } });
        else {
          seen.add(id);
          skillLinks.push({ external_key: row.externalKey, skill_id: id, proficiency: held.proficiency });
        }
      }
    }
    const existing: { external_key: string }[] = await manager.query(`SELECT external_key FROM resource WHERE external_key = ANY($1)`, [rows.map((row) => row.externalKey)]);
    const known = new Set(existing.map((row) => row.external_key));
    const created = rows.filter((row) => !known.has(row.externalKey)).length;
    if (dryRun || issues.length) return { created, updated: rows.length - created, issues };

    const env = this.tenancy.environmentId;
    const records = rows.map(({ value }) => ({
      external_key: value.externalKey, name: value.name, email: value.email, phone: value.phone,
      home_lat: value.homeLat, home_lng: value.homeLng, time_zone: value.timeZone,
    }));
    await manager.query(
      `INSERT INTO resource (environment_id, external_key, name, email, phone, home_lat, home_lng, time_zone)
       SELECT $1, x.external_key, x.name, x.email, x.phone, x.home_lat, x.home_lng, x.time_zone
         FROM jsonb_to_recordset($2::jsonb) AS x(external_key text, name text, email text, phone text, home_lat double precision, home_lng double precision, time_zone text)
       ON CONFLICT (environment_id, external_key) WHERE external_key IS NOT NULL
       DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone, home_lat = EXCLUDED.home_lat,
                     home_lng = EXCLUDED.home_lng, time_zone = EXCLUDED.time_zone, updated_at = now()`,
      [env, JSON.stringify(records)],
    );
    const withSkills = rows.filter((row) => row.value.skills !== null).map((row) => row.externalKey);
    if (withSkills.length) {
      await manager.query(`DELETE FROM resource_skill WHERE resource_id IN (SELECT id FROM resource WHERE external_key = ANY($1))`, [withSkills]);
      await manager.query(
        `INSERT INTO resource_skill (environment_id, resource_id, skill_id, proficiency)
         SELECT $1, r.id, x.skill_id, x.proficiency FROM jsonb_to_recordset($2::jsonb) AS x(external_key text, skill_id uuid, proficiency smallint)
           JOIN resource r ON r.external_key = x.external_key`,
        [env, JSON.stringify(skillLinks)],
      );
    }
    const withHours = rows.filter((row) => row.value.hours !== null);
    if (withHours.length) {
      await manager.query(`DELETE FROM work_hours WHERE resource_id IN (SELECT id FROM resource WHERE external_key = ANY($1))`, [withHours.map((row) => row.externalKey)]);
      const intervals = withHours.flatMap((row) => (row.value.hours ?? []).map((hour) => ({ external_key: row.externalKey, weekday: hour.weekday, start_minute: hour.startMinute, end_minute: hour.endMinute })));
      await manager.query(
        `INSERT INTO work_hours (environment_id, resource_id, weekday, start_minute, end_minute)
         SELECT $1, r.id, x.weekday, x.start_minute, x.end_minute FROM jsonb_to_recordset($2::jsonb) AS x(external_key text, weekday smallint, start_minute smallint, end_minute smallint)
           JOIN resource r ON r.external_key = x.external_key`,
        [env, JSON.stringify(intervals)],
      );
    }
    return { created, updated: rows.length - created, issues };
  }
}
