import { DAY_MS, MINUTES_PER_DAY, MINUTE_MS } from './calendar-date';
import { Instant, Interval } from './schedule.types';
import { ZoneClock } from './time-zone';

/**
 * Slot starts: every `granularityMinutes` from each local midnight of the clock's zone, as real
 * instants. A local time the clock skips is no start; one it repeats is a start once, at its first
 * occurrence. Only starts whose whole job [start, start + duration) lies inside `window` are
 * returned, sorted (the first occurrence of a later wall time is never earlier).
 */
export function slotGrid(
  clock: ZoneClock,
  window: Interval,
  granularityMinutes: number,
  durationMs: number,
): Instant[] {
  const latest = window.end - durationMs;
  const starts: Instant[] = [];
  if (latest < window.start) return starts;
  // One local date more on each side: a clock set back across midnight shows an earlier date later on.
  const firstDay = Math.floor(clock.toWall(window.start) / DAY_MS) - 1;
  const lastDay = Math.floor(clock.toWall(latest) / DAY_MS) + 1;
  for (let day = firstDay; day <= lastDay; day += 1) {
    for (let minute = 0; minute < MINUTES_PER_DAY; minute += granularityMinutes) {
      const { instant, exists } = clock.fromWall(day * DAY_MS + minute * MINUTE_MS);
      if (exists && instant >= window.start && instant <= latest) starts.push(instant);
    }
  }
  return starts;
}

/** Whether `instant` is a position of the grid `slotGrid` lays out (ignoring any window). */
export function isOnSlotGrid(clock: ZoneClock, instant: Instant, granularityMinutes: number): boolean {
  const wall = clock.toWall(instant);
  const minuteOfDay = (wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS;
  if (!Number.isInteger(minuteOfDay) || minuteOfDay % granularityMinutes !== 0) return false;
  const first = clock.fromWall(wall);
  return first.exists && first.instant === instant;
}

/** Index of the first start ≥ `value`, searching from `from` on. */
export function firstStartFrom(starts: readonly Instant[], value: Instant, from = 0): number {
  let low = from;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
