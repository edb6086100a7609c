import { IsoWeekday } from './schedule.types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const MINUTES_PER_DAY = 24 * 60;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^(\d{2}):(\d{2})$/;

/**
 * Calendar arithmetic on "wall" milliseconds: a local date-time laid out on a UTC-like axis, so
 * that days are exactly 24 h long and no zone rule is involved.
 */
export function wallMs(year: number, month: number, day: number, minutesOfDay = 0): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + minutesOfDay * MINUTE_MS;
}

/** Days since 1970-01-01 of an ISO date, or null when it is malformed or not a real date. */
export function parseIsoDate(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = wallMs(year, month, day);
  const back = new Date(ms);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round(ms / DAY_MS);
}

/** Minutes since midnight of 'HH:mm' (00:00–23:59, or 24:00 for the end of a day), or null. */
export function parseClockTime(text: string): number | null {
  const match = CLOCK_TIME.exec(text);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  return hours < 24 ? hours * 60 + minutes : null;
}

export function formatIsoDate(dayNumber: number): string {
  const date = new Date(dayNumber * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** 'HH:mm' of every whole minute of a day and 24:00, written once: slots are presented by the thousand. */
const CLOCK_TIMES = Array.from({ length: MINUTES_PER_DAY + 1 }, (_, minutes) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`);

export function formatClockTime(minutesOfDay: number): string {
  return CLOCK_TIMES[minutesOfDay] ?? `${pad2(Math.floor(minutesOfDay / 60))}:${pad2(minutesOfDay % 60)}`;
}

/** ISO weekday of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
