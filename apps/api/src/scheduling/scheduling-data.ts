import { Injectable } from '@nestjs/common';
import type { Interval, TechnicianInput, WorkInterval } from '@fieldbook/scheduling';
import { NotFoundError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';

export interface SchedulingSettings {
  minLeadDays: number;
  maxLeadDays: number;
  travelRadiusKm: number;
  travelBufferMinutes: number;
  granularityMinutes: number;
  rescheduleCutoffHours: number;
  cancelCutoffHours: number;
}

export interface ServiceTypeForScheduling {
  id: string;
  name: string;
  durationMinutes: number;
  portalEnabled: boolean;
  requiredSkills: { skillId: string; skillName: string; minProficiency: number }[];
}

interface ContextRow {
  min_lead_days: number;
  max_lead_days: number;
  travel_radius_km: number;
  travel_buffer_minutes: number;
  slot_granularity_minutes: number;
  reschedule_cutoff_hours: number;
  cancel_cutoff_hours: number;
  service_type: (Omit<ServiceTypeForScheduling, 'requiredSkills'> & { active: boolean; requiredSkills: ServiceTypeForScheduling['requiredSkills'] }) | null;
}

interface TechnicianRow {
  id: string;
  home_lat: number;
  home_lng: number;
  time_zone: string;
  skills: { skillId: string; proficiency: number }[];
  hours: { weekday: WorkInterval['weekday']; startMinute: number; endMinute: number }[];
}

const ACTIVE_BOOKING = `('scheduled', 'traveling', 'in_progress')`;
const PACKED_SPAN = `float8send((extract(epoch FROM starts_at) * 1000)::float8) || float8send((extract(epoch FROM ends_at) * 1000)::float8)`;

/** 'HH:mm' for every minute of a day and 24:00, built once: thousands of weekly hours are read per search. */
const CLOCK = Array.from({ length: 24 * 60 + 1 }, (_, minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

function clock(minutes: number): string {
  return CLOCK[minutes] ?? '00:00';
}

/**
 * Everything one availability search needs, in a fixed number of SQL statements whatever the
 * number of technicians or days: settings + service type (1), technicians with skills and weekly
 * hours (1), and their bookings and time off in the window (1). The service location is one more.
 */
@Injectable()
export class SchedulingData {
  constructor(private readonly tenancy: TenancyService) {}

  async context(serviceTypeId: string): Promise<{ settings: SchedulingSettings; serviceType: ServiceTypeForScheduling }> {
    const rows: ContextRow[] = await this.tenancy.manager.query(
      `SELECT ps.min_lead_days, ps.max_lead_days, ps.travel_radius_km, ps.travel_buffer_minutes, ps.slot_granularity_minutes,
              ps.reschedule_cutoff_hours, ps.cancel_cutoff_hours,
              (SELECT json_build_object('id', it.id, 'name', it.name, 'durationMinutes', it.duration_minutes,
                        'portalEnabled', it.portal_enabled, 'active', it.active,
                        'requiredSkills', coalesce((SELECT json_agg(json_build_object('skillId', s.id, 'skillName', s.name, 'minProficiency', its.min_proficiency) ORDER BY s.name)
                                                      FROM incident_type_skill its JOIN skill s ON s.id = its.skill_id
                                                     WHERE its.incident_type_id = it.id), '[]'::json))
                 FROM incident_type it WHERE it.id = $1) AS service_type
         FROM portal_settings ps`,
      [serviceTypeId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('environmentNotFound');
    if (!row.service_type || !row.service_type.active) throw new NotFoundError('serviceTypeNotFound');
    const { active: _active, ...serviceType } = row.service_type;
    return {
      serviceType,
      settings: {
        minLeadDays: row.min_lead_days,
        maxLeadDays: row.max_lead_days,
        travelRadiusKm: row.travel_radius_km,
        travelBufferMinutes: row.travel_buffer_minutes,
        granularityMinutes: row.slot_granularity_minutes,
        rescheduleCutoffHours: row.reschedule_cutoff_hours,
        cancelCutoffHours: row.cancel_cutoff_hours,
      },
    };
  }

  /** Active technicians (all, or the given ids) with skills and weekly hours; no busy data yet. */
  async technicians(onlyIds?: string[]): Promise<TechnicianInput[]> {
    const rows: TechnicianRow[] = await this.tenancy.manager.query(
      `WITH skills AS (
         SELECT resource_id, json_agg(json_build_object('skillId', skill_id, 'proficiency', proficiency)) AS skills
           FROM resource_skill GROUP BY resource_id),
       hours AS (
         SELECT resource_id, json_agg(json_build_object('weekday', weekday, 'startMinute', start_minute, 'endMinute', end_minute)) AS hours
           FROM work_hours GROUP BY resource_id)
       SELECT r.id, r.home_lat, r.home_lng, r.time_zone, coalesce(s.skills, '[]'::json) AS skills, coalesce(h.hours, '[]'::json) AS hours
         FROM resource r LEFT JOIN skills s ON s.resource_id = r.id LEFT JOIN hours h ON h.resource_id = r.id
        WHERE r.active AND ($1::uuid[] IS NULL OR r.id = ANY($1))`,
      [onlyIds ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      active: true,
      skills: row.skills,
      home: { lat: row.home_lat, lng: row.home_lng },
      timeZone: row.time_zone,
      weeklyHours: row.hours.map((hour) => ({ weekday: hour.weekday, start: clock(hour.startMinute), end: clock(hour.endMinute) })),
      timeOff: [],
      busy: [],
    }));
  }

  /**
   * Fills in each technician's active bookings and time off that touch `window`, in one statement.
   * `excludeBookingId` leaves out the booking being rescheduled, so it does not block itself.
   */
  async fillBusy(technicians: TechnicianInput[], window: Interval, excludeBookingId?: string): Promise<TechnicianInput[]> {
    if (technicians.length === 0) return technicians;
    // One row per technician and kind, the intervals packed as big-endian float8 epoch milliseconds
    // (start, end, start, end…): far fewer rows than one per booking, and nothing to parse but bytes.
    // The ids go as one text value: a uuid[] parameter of thousands of ids costs more to encode.
    const rows: { resource_id: string; kind: 'busy' | 'off'; spans: Buffer }[] = await this.tenancy.manager.query(
      `SELECT resource_id, kind, string_agg(span, ''::bytea ORDER BY starts_at) AS spans
         FROM (SELECT resource_id, 'busy' AS kind, starts_at, ${PACKED_SPAN} AS span FROM booking
                WHERE resource_id = ANY(string_to_array($1, ',')::uuid[]) AND status IN ${ACTIVE_BOOKING} AND starts_at < $3 AND ends_at > $2
                  AND ($4::uuid IS NULL OR id <> $4)
               UNION ALL
               SELECT resource_id, 'off', starts_at, ${PACKED_SPAN} FROM time_off
                WHERE resource_id = ANY(string_to_array($1, ',')::uuid[]) AND starts_at < $3 AND ends_at > $2) spans
        GROUP BY resource_id, kind`,
      [technicians.map((technician) => technician.id).join(','), new Date(window.start), new Date(window.end), excludeBookingId ?? null],
    );
    const byId = new Map(technicians.map((technician) => [technician.id, { ...technician, busy: [] as Interval[], timeOff: [] as Interval[] }]));
    for (const row of rows) {
      const technician = byId.get(row.resource_id);
      if (!technician) continue;
      const target = row.kind === 'busy' ? technician.busy : technician.timeOff;
      for (let offset = 0; offset + 16 <= row.spans.length; offset += 16) {
        target.push({ start: row.spans.readDoubleBE(offset), end: row.spans.readDoubleBE(offset + 8) });
      }
    }
    return [...byId.values()];
  }


}
