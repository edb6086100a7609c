import { Injectable } from '@nestjs/common';
import { CreateTimeOffRequest, Page, TimeOff, TimeOffListQuery, WeeklyHoursInterval } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { FieldIssue, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { pageOf } from '../common/pagination';
import { TenancyService } from '../tenancy/tenancy.service';
import { checkWeeklyHours, formatClock, MinuteInterval, parseOffsetDateTime } from './schedule-input';

interface TimeOffRow {
  id: string;
  resource_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
  created_at: Date;
}

const TIME_OFF_COLUMNS = `id, resource_id, starts_at, ends_at, reason, created_at`;
/** How many entries of upcoming time off a technician's detail carries. */
export const UPCOMING_TIME_OFF_LIMIT = 50;

function toTimeOff(row: TimeOffRow): TimeOff {
  return {
    id: row.id,
    technicianId: row.resource_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

/** A technician's weekly working pattern and time off. Always inside the request's tenant transaction. */
@Injectable()
export class WorkScheduleService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  async weeklyHoursOf(technicianId: string): Promise<WeeklyHoursInterval[]> {
    const rows: { weekday: number; start_minute: number; end_minute: number }[] = await this.tenancy.manager.query(
      `SELECT weekday, start_minute, end_minute FROM work_hours WHERE resource_id = $1 ORDER BY weekday, start_minute`,
      [technicianId],
    );
    return rows.map((row) => ({ weekday: row.weekday, start: formatClock(row.start_minute), end: formatClock(row.end_minute) }));
  }

  async weeklyHours(technicianId: string): Promise<WeeklyHoursInterval[]> {
    await this.assertTechnician(technicianId);
    return this.weeklyHoursOf(technicianId);
  }

  /** Swaps the whole weekly pattern for a new one, or changes nothing when any stretch is wrong. */
  async replaceWeeklyHours(technicianId: string, items: WeeklyHoursInterval[], actorId: string): Promise<WeeklyHoursInterval[]> {
    await this.assertTechnician(technicianId);
    const { intervals, issues } = checkWeeklyHours(items, 'weeklyHours');
    if (issues.length) throw new ValidationFailedError(issues);
    await this.tenancy.manager.query(`DELETE FROM work_hours WHERE resource_id = $1`, [technicianId]);
    await this.insertWeeklyHours(technicianId, intervals);
    await this.tenancy.manager.query(`UPDATE resource SET updated_at = now() WHERE id = $1`, [technicianId]);
    const weeklyHours = await this.weeklyHoursOf(technicianId);
    await this.audit.record('technician.weeklyHoursReplaced', actorId, { technicianId, weeklyHours });
    return weeklyHours;
  }

  /** Stores already checked stretches (see checkWeeklyHours); the exclusion constraint backs the overlap check. */
  async insertWeeklyHours(technicianId: string, intervals: MinuteInterval[]): Promise<void> {
    if (intervals.length === 0) return;
    await this.tenancy.manager.query(
      `INSERT INTO work_hours (environment_id, resource_id, weekday, start_minute, end_minute)
       SELECT $1, $2, weekday, start_minute, end_minute FROM unnest($3::smallint[], $4::smallint[], $5::smallint[]) AS given(weekday, start_minute, end_minute)`,
      [
        this.tenancy.environmentId,
        technicianId,
        intervals.map((interval) => interval.weekday),
        intervals.map((interval) => interval.startMinute),
        intervals.map((interval) => interval.endMinute),
      ],
    );
  }

  async upcomingTimeOff(technicianId: string): Promise<TimeOff[]> {
    const rows: TimeOffRow[] = await this.tenancy.manager.query(
      `SELECT ${TIME_OFF_COLUMNS} FROM time_off WHERE resource_id = $1 AND ends_at > now() ORDER BY starts_at, id LIMIT $2`,
      [technicianId, UPCOMING_TIME_OFF_LIMIT],
    );
    return rows.map(toTimeOff);
  }

  async listTimeOff(technicianId: string, query: TimeOffListQuery): Promise<Page<TimeOff>> {
    await this.assertTechnician(technicianId);
    const { limit, offset } = pageOf(query);
    const where = `WHERE resource_id = $1 AND ($2::boolean OR ends_at > now())`;
    const params = [technicianId, query.includePast ?? false];
    const rows: TimeOffRow[] = await this.tenancy.manager.query(`SELECT ${TIME_OFF_COLUMNS} FROM time_off ${where} ORDER BY starts_at, id LIMIT $3 OFFSET $4`, [
      ...params,
      limit,
      offset,
    ]);
    const [{ total }] = await this.tenancy.manager.query(`SELECT count(*)::int AS total FROM time_off ${where}`, params);
    return { items: rows.map(toTimeOff), total, limit, offset };
  }

  async createTimeOff(technicianId: string, request: CreateTimeOffRequest, actorId: string): Promise<TimeOff> {
    await this.assertTechnician(technicianId);
    const startsAt = parseOffsetDateTime(request.startsAt);
    const endsAt = parseOffsetDateTime(request.endsAt);
    const issues: FieldIssue[] = [];
    if (!startsAt) issues.push({ field: 'startsAt', code: 'offsetDateTime', params: { value: request.startsAt } });
    if (!endsAt) issues.push({ field: 'endsAt', code: 'offsetDateTime', params: { value: request.endsAt } });
    if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) issues.push({ field: 'endsAt', code: 'endsAfterStart' });
    if (issues.length) throw new ValidationFailedError(issues);

    const [row]: TimeOffRow[] = await this.tenancy.manager.query(
      `INSERT INTO time_off (environment_id, resource_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5) RETURNING ${TIME_OFF_COLUMNS}`,
      [this.tenancy.environmentId, technicianId, startsAt, endsAt, request.reason ?? null],
    );
    const timeOff = toTimeOff(row);
    await this.audit.record('technician.timeOffCreated', actorId, { technicianId, timeOffId: timeOff.id, startsAt: timeOff.startsAt, endsAt: timeOff.endsAt });
    return timeOff;
  }

  async deleteTimeOff(technicianId: string, timeOffId: string, actorId: string): Promise<void> {
    await this.assertTechnician(technicianId);
    // DELETE … RETURNING answers [rows, affected count] through TypeORM's PostgreSQL driver.
    const [rows]: [TimeOffRow[], number] = await this.tenancy.manager.query(`DELETE FROM time_off WHERE id = $1 AND resource_id = $2 RETURNING ${TIME_OFF_COLUMNS}`, [
      timeOffId,
      technicianId,
    ]);
    if (!rows[0]) throw new NotFoundError('timeOffNotFound');
    const timeOff = toTimeOff(rows[0]);
    await this.audit.record('technician.timeOffDeleted', actorId, { technicianId, timeOffId, startsAt: timeOff.startsAt, endsAt: timeOff.endsAt });
  }

  private async assertTechnician(technicianId: string): Promise<void> {
    const rows: unknown[] = await this.tenancy.manager.query(`SELECT 1 FROM resource WHERE id = $1`, [technicianId]);
    if (rows.length === 0) throw new NotFoundError('technicianNotFound');
  }
}
