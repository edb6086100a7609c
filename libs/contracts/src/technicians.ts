import type { ListQuery } from './scheduling';

/** Skill levels run from 1 (basic) to 5 (expert). */
export const PROFICIENCY_MIN = 1;
export const PROFICIENCY_MAX = 5;

/** A skill as held by a technician. */
export interface TechnicianSkill {
  skillId: string;
  skillName: string;
  /** 1–5 */
  proficiency: number;
  /** False when the skill has been deactivated since it was assigned; it then counts for nothing. */
  skillActive: boolean;
}

export interface TechnicianSkillAssignment {
  skillId: string;
  /** 1–5 */
  proficiency: number;
}

/**
 * One stretch of a technician's weekly pattern, read in the technician's own time zone.
 * `weekday` is ISO (1 = Monday … 7 = Sunday); `start` and `end` are 'HH:mm', and `end` may be
 * '24:00'. Stretches of one weekday may touch (08:00–12:00, 12:00–16:00) but never overlap.
 */
export interface WeeklyHoursInterval {
  weekday: number;
  start: string;
  end: string;
}

export interface ReplaceWeeklyHoursRequest {
  weeklyHours: WeeklyHoursInterval[];
}

export interface ReplaceTechnicianSkillsRequest {
  skills: TechnicianSkillAssignment[];
}

export interface SetTechnicianSkillRequest {
  proficiency: number;
}

export interface TimeOff {
  id: string;
  technicianId: string;
  /** ISO 8601 in UTC. */
  startsAt: string;
  endsAt: string;
  reason: string | null;
  createdAt: string;
}

export interface CreateTimeOffRequest {
  /** ISO 8601 with an offset (or Z), e.g. 2026-03-02T08:00:00+01:00. */
  startsAt: string;
  endsAt: string;
  reason?: string;
}

export interface TimeOffListQuery {
  limit?: number;
  offset?: number;
  /** Also list time off that is already over (default: only current and upcoming). */
  includePast?: boolean;
}

/** A technician as listed: the fields, and the skills held. */
export interface TechnicianSummary {
  id: string;
  externalKey: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  homeLat: number;
  homeLng: number;
  /** IANA zone in which the weekly hours are read, e.g. Europe/Berlin. */
  timeZone: string;
  active: boolean;
  skills: TechnicianSkill[];
  createdAt: string;
  updatedAt: string;
}

/** One technician with the weekly pattern and the time off still to come. */
export interface Technician extends TechnicianSummary {
  weeklyHours: WeeklyHoursInterval[];
  /** Current and future time off, earliest first (at most 50; the time-off list has all). */
  upcomingTimeOff: TimeOff[];
}

export interface TechnicianListQuery extends ListQuery {
  /** Only technicians holding this skill. */
  skillId?: string;
  /** Exactly active (true) or exactly deactivated (false) technicians; overrides includeInactive. */
  active?: boolean;
}

export interface CreateTechnicianRequest {
  name: string;
  email?: string;
  /** International format, e.g. +4930123456. */
  phone?: string;
  homeLat: number;
  homeLng: number;
  timeZone: string;
  externalKey?: string;
  active?: boolean;
  skills?: TechnicianSkillAssignment[];
  weeklyHours?: WeeklyHoursInterval[];
}

/** Fields left out stay as they are; null clears an optional field. `active: false` deactivates. */
export interface UpdateTechnicianRequest {
  name?: string;
  email?: string | null;
  phone?: string | null;
  homeLat?: number;
  homeLng?: number;
  timeZone?: string;
  externalKey?: string | null;
  active?: boolean;
}
