import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  formatClockTime,
  formatIsoDate,
  isoWeekdayOf,
  parseClockTime,
  parseIsoDate,
  wallMs,
} from './calendar-date';
import { InvalidScheduleInputError } from './invalid-schedule-input.error';
import { Instant, Interval, LocalDateTime } from './schedule.types';

/**
 * Offsets are sampled at this step and transitions located by bisection in between. Zone rules
 * change an offset at most a few times a year, never twice within six hours, so no transition
 * can hide between two samples (the DST matrix test cross-checks the zones it covers).
 */
const SAMPLE_STEP_MS = 6 * HOUR_MS;
/** Larger than any UTC offset, so a wall time's instants all lie within this distance of it. */
const MAX_OFFSET_MS = 26 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Zone names only: newer engines also accept offsets such as '+05:30', which follow no DST rule. */
const ZONE_NAME = /^[A-Za-z][\w+-]*(\/[\w+-]+)*$/;

/** Whether `timeZone` is a zone name this runtime knows (case-insensitive, aliases included). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !ZONE_NAME.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall clock at `instant` (whole seconds), as wall milliseconds. */
function wallClockAt(instant: Instant, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const minutes = (fields['hour'] % 24) * 60 + fields['minute'];
  return wallMs(fields['year'], fields['month'], fields['day'], minutes) + fields['second'] * 1000;
}

/** Local time minus UTC at `instant`, in milliseconds. */
export function offsetMsAt(instant: Instant, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClockAt(wholeSecond, timeZone) - wholeSecond;
}

/** Where a wall time lands: its first occurrence, or — if the clock skips it — the instant of the skip. */
export interface WallResolution {
  instant: Instant;
  exists: boolean;
}

/** Read once: fromWall runs for every slot start of a search, and a global is slow to look up in a vm context. */
const FOREVER = Number.POSITIVE_INFINITY;

/**
 * A zone's offsets over a span, read once from Intl so that every later conversion is arithmetic.
 * Segment i has offset `offsets[i]` from `starts[i]` until `starts[i + 1]`.
 */
export class ZoneClock {
  private readonly starts: number[] = [Number.NEGATIVE_INFINITY];
  private readonly offsets: number[] = [];

  constructor(
    readonly timeZone: string,
    span: Interval,
  ) {
    const first = Math.floor(span.start / HOUR_MS) * HOUR_MS;
    let previous = offsetMsAt(first, timeZone);
    this.offsets.push(previous);
    for (let at = first + SAMPLE_STEP_MS; at < span.end + SAMPLE_STEP_MS; at += SAMPLE_STEP_MS) {
      const offset = offsetMsAt(at, timeZone);
      if (offset === previous) continue;
      this.starts.push(this.findChange(at - SAMPLE_STEP_MS, at, previous));
      this.offsets.push(offset);
      previous = offset;
    }
  }

  /** Transitions inside the span, in order. */
  get transitions(): { at: Instant; offsetBeforeMs: number; offsetAfterMs: number }[] {
    return this.starts.slice(1).map((at, i) => ({
      at,
      offsetBeforeMs: this.offsets[i],
      offsetAfterMs: this.offsets[i + 1],
    }));
  }

  offsetAt(instant: Instant): number {
    return this.offsets[this.segmentOf(instant)];
  }

  toWall(instant: Instant): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * The first instant at which the local clock reads `wall` or later. For a repeated reading
   * (clocks set back) that is its first occurrence; for a skipped one (clocks set forward) it is
   * the moment of the skip, so a stretch of working time is clipped, never moved.
   */
  fromWall(wall: number): WallResolution {
    const last = this.starts.length - 1;
    for (let i = this.segmentOf(wall - MAX_OFFSET_MS); i <= last; i += 1) {
      const candidate = wall - this.offsets[i];
      const segmentEnd = i < last ? this.starts[i + 1] : FOREVER;
      if (candidate >= this.starts[i] && candidate < segmentEnd) return { instant: candidate, exists: true };
      if (i < last && wall >= segmentEnd + this.offsets[i] && wall < segmentEnd + this.offsets[i + 1]) {
        return { instant: segmentEnd, exists: false };
      }
    }
    // Unreachable for a consistent segment list; answering with the last offset keeps this total.
    return { instant: wall - this.offsets[last], exists: true };
  }

  private segmentOf(instant: Instant): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= instant) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** First whole second in (before, after] whose offset differs from `offsetBefore`. */
  private findChange(before: Instant, after: Instant, offsetBefore: number): Instant {
    let low = before;
    let high = after;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetMsAt(middle, this.timeZone) === offsetBefore) low = middle;
      else high = middle;
    }
    return high;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new InvalidScheduleInputError([`'${timeZone}' is not a valid IANA time zone`]);
  }
}

/**
 * The instant a local date and time denote in `timeZone`: null when the clock skips that time
 * (spring forward); the first occurrence when it repeats (fall back). '24:00' is the next midnight.
 */
export function localDateTimeToInstant(date: string, time: string, timeZone: string): Instant | null {
  const day = parseIsoDate(date);
  const minutes = parseClockTime(time);
  const problems = [
    ...(day === null ? [`'${date}' is not a date in the form YYYY-MM-DD`] : []),
    ...(minutes === null ? [`'${time}' is not a time in the form HH:mm`] : []),
  ];
  if (problems.length > 0) throw new InvalidScheduleInputError(problems);
  assertTimeZone(timeZone);
  const wall = (day as number) * DAY_MS + (minutes as number) * MINUTE_MS;
  const clock = new ZoneClock(timeZone, { start: wall - 2 * DAY_MS, end: wall + 2 * DAY_MS });
  const resolution = clock.fromWall(wall);
  return resolution.exists ? resolution.instant : null;
}

/** What a clock in `timeZone` reads at `instant` (minute precision). */
export function instantToLocal(instant: Instant, timeZone: string): LocalDateTime {
  assertTimeZone(timeZone);
  if (!Number.isFinite(instant)) throw new InvalidScheduleInputError([`${instant} is not an instant`]);
  const offsetMs = offsetMsAt(instant, timeZone);
  const wall = Math.floor((instant + offsetMs) / MINUTE_MS) * MINUTE_MS;
  const day = Math.floor(wall / DAY_MS);
  return {
    date: formatIsoDate(day),
    time: formatClockTime((wall - day * DAY_MS) / MINUTE_MS),
    weekday: isoWeekdayOf(day),
    offsetMinutes: offsetMs / MINUTE_MS,
  };
}

/**
 * `instantToLocal` for many instants of one zone around `span`: the zone's offsets are read from
 * Intl once, every reading after that is arithmetic. Instants outside the span are read directly.
 */
export function localClockFor(timeZone: string, span: Interval): (instant: Instant) => LocalDateTime {
  assertTimeZone(timeZone);
  const covered = { start: span.start - DAY_MS, end: span.end + DAY_MS };
  const clock = new ZoneClock(timeZone, covered);
  // A search presents thousands of instants on a few dozen dates: each date is written once.
  const dates = new Map<number, string>();
  return (instant) => {
    if (!Number.isFinite(instant) || instant < covered.start || instant >= covered.end) return instantToLocal(instant, timeZone);
    const offsetMs = clock.offsetAt(Math.floor(instant / 1000) * 1000);
    const wall = Math.floor((instant + offsetMs) / MINUTE_MS) * MINUTE_MS;
    const day = Math.floor(wall / DAY_MS);
    let date = dates.get(day);
    if (date === undefined) {
      date = formatIsoDate(day);
      dates.set(day, date);
    }
    return { date, time: formatClockTime((wall - day * DAY_MS) / MINUTE_MS), weekday: isoWeekdayOf(day), offsetMinutes: offsetMs / MINUTE_MS };
  };
}
