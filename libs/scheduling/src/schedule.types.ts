/** Epoch milliseconds, UTC. */
export type Instant = number;

/** Half-open [start, end). */
export interface Interval {
  start: Instant;
  end: Instant;
}

/**
 * Intervals packed into one array as [start0, end0, start1, end1, …]: how a calendar of thousands
 * of bookings is handed over without one object per booking.
 */
export type PackedIntervals = Float64Array;

/** A technician's time off or bookings, in any order, overlapping or not. */
export type IntervalList = readonly Interval[] | PackedIntervals;

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One stretch of a technician's weekly pattern, in the technician's own zone.
 * `start`/`end` are 'HH:mm'; `end` may be '24:00'. Stretches that touch (12:00 | 12:00, or
 * 24:00 | next day 00:00) form one continuous stretch, which is how an overnight shift is written.
 */
export interface WorkInterval {
  weekday: IsoWeekday;
  start: string;
  end: string;
}

export interface TechnicianSkill {
  skillId: string;
  /** 1–5 */
  proficiency: number;
}

export interface TechnicianInput {
  id: string;
  active: boolean;
  skills: TechnicianSkill[];
  home: GeoPoint;
  /** IANA zone in which `weeklyHours` are read. */
  timeZone: string;
  weeklyHours: WorkInterval[];
  timeOff: IntervalList;
  /** Existing active bookings, without travel buffers. */
  busy: IntervalList;
}

export interface RequiredSkill {
  skillId: string;
  skillName: string;
  minProficiency: number;
}

export interface ServiceLocation extends GeoPoint {
  /** Zone of the service location; the slot grid is counted from its local midnight. */
  timeZone: string;
}

export interface SlotSearchInput {
  technicians: TechnicianInput[];
  requiredSkills: RequiredSkill[];
  location: ServiceLocation;
  durationMinutes: number;
  /** Free time needed between this job and any other booking, on both sides. */
  travelBufferMinutes: number;
  /** Slot starts lie on this grid, counted from local midnight in the location's zone. */
  granularityMinutes: number;
  /** 0 = no limit; great-circle distance from the technician's home to the location. */
  travelRadiusKm: number;
  /** The range the caller asked for. */
  requested: Interval;
  /** [now + minimum lead, now + maximum lead], computed by the caller; results are clamped to it. */
  bookingWindow: Interval;
}

export interface Slot {
  start: Instant;
  end: Instant;
  /** Sorted by code unit order. */
  technicianIds: string[];
}

export type NoSlotReason =
  | { code: 'noTechnicians' }
  | { code: 'missingSkill'; skillId: string; skillName: string; minProficiency: number }
  | { code: 'beyondRadius'; radiusKm: number }
  | { code: 'outsideBookingWindow' }
  | { code: 'noWorkingHours' }
  | { code: 'fullyBooked' };

export type NoSlotReasonCode = NoSlotReason['code'];

export interface SlotSearchResult {
  /** requested ∩ bookingWindow, or null when they do not meet. */
  window: Interval | null;
  /** Sorted by start. */
  slots: Slot[];
  /** Non-empty exactly when `slots` is empty; ordered from the earliest stage of the search that failed. */
  reasons: NoSlotReason[];
}

/** A wall-clock reading in a zone. */
export interface LocalDateTime {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:mm' */
  time: string;
  weekday: IsoWeekday;
  /** Local time minus UTC, in minutes (e.g. 330 for Asia/Kolkata). */
  offsetMinutes: number;
}
