import { type Instant, type Interval, type LocalDateTime, instantToLocal, localDateTimeToInstant } from '@fieldbook/scheduling';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first instant of a local date. Where midnight itself does not exist (a DST jump at 00:00), the first minute that does. */
export function startOfLocalDay(date: string, timeZone: string): Instant {
  for (let minute = 0; minute < 24 * 60; minute += 15) {
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const instant = localDateTimeToInstant(date, time, timeZone);
    if (instant !== null) return instant;
  }
  throw new Error(`No valid local time on ${date} in ${timeZone}`);
}

/** [first instant of `from`, first instant of the day after `to`) in the zone. */
export function localDateRange(from: string, to: string, timeZone: string): Interval {
  return { start: startOfLocalDay(from, timeZone), end: startOfLocalDay(addDays(to, 1), timeZone) };
}

/** '+05:30', '-05:00' for an offset in minutes; few distinct ones exist, each is written once. */
const OFFSETS = new Map<number, string>();

function offsetText(offsetMinutes: number): string {
  let text = OFFSETS.get(offsetMinutes);
  if (text === undefined) {
    const offset = Math.abs(offsetMinutes);
    text = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(offset / 60)).padStart(2, '0')}:${String(offset % 60).padStart(2, '0')}`;
    OFFSETS.set(offsetMinutes, text);
  }
  return text;
}

/** ISO 8601 in the zone's own offset: 2026-12-01T09:00:00-05:00. `read` may be a localClockFor() of the zone, for many instants. */
export function toZonedIso(instant: Instant, timeZone: string, read: (instant: Instant) => LocalDateTime = (at) => instantToLocal(at, timeZone)): string {
  const local = read(instant);
  return `${local.date}T${local.time}:00${offsetText(local.offsetMinutes)}`;
}

export function localDate(instant: Instant, timeZone: string): string {
  return instantToLocal(instant, timeZone).date;
}
