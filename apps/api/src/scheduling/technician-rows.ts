import type { IsoWeekday, PackedIntervals, TechnicianInput, WorkInterval } from '@fieldbook/scheduling';

/**
 * How technicians and their calendars travel from SQL to the engine. A large team means thousands
 * of technicians and hundreds of thousands of bookings per search, so everything is sent as compact
 * text that the server builds cheaply and the API decodes without one object per booking.
 */

/** A technician's skills as 'skillId level,skillId level'; null when none. */
export const SKILLS_OF_R = `(SELECT string_agg(skill_id || ' ' || proficiency, ',') FROM resource_skill WHERE resource_id = r.id)`;

/**
 * A technician's weekly hours as 'weekday startMinute endMinute,…' in day order; null when none.
 * Written the same way for the same hours, so that technicians on one pattern share one list
 * (and the engine lays each pattern out once).
 */
export const HOURS_OF_R = `(SELECT string_agg(weekday || ' ' || start_minute || ' ' || end_minute, ',' ORDER BY weekday, start_minute)
                              FROM work_hours WHERE resource_id = r.id)`;

/** A booking or time off as binary timestamptz (int64 microseconds since 2000-01-01 UTC): no arithmetic on the server. */
export const PACKED_SPAN = `timestamptz_send(starts_at) || timestamptz_send(ends_at)`;

export interface TechnicianRow {
  id: string;
  home_lat: number;
  home_lng: number;
  time_zone: string;
  skills: string | null;
  hours: string | null;
}

export const NO_SPANS: PackedIntervals = new Float64Array(0);

/** 'HH:mm' for every minute of a day and 24:00, built once. */
const CLOCK = Array.from({ length: 24 * 60 + 1 }, (_, minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

function clock(minutes: number): string {
  return CLOCK[minutes] ?? '00:00';
}

function parseHours(text: string | null): WorkInterval[] {
  if (!text) return [];
  return text.split(',').map((entry) => {
    const [weekday, start, end] = entry.split(' ').map(Number);
    return { weekday: weekday as IsoWeekday, start: clock(start ?? 0), end: clock(end ?? 0) };
  });
}

function parseSkills(text: string | null): TechnicianInput['skills'] {
  if (!text) return [];
  return text.split(',').map((entry) => {
    const [skillId = '', proficiency] = entry.split(' ');
    return { skillId, proficiency: Number(proficiency) };
  });
}

/** Active technicians as engine input, no calendar yet; technicians with the same hours share one list. */
export function toTechnicians(rows: TechnicianRow[]): TechnicianInput[] {
  const hoursByText = new Map<string | null, WorkInterval[]>();
  return rows.map((row) => {
    let weeklyHours = hoursByText.get(row.hours);
    if (!weeklyHours) {
      weeklyHours = parseHours(row.hours);
      hoursByText.set(row.hours, weeklyHours);
    }
    return {
      id: row.id,
      active: true,
      skills: parseSkills(row.skills),
      home: { lat: row.home_lat, lng: row.home_lng },
      timeZone: row.time_zone,
      weeklyHours,
      timeOff: NO_SPANS,
      busy: NO_SPANS,
    };
  });
}

const POSTGRES_EPOCH_US = 946_684_800_000_000;
const TWO_TO_32 = 4_294_967_296;

/** Epoch milliseconds of the timestamptz_send value at `offset`; ±infinity stay infinite. */
function readInstant(bytes: DataView, offset: number): number {
  const high = bytes.getInt32(offset);
  const low = bytes.getUint32(offset + 4);
  if (high === 0x7fffffff && low === 0xffffffff) return Number.POSITIVE_INFINITY;
  if (high === -0x80000000 && low === 0) return Number.NEGATIVE_INFINITY;
  // Whole microseconds since 1970 stay exact in a double for ±285 years; one division rounds once.
  return (high * TWO_TO_32 + low + POSTGRES_EPOCH_US) / 1000;
}

/**
 * Each text's spans — base64 of PACKED_SPAN values — decoded into one shared array, and each
 * text's share of it as a view: one allocation per search instead of two per technician, which
 * matters more to the garbage collector than the decoding does.
 */
export function readSpans(texts: string[]): PackedIntervals[] {
  const bytes = Buffer.allocUnsafe(texts.reduce((total, text) => total + Math.ceil((text.length * 3) / 4), 0));
  const ends: number[] = [];
  let length = 0;
  for (const text of texts) {
    length += bytes.write(text, length, 'base64');
    ends.push(length);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, length);
  const values = new Float64Array(length / 8);
  for (let index = 0; index < values.length; index += 1) values[index] = readInstant(view, 8 * index);
  let start = 0;
  return ends.map((end) => {
    const spans = values.subarray(start / 8, end / 8);
    start = end;
    return spans;
  });
}
