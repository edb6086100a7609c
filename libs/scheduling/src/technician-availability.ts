import { DAY_MS, MINUTE_MS } from './calendar-date';
import { mergeIntervals, subtractIntervals } from './intervals';
import { Interval, TechnicianInput } from './schedule.types';
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

function patternKey(timeZone: string, weekly: readonly DayStretch[][]): string {
  return `${timeZone}|${weekly.map((day) => day.map((s) => `${s.start}-${s.end}`).join(',')).join(';')}`;
}

/**
 * Working time within one window, laid out once per distinct (zone, weekly pattern): in a large
 * team many technicians share both, and the layout is the only step that reads zone offsets.
 * Returned lists are shared between technicians and must not be modified.
 */
export class WorkingTimeCache {
  private readonly clocks: ZoneClockCache;
  private readonly layouts = new Map<string, readonly Interval[]>();

  constructor(private readonly window: Interval) {
    this.clocks = new ZoneClockCache(window);
  }

  of(technician: TechnicianInput): readonly Interval[] {
    const weekly = stretchesByWeekday(technician.weeklyHours);
    const key = patternKey(technician.timeZone, weekly);
    let working = this.layouts.get(key);
    if (!working) {
      working = expandWeeklyHours(weekly, this.clocks.get(technician.timeZone), this.window);
      this.layouts.set(key, working);
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

/**
 * Where a job may lie: working time, minus time off, minus (unless told otherwise) every booking
 * widened by the buffer on both sides. A job [s, e) fits iff it lies inside one returned interval.
 */
export function availableIntervals(
  working: readonly Interval[],
  technician: TechnicianInput,
  window: Interval,
  blocking: Blocking,
): readonly Interval[] {
  if (working.length === 0) return working;
  const buffer = blocking.bufferMinutes * MINUTE_MS;
  const blocked: Interval[] = [];
  for (const off of technician.timeOff) {
    if (off.start < window.end && off.end > window.start) blocked.push(off);
  }
  if (blocking.bookings) {
    for (const booking of technician.busy) {
      const start = booking.start - buffer;
      const end = booking.end + buffer;
      if (start < window.end && end > window.start) blocked.push({ start, end });
    }
  }
  return blocked.length === 0 ? working : subtractIntervals(working, mergeIntervals(blocked));
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
  return [...availableIntervals(working, technician, window, { bufferMinutes: travelBufferMinutes, bookings: true })];
}
