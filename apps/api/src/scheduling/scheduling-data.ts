import { Injectable } from '@nestjs/common';
import type { GeoPoint, Interval, TechnicianInput } from '@fieldbook/scheduling';
import { NotFoundError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';
import { HOURS_OF_R, NO_SPANS, PACKED_SPAN, SKILLS_OF_R, TechnicianRow, readSpans, toTechnicians } from './technician-rows';

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

/** Who may be offered a job: the service type's skills at their levels, and the travel radius (0 = no limit). */
export interface Qualification {
  requiredSkills: { skillId: string; minProficiency: number }[];
  location: GeoPoint;
  travelRadiusKm: number;
}

/** Matches the predicate of booking_busy_span_idx, so busy time is read from that index alone. */
const ACTIVE_BOOKING = `('scheduled', 'traveling', 'in_progress')`;

/** Great-circle distance in km from the home to ($3, $4), the same haversine the engine uses. */
const HOME_DISTANCE_KM = `2 * 6371.0088 * asin(least(1, sqrt(
    sin(radians($3 - r.home_lat) / 2) ^ 2 + cos(radians(r.home_lat)) * cos(radians($3)) * sin(radians($4 - r.home_lng) / 2) ^ 2)))`;
/**
 * The engine decides the radius exactly; SQL only leaves out who is clearly beyond it. The margin
 * (a millimetre) absorbs the last-digit differences between two implementations of sin and cos.
 */
const RADIUS_MARGIN_KM = 1e-6;

/**
 * Everything one availability search needs, in a fixed number of SQL statements whatever the
 * number of technicians or days: settings + service type (1), and the technicians who qualify
 * with skills, weekly hours, bookings and time off in the window (1). The service location is one
 * more; when nobody qualifies, reading why is one more.
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
      `SELECT r.id, r.home_lat, r.home_lng, r.time_zone, ${SKILLS_OF_R} AS skills, ${HOURS_OF_R} AS hours
         FROM resource r
        WHERE r.active AND ($1::uuid[] IS NULL OR r.id = ANY($1))`,
      [onlyIds ?? null],
    );
    return toTechnicians(rows);
  }

  /**
   * Active technicians who hold every required skill at its level and whose home is not clearly
   * beyond the travel radius — the engine checks the radius again, exactly — with skills, weekly
   * hours and, when `calendar` is given, their active bookings and time off touching it. One
   * statement: each technician's bookings come straight from booking_busy_span_idx, in order, and
   * no list of ids travels back to the server. `excludeBookingId` leaves out the booking being
   * rescheduled. Empty says nothing about why: for that see `eligibilityOfAll`.
   */
  async qualified(qualification: Qualification, calendar: Interval | null, excludeBookingId?: string): Promise<TechnicianInput[]> {
    const { requiredSkills, location, travelRadiusKm } = qualification;
    const rows: (TechnicianRow & { busy: string | null; time_off: string | null })[] = await this.tenancy.manager.query(
      `SELECT r.id, r.home_lat, r.home_lng, r.time_zone, ${SKILLS_OF_R} AS skills, ${HOURS_OF_R} AS hours,
              (SELECT encode(string_agg(${PACKED_SPAN}, ''::bytea), 'base64') FROM booking
                WHERE resource_id = r.id AND status IN ${ACTIVE_BOOKING} AND starts_at < $7 AND ends_at > $6 AND ($8::uuid IS NULL OR id <> $8)) AS busy,
              (SELECT encode(string_agg(${PACKED_SPAN}, ''::bytea), 'base64') FROM time_off
                WHERE resource_id = r.id AND starts_at < $7 AND ends_at > $6) AS time_off
         FROM resource r
        WHERE r.active
          AND (cardinality($1::uuid[]) = 0 OR r.id IN (
                SELECT rs.resource_id FROM resource_skill rs
                  JOIN unnest($1::uuid[], $2::int[]) AS required (skill_id, level) ON rs.skill_id = required.skill_id AND rs.proficiency >= required.level
                 GROUP BY rs.resource_id HAVING count(*) = cardinality($1::uuid[])))
          AND ($5::float8 = 0 OR ${HOME_DISTANCE_KM} <= $5::float8 + ${RADIUS_MARGIN_KM})`,
      [
        requiredSkills.map((required) => required.skillId),
        requiredSkills.map((required) => required.minProficiency),
        location.lat,
        location.lng,
        travelRadiusKm,
        calendar && new Date(calendar.start),
        calendar && new Date(calendar.end),
        excludeBookingId ?? null,
      ],
    );
    const technicians = toTechnicians(rows);
    const spans = readSpans(rows.flatMap((row) => [row.busy ?? '', row.time_off ?? '']));
    technicians.forEach((technician, index) => {
      technician.busy = spans[2 * index] ?? NO_SPANS;
      technician.timeOff = spans[2 * index + 1] ?? NO_SPANS;
    });
    return technicians;
  }

  /**
   * Every active technician with skills and home but no hours: all the engine needs to tell why
   * nobody qualifies (no technicians, which skill is missing, or everyone beyond the radius).
   */
  async eligibilityOfAll(): Promise<TechnicianInput[]> {
    const rows: TechnicianRow[] = await this.tenancy.manager.query(
      `SELECT r.id, r.home_lat, r.home_lng, r.time_zone, ${SKILLS_OF_R} AS skills, NULL AS hours FROM resource r WHERE r.active`,
    );
    return toTechnicians(rows);
  }

  /**
   * Fills in each technician's active bookings and time off that touch `window`, in one statement.
   * `excludeBookingId` leaves out the booking being rescheduled, so it does not block itself.
   */
  async fillBusy(technicians: TechnicianInput[], window: Interval, excludeBookingId?: string): Promise<TechnicianInput[]> {
    if (technicians.length === 0) return technicians;
    // One row per technician and kind, the spans packed as binary timestamptz pairs (start, end,
    // start, end…): far fewer rows than one per booking, and nothing to parse but bytes, sent as
    // base64 (a third shorter than bytea's hex). Bookings come from booking_busy_span_idx alone,
    // already grouped by technician: no sort, no visit to the rows. (One row for everyone was
    // measured too: a single value of megabytes costs the driver far more than thousands of rows.)
    // The ids go as one text value: a uuid[] parameter of thousands of ids costs more to encode.
    const rows: { resource_id: string; kind: 'busy' | 'off'; spans: string }[] = await this.tenancy.manager.query(
      `SELECT resource_id, 'busy' AS kind, encode(string_agg(${PACKED_SPAN}, ''::bytea), 'base64') AS spans FROM booking
        WHERE resource_id = ANY(string_to_array($1, ',')::uuid[]) AND status IN ${ACTIVE_BOOKING} AND starts_at < $3 AND ends_at > $2
          AND ($4::uuid IS NULL OR id <> $4)
        GROUP BY resource_id
       UNION ALL
       SELECT resource_id, 'off', encode(string_agg(${PACKED_SPAN}, ''::bytea), 'base64') FROM time_off
        WHERE resource_id = ANY(string_to_array($1, ',')::uuid[]) AND starts_at < $3 AND ends_at > $2
        GROUP BY resource_id`,
      [technicians.map((technician) => technician.id).join(','), new Date(window.start), new Date(window.end), excludeBookingId ?? null],
    );
    const byId = new Map(technicians.map((technician) => [technician.id, { ...technician, busy: NO_SPANS, timeOff: NO_SPANS }]));
    const spans = readSpans(rows.map((row) => row.spans));
    rows.forEach((row, index) => {
      const technician = byId.get(row.resource_id);
      if (technician) technician[row.kind === 'busy' ? 'busy' : 'timeOff'] = spans[index] ?? NO_SPANS;
    });
    return [...byId.values()];
  }
}
