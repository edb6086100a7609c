import { Injectable } from '@nestjs/common';
import {
  CreateTechnicianRequest,
  Page,
  Technician,
  TechnicianListQuery,
  TechnicianSkill,
  TechnicianSkillAssignment,
  TechnicianSummary,
  UpdateTechnicianRequest,
} from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, ConflictError, FieldIssue, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { likePattern, orderBy } from '../common/list-query';
import { isUniqueViolation } from '../common/pg-errors';
import { checkSkillReferences } from '../skills/skill-references';
import { TenancyService } from '../tenancy/tenancy.service';
import { canonicalTimeZone, checkWeeklyHours, normalizePhone } from './schedule-input';
import { WorkScheduleService } from './work-schedule.service';

interface TechnicianRow {
  id: string;
  external_key: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  home_lat: number;
  home_lng: number;
  time_zone: string;
  active: boolean;
  skills: TechnicianSkill[];
  created_at: Date;
  updated_at: Date;
}

const SKILLS_OF = (resource: string) => `coalesce((
  SELECT json_agg(json_build_object('skillId', s.id, 'skillName', s.name, 'proficiency', rs.proficiency, 'skillActive', s.active) ORDER BY lower(s.name), s.id)
    FROM resource_skill rs JOIN skill s ON s.id = rs.skill_id WHERE rs.resource_id = ${resource}), '[]'::json)`;
const COLUMNS = `r.id, r.external_key, r.name, r.email, r.phone, r.home_lat, r.home_lng, r.time_zone, r.active, r.created_at, r.updated_at, ${SKILLS_OF('r.id')} AS skills`;
const SORTABLE = { name: 'lower(r.name)', email: 'lower(r.email)', timeZone: 'r.time_zone', createdAt: 'r.created_at', updatedAt: 'r.updated_at' };
/** Bookings that still hold the technician's time. */
export const ACTIVE_BOOKING_STATUSES = `('scheduled', 'traveling', 'in_progress')`;

/** Request field → column, for the fields a PATCH may change. */
const UPDATABLE: Record<keyof UpdateTechnicianRequest, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  homeLat: 'home_lat',
  homeLng: 'home_lng',
  timeZone: 'time_zone',
  externalKey: 'external_key',
  active: 'active',
};
const NOT_NULL: (keyof UpdateTechnicianRequest)[] = ['name', 'homeLat', 'homeLng', 'timeZone', 'active'];

function toSummary(row: TechnicianRow): TechnicianSummary {
  return {
    id: row.id,
    externalKey: row.external_key,
    name: row.name,
    email: row.email,
    phone: row.phone,
    homeLat: row.home_lat,
    homeLng: row.home_lng,
    timeZone: row.time_zone,
    active: row.active,
    skills: row.skills,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Technicians (table `resource`) and the skills they hold. Always inside the request's tenant transaction. */
@Injectable()
export class TechniciansService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly schedule: WorkScheduleService,
  ) {}

  async list(query: TechnicianListQuery): Promise<Page<TechnicianSummary>> {
    const order = orderBy(query, SORTABLE, 'name');
    if (order.unknown) throw new ValidationFailedError([{ field: 'sort', code: 'isIn', params: { values: Object.keys(SORTABLE).join(', ') } }]);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR r.name ILIKE $1 OR r.email ILIKE $1 OR r.external_key ILIKE $1)
                     AND ($2::boolean IS NULL OR r.active = $2)
                     AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM resource_skill f WHERE f.resource_id = r.id AND f.skill_id = $3))`;
    const active = query.active ?? (query.includeInactive ? null : true);
    const params = [query.q ? likePattern(query.q) : null, active, query.skillId ?? null];
    const manager = this.tenancy.manager;
    const rows: TechnicianRow[] = await manager.query(`SELECT ${COLUMNS} FROM resource r ${where} ${order.sql} LIMIT $4 OFFSET $5`, [...params, limit, offset]);
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM resource r ${where}`, params);
    return { items: rows.map(toSummary), total, limit, offset };
  }

  async summary(id: string): Promise<TechnicianSummary> {
    const rows: TechnicianRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM resource r WHERE r.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('technicianNotFound');
    return toSummary(rows[0]);
  }

  async get(id: string): Promise<Technician> {
    const summary = await this.summary(id);
    const weeklyHours = await this.schedule.weeklyHoursOf(id);
    const upcomingTimeOff = await this.schedule.upcomingTimeOff(id);
    return { ...summary, weeklyHours, upcomingTimeOff };
  }

  /** The technician, skills and weekly hours in one go: every problem is reported at once and nothing is written unless all is well. */
  async create(request: CreateTechnicianRequest, actorId: string): Promise<Technician> {
    const manager = this.tenancy.manager;
    const issues: FieldIssue[] = [];
    const timeZone = this.checkTimeZone(request.timeZone, issues);
    const phone = request.phone === undefined ? null : this.checkPhone(request.phone, issues);
    const hours = checkWeeklyHours(request.weeklyHours ?? [], 'weeklyHours');
    issues.push(...hours.issues, ...(await checkSkillReferences(manager, request.skills ?? [], 'skills')));
    if (issues.length) throw new ValidationFailedError(issues);

    const [row]: { id: string }[] = await this.write(request, () =>
      manager.query(
        `INSERT INTO resource (environment_id, name, email, phone, home_lat, home_lng, time_zone, external_key, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          this.tenancy.environmentId,
          request.name,
          request.email ?? null,
          phone,
          request.homeLat,
          request.homeLng,
          timeZone,
          request.externalKey ?? null,
          request.active ?? true,
        ],
      ),
    );
    await this.insertSkills(row.id, request.skills ?? []);
    await this.schedule.insertWeeklyHours(row.id, hours.intervals);
    await this.audit.record('technician.created', actorId, {
      technicianId: row.id,
      name: request.name,
      skills: (request.skills ?? []).length,
      weeklyHours: hours.intervals.length,
    });
    return this.get(row.id);
  }

  async update(id: string, change: UpdateTechnicianRequest, actorId: string): Promise<Technician> {
    const current = await this.summary(id);
    const issues: FieldIssue[] = NOT_NULL.filter((key) => change[key] === null).map((key) => ({ field: key, code: 'isNotEmpty' }));
    const values: Partial<Record<keyof UpdateTechnicianRequest, unknown>> = { ...change };
    if (typeof change.timeZone === 'string') values.timeZone = this.checkTimeZone(change.timeZone, issues);
    if (typeof change.phone === 'string') values.phone = this.checkPhone(change.phone, issues);
    if (issues.length) throw new ValidationFailedError(issues);
    if (change.active === false && current.active) await this.assertNoUpcomingBookings(id, current.name);

    const keys = (Object.keys(UPDATABLE) as (keyof UpdateTechnicianRequest)[]).filter((key) => values[key] !== undefined);
    const sets = keys.map((key, index) => `${UPDATABLE[key]} = $${index + 2}`);
    await this.write(change, () =>
      this.tenancy.manager.query(`UPDATE resource SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...keys.map((key) => values[key])]),
    );
    const action = change.active === false && current.active ? 'technician.deactivated' : change.active === true && !current.active ? 'technician.reactivated' : 'technician.updated';
    await this.audit.record(action, actorId, { technicianId: id, change });
    return this.get(id);
  }

  /** Deletes a technician who never had a booking; one with booking history can only be deactivated. */
  async remove(id: string, actorId: string): Promise<void> {
    const technician = await this.summary(id);
    const [{ count }] = await this.tenancy.manager.query(`SELECT count(*)::int AS count FROM booking WHERE resource_id = $1`, [id]);
    if (count > 0) throw new ConflictError('technicianHasBookings', { name: technician.name, count });
    await this.tenancy.manager.query(`DELETE FROM resource WHERE id = $1`, [id]);
    await this.audit.record('technician.deleted', actorId, { technicianId: id, name: technician.name });
  }

  async skillsOf(id: string): Promise<TechnicianSkill[]> {
    return (await this.summary(id)).skills;
  }

  /** Replaces the whole set of skills a technician holds. */
  async replaceSkills(id: string, skills: TechnicianSkillAssignment[], actorId: string): Promise<TechnicianSkill[]> {
    await this.summary(id);
    const issues = await checkSkillReferences(this.tenancy.manager, skills, 'skills');
    if (issues.length) throw new ValidationFailedError(issues);
    await this.tenancy.manager.query(`DELETE FROM resource_skill WHERE resource_id = $1`, [id]);
    await this.insertSkills(id, skills);
    await this.touch(id);
    await this.audit.record('technician.skillsReplaced', actorId, { technicianId: id, skills });
    return this.skillsOf(id);
  }

  /** Adds a skill at a proficiency, or changes the proficiency of one already held. */
  async setSkill(id: string, skillId: string, proficiency: number, actorId: string): Promise<TechnicianSkill[]> {
    await this.summary(id);
    const skills: { name: string; active: boolean }[] = await this.tenancy.manager.query(`SELECT name, active FROM skill WHERE id = $1`, [skillId]);
    if (!skills[0]) throw new NotFoundError('skillNotFound');
    if (!skills[0].active) throw new BadRequestError('skillInactive', { name: skills[0].name });
    await this.tenancy.manager.query(
      `INSERT INTO resource_skill (environment_id, resource_id, skill_id, proficiency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (environment_id, resource_id, skill_id) DO UPDATE SET proficiency = EXCLUDED.proficiency`,
      [this.tenancy.environmentId, id, skillId, proficiency],
    );
    await this.touch(id);
    await this.audit.record('technician.skillSet', actorId, { technicianId: id, skillId, proficiency });
    return this.skillsOf(id);
  }

  async removeSkill(id: string, skillId: string, actorId: string): Promise<void> {
    await this.summary(id);
    // DELETE answers [rows, affected count] through TypeORM's PostgreSQL driver.
    const [, removed]: [unknown[], number] = await this.tenancy.manager.query(`DELETE FROM resource_skill WHERE resource_id = $1 AND skill_id = $2`, [id, skillId]);
    if (removed === 0) throw new NotFoundError('technicianSkillNotFound');
    await this.touch(id);
    await this.audit.record('technician.skillRemoved', actorId, { technicianId: id, skillId });
  }

  private async assertNoUpcomingBookings(id: string, name: string): Promise<void> {
    const [{ count }] = await this.tenancy.manager.query(
      `SELECT count(*)::int AS count FROM booking WHERE resource_id = $1 AND status IN ${ACTIVE_BOOKING_STATUSES} AND ends_at > now()`,
      [id],
    );
    if (count > 0) throw new ConflictError('technicianHasUpcomingBookings', { name, count });
  }

  private async insertSkills(id: string, skills: TechnicianSkillAssignment[]): Promise<void> {
    if (skills.length === 0) return;
    await this.tenancy.manager.query(
      `INSERT INTO resource_skill (environment_id, resource_id, skill_id, proficiency)
       SELECT $1, $2, skill_id, proficiency FROM unnest($3::uuid[], $4::smallint[]) AS given(skill_id, proficiency)`,
      [this.tenancy.environmentId, id, skills.map((skill) => skill.skillId), skills.map((skill) => skill.proficiency)],
    );
  }

  private async touch(id: string): Promise<void> {
    await this.tenancy.manager.query(`UPDATE resource SET updated_at = now() WHERE id = $1`, [id]);
  }

  private checkTimeZone(zone: string, issues: FieldIssue[]): string {
    const canonical = canonicalTimeZone(zone);
    if (!canonical) issues.push({ field: 'timeZone', code: 'timeZone', params: { value: zone } });
    return canonical ?? zone;
  }

  private checkPhone(phone: string, issues: FieldIssue[]): string {
    const normalized = normalizePhone(phone);
    if (!normalized) issues.push({ field: 'phone', code: 'phoneNumber' });
    return normalized ?? phone;
  }

  private async write<T>(values: { externalKey?: string | null }, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error, 'resource_external_key')) throw new ConflictError('externalKeyTaken', { externalKey: values.externalKey ?? '' });
      throw error;
    }
  }
}
