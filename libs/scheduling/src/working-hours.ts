import { DAY_MS, MINUTE_MS, isoWeekdayOf, parseClockTime } from './calendar-date';
import { clipIntervals } from './intervals';
import { Interval, IsoWeekday, WorkInterval } from './schedule.types';
import { ZoneClock } from './time-zone';

export function isIsoWeekday(value: unknown): value is IsoWeekday {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 7;
}

/** Minutes since local midnight, [start, end). */
export interface DayStretch {
  start: number;
  end: number;
}

/** Stretches per ISO weekday (index 1–7), sorted, with touching ones joined. Malformed ones are skipped. */
export function stretchesByWeekday(weeklyHours: readonly WorkInterval[]): DayStretch[][] {
  const days: DayStretch[][] = [[], [], [], [], [], [], [], []];
  for (const hours of weeklyHours) {
    const start = parseClockTime(hours.start);
    const end = parseClockTime(hours.end);
    if (start === null || end === null || start >= end || !isIsoWeekday(hours.weekday)) continue;
    days[hours.weekday].push({ start, end });
  }
  return days.map((stretches) => {
    const joined: DayStretch[] = [];
    for (const stretch of [...stretches].sort((a, b) => a.start - b.start)) {
      const last = joined[joined.length - 1];
      if (last && stretch.start <= last.end) last.end = Math.max(last.end, stretch.end);
      else joined.push({ ...stretch });
    }
    return joined;
  });
}

/**
 * A weekly pattern laid onto real instants within `window`. Each local date is resolved on its
 * own through the zone's offsets, so a short or long day (DST) yields a shorter or longer
 * stretch rather than one shifted by an hour. Result is normalized.
 */
export function expandWeeklyHours(
  weekly: readonly DayStretch[][],
  clock: ZoneClock,
  window: Interval,
): Interval[] {
  // One extra local day each side: a stretch of the previous local date can reach into the window.
  const firstDay = Math.floor(clock.toWall(window.start) / DAY_MS) - 1;
  const lastDay = Math.floor(clock.toWall(window.end) / DAY_MS) + 1;
  const expanded: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day += 1) {
    const midnight = day * DAY_MS;
    for (const stretch of weekly[isoWeekdayOf(day)]) {
      const start = clock.fromWall(midnight + stretch.start * MINUTE_MS).instant;
      const end = clock.fromWall(midnight + stretch.end * MINUTE_MS).instant;
      if (end <= start) continue;
      const last = expanded[expanded.length - 1];
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else expanded.push({ start, end });
    }
  }
  return clipIntervals(expanded, window);
}
