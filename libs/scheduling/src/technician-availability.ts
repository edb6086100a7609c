import { DAY_MS, MINUTE_MS } from './calendar-date';
import { mergeIntervals } from './intervals';
import { SpanList, packIntervals } from './packed-intervals';
import { Interval, IntervalList, TechnicianInput, WorkInterval } from './schedule.types';
import { ZoneClock } from './time-zone';
import { DayStretch, expandWeeklyHours, stretchesByWeekday } from './working-hours';

/** Offsets are read a few days beyond the window so every local date touching it resolves. */
const CLOCK_MARGIN_MS = 3 * DAY_MS;

export function zoneClockFor(timeZone: string, window: Interval): ZoneClock {
  return new ZoneClock(timeZone, { start: window.start - CLOCK_MARGIN_MS, end: window.end + CLOCK_MARGIN_MS });
}

/** Reuses one ZoneClock per zone across many technicians. */
export class ZoneClockCache {
  private readonly clocks = new Map<string, ZoneClock>();

  constructor(private readonly window: Interval) {}

  get(timeZone: string): ZoneClock {
    let clock = this.clocks.get(timeZone);
    if (!clock) {
      clock = zoneClockFor(timeZone, this.window);
      this.clocks.set(timeZone, clock);
    }
    return clock;
  }
}

/** The zone and weekly pattern, normalized: equal keys mean equal working time. */
function patternKey(timeZone: string, weekly: readonly DayStretch[][]): string {
  return `${timeZone}|${weekly.map((day) => day.map((s) => `${s.start}-${s.end}`).join(',')).join(';')}`;
}

/**
 * Working time within one window, laid out once per distinct (zone, weekly pattern): in a large
 * team many technicians share both, and the layout is the only step that reads zone offsets.
 * Returned lists are shared between technicians and must not be modified.
 */
export class WorkingTimeCache {
  private readonly layouts = new Map<string, readonly Interval[]>();
  /** By list and zone: callers often hand technicians on one pattern the same list, and then nothing is parsed twice. */
  private readonly byList = new Map<readonly WorkInterval[], Map<string, readonly Interval[]>>();

  /** `clocks` may be shared with other work on the same window (the slot grid reads one too). */
  constructor(
    private readonly window: Interval,
    private readonly clocks = new ZoneClockCache(window),
  ) {}

  of(technician: TechnicianInput): readonly Interval[] {
    let zones = this.byList.get(technician.weeklyHours);
    if (!zones) {
      zones = new Map();
      this.byList.set(technician.weeklyHours, zones);
    }
    let working = zones.get(technician.timeZone);
    if (!working) {
      const weekly = stretchesByWeekday(technician.weeklyHours);
      const key = patternKey(technician.timeZone, weekly);
      working = this.layouts.get(key) ?? expandWeeklyHours(weekly, this.clocks.get(technician.timeZone), this.window);
      this.layouts.set(key, working);
      zones.set(technician.timeZone, working);
    }
    return working;
  }
}

export interface Blocking {
  /** Free time needed around each booking, on both sides. */
  bufferMinutes: number;
  /** False: only time off counts, which tells "does not work then" apart from "is booked then". */
  bookings: boolean;
}

/** Reusable lists for working out free time, one set per search (a search never interleaves technicians). */
export class FreeTimeScratch {
  readonly bookings = new SpanList();
  readonly timeOff = new SpanList();
  readonly blocked = new SpanList();
  readonly free = new SpanList();
}

const EARLIEST = Number.NEGATIVE_INFINITY;

/**
 * The spans of `list`, widened by `widen` on both sides, that are not empty and touch `window`,
 * appended to `out`. Returns whether they came in order of start, as a calendar read in order does.
 * Written as one flat loop over numbers: this runs once per booking of every technician.
 */
function gatherSpans(list: IntervalList, widen: number, window: Interval, out: SpanList): boolean {
  const from = list instanceof Float64Array ? list : packIntervals(list);
  const values = out.reserve(from.length / 2);
  const windowStart = window.start;
  const windowEnd = window.end;
  let length = out.length;
  let sorted = true;
  let lastStart = EARLIEST;
  for (let index = 0; index + 1 < from.length; index += 2) {
    const start = from[index] - widen;
    const end = from[index + 1] + widen;
    if (end <= start || start >= windowEnd || end <= windowStart) continue;
    if (start < lastStart) sorted = false;
    lastStart = start;
    values[2 * length] = start;
    values[2 * length + 1] = end;
    length += 1;
  }
  out.length = length;
  return sorted;
}

/** Two lists each sorted by start, merged into `out` normalized: overlapping and touching spans joined. */
function mergeSorted(a: SpanList, b: SpanList, out: SpanList): void {
  const values = out.reserve(a.length + b.length);
  const first = a.values;
  const second = b.values;
  let length = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let start: number;
    let end: number;
    if (j >= b.length || (i < a.length && first[2 * i] <= second[2 * j])) {
      start = first[2 * i];
      end = first[2 * i + 1];
      i += 1;
    } else {
      start = second[2 * j];
      end = second[2 * j + 1];
      j += 1;
    }
    if (length > 0 && start <= values[2 * length - 1]) {
      if (end > values[2 * length - 1]) values[2 * length - 1] = end;
    } else {
      values[2 * length] = start;
      values[2 * length + 1] = end;
      length += 1;
    }
  }
  out.length = length;
}

/**
 * What keeps a technician from starting a job, normalized, in `scratch.blocked`: time off, plus
 * (unless told otherwise) every booking widened by the buffer on both sides, within `window`.
 */
function blockedSpans(technician: TechnicianInput, window: Interval, blocking: Blocking, scratch: FreeTimeScratch): SpanList {
  const { bookings, timeOff, blocked } = scratch;
  bookings.clear();
  timeOff.clear();
  blocked.clear();
  let sorted = gatherSpans(technician.timeOff, 0, window, timeOff);
  if (blocking.bookings) sorted = gatherSpans(technician.busy, blocking.bufferMinutes * MINUTE_MS, window, bookings) && sorted;
  if (sorted) {
    mergeSorted(bookings, timeOff, blocked);
  } else {
    for (const interval of mergeIntervals([...timeOff.toIntervals(), ...bookings.toIntervals()])) blocked.push(interval.start, interval.end);
  }
  return blocked;
}

/**
 * Where a job may lie, in `scratch.free` (valid until the next call with the same scratch):
 * working time, minus time off, minus (unless told otherwise) every booking widened by the buffer
 * on both sides. A job [s, e) fits iff it lies inside one of the spans.
 */
export function freeSpans(
  working: readonly Interval[],
  technician: TechnicianInput,
  window: Interval,
  blocking: Blocking,
  scratch: FreeTimeScratch,
): SpanList {
  const free = scratch.free;
  free.clear();
  if (working.length === 0) return free;
  const cut = blockedSpans(technician, window, blocking, scratch);
  const blocked = cut.values;
  // Normalized working minus normalized cut, in one pass over both; each cut adds at most one span.
  const values = free.reserve(working.length + cut.length);
  let length = 0;
  let j = 0;
  for (let w = 0; w < working.length; w += 1) {
    let start = working[w].start;
    const end = working[w].end;
    while (j < cut.length && blocked[2 * j + 1] <= start) j += 1;
    let k = j;
    while (k < cut.length && blocked[2 * k] < end) {
      if (blocked[2 * k] > start) {
        values[2 * length] = start;
        values[2 * length + 1] = blocked[2 * k];
        length += 1;
      }
      if (blocked[2 * k + 1] > start) start = blocked[2 * k + 1];
      k += 1;
    }
    if (start < end) {
      values[2 * length] = start;
      values[2 * length + 1] = end;
      length += 1;
    }
  }
  free.length = length;
  return free;
}

/** `freeSpans` as a list of its own. */
export function availableIntervals(
  working: readonly Interval[],
  technician: TechnicianInput,
  window: Interval,
  blocking: Blocking,
): Interval[] {
  return freeSpans(working, technician, window, blocking, new FreeTimeScratch()).toIntervals();
}

/** The technician's working hours within `window`, as real instants (normalized). */
export function technicianWorkingIntervals(technician: TechnicianInput, window: Interval): Interval[] {
  return [...new WorkingTimeCache(window).of(technician)];
}

/** The technician's free time within `window`, for jobs needing `travelBufferMinutes` either side. */
export function technicianFreeIntervals(
  technician: TechnicianInput,
  window: Interval,
  travelBufferMinutes = 0,
): Interval[] {
  const working = new WorkingTimeCache(window).of(technician);
  return availableIntervals(working, technician, window, { bufferMinutes: travelBufferMinutes, bookings: true });
}
