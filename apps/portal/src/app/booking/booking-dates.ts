import { DateRange } from './booking-api.service';

/**
 * Calendar arithmetic on local dates (YYYY-MM-DD, the API's format for days in the service
 * location's zone) and their display through Intl. A local date is a day on the wall calendar,
 * not an instant: it is formatted at noon UTC with `timeZone: 'UTC'`, so no zone can shift it.
 */

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
}

function fromUtc(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** YYYY-MM of a local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
  return fromUtc(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + months, 1, 12)).slice(0, 7);
}

export function firstOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastOfMonth(month: string): string {
  return addDays(firstOfMonth(addMonths(month, 1)), -1);
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay() || 7;
}

/** The day weeks start on in `language`, 1 (Monday) to 7 (Sunday), from the browser's locale data. */
export function firstDayOfWeek(language: string): number {
  type WithWeekInfo = Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
  try {
    const locale = new Intl.Locale(language).maximize() as WithWeekInfo;
    return locale.getWeekInfo?.().firstDay ?? locale.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

/** The weeks of `month` as rows of seven local dates, null for days of the neighbouring months. */
export function monthWeeks(month: string, weekStart: number): (string | null)[][] {
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  const lead = (isoWeekday(first) - weekStart + 7) % 7;
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = first; day <= last; day = addDays(day, 1)) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** The local date an instant falls on in `timeZone`. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in `timeZone`, or the browser's zone. */
export function today(timeZone?: string, now = new Date()): string {
  return localDateOf(now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** `range` cut into consecutive ranges of at most `maxDays` days (the API caps a slot query). */
export function splitRange(range: DateRange, maxDays: number): DateRange[] {
  const size = Math.max(1, Math.floor(maxDays));
  const parts: DateRange[] = [];
  for (let from = range.from; from <= range.to; from = addDays(from, size)) {
    const end = addDays(from, size - 1);
    parts.push({ from, to: end < range.to ? end : range.to });
  }
  return parts;
}

export function formatDay(date: string, language: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'full' }): string {
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(toUtc(date));
}

export function formatMonth(month: string, language: string): string {
  return formatDay(firstOfMonth(month), language, { month: 'long', year: 'numeric' });
}

/** Day-of-month number as the language writes it. */
export function formatDayNumber(date: string, language: string): string {
  return formatDay(date, language, { day: 'numeric' });
}

/** Weekday names for the columns, starting at `weekStart`: short for display, long for screen readers. */
export function weekdayNames(language: string, weekStart: number): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, index) => {
    const date = addDays('2024-01-01', (weekStart - 1 + index) % 7);
    return { short: formatDay(date, language, { weekday: 'short' }), long: formatDay(date, language, { weekday: 'long' }) };
  });
}

/** A slot's time of day in the service location's zone, on a 24-hour clock ("09:00"). */
export function formatTime(instant: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** The full date of an instant in the service location's zone. */
export function formatDate(instant: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'full' }).format(new Date(instant));
}

/** From start to end in the service location's zone, e.g. "09:00 – 10:30". */
export function formatTimeRange(start: string, end: string, language: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return format.formatRange(new Date(start), new Date(end));
}
