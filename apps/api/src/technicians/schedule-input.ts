import { WeeklyHoursInterval } from '@fieldbook/contracts';
import { FieldIssue } from '../common/domain-error';
import { canonicalTimeZone as canonicalZoneName } from '../common/field-validators';

/** A weekly-hours stretch as stored: minutes after local midnight, end exclusive (1440 = 24:00). */
export interface MinuteInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export const MAX_WEEKLY_HOURS_INTERVALS = 100;
const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** 'HH:mm' → minutes after midnight; '24:00' only where an end is meant. Anything else → null. */
export function parseClock(text: string, isEnd: boolean): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440 || (minutes === 1440 && !isEnd)) return null;
  return minutes;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Checks a full weekly pattern: each time is well formed, each end is after its start, and no
 * two stretches of one weekday overlap (touching is fine). Problems are reported per item, by path.
 */
export function checkWeeklyHours(items: readonly WeeklyHoursInterval[], field: string): { intervals: MinuteInterval[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (items.length > MAX_WEEKLY_HOURS_INTERVALS) {
    return { intervals: [], issues: [{ field, code: 'tooMany', params: { max: MAX_WEEKLY_HOURS_INTERVALS } }] };
  }
  const parsed: (MinuteInterval & { index: number })[] = [];
  items.forEach((item, index) => {
    const startMinute = parseClock(item.start, false);
    const endMinute = parseClock(item.end, true);
    if (startMinute === null) issues.push({ field: `${field}.${index}.start`, code: 'clockTime', params: { value: item.start } });
    if (endMinute === null) issues.push({ field: `${field}.${index}.end`, code: 'clockTime', params: { value: item.end } });
    if (startMinute === null || endMinute === null) return;
    if (endMinute <= startMinute) {
      issues.push({ field: `${field}.${index}.end`, code: 'endNotAfterStart', params: { start: item.start, end: item.end } });
      return;
    }
    parsed.push({ weekday: item.weekday, startMinute, endMinute, index });
  });

  const sorted = [...parsed].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute || a.index - b.index);
  let reach: (typeof sorted)[number] | undefined;
  for (const current of sorted) {
    if (reach && reach.weekday === current.weekday && current.startMinute < reach.endMinute) {
      issues.push({
        field: `${field}.${current.index}`,
        code: 'hoursOverlap',
        params: {
          start: formatClock(current.startMinute),
          end: formatClock(current.endMinute),
          otherStart: formatClock(reach.startMinute),
          otherEnd: formatClock(reach.endMinute),
        },
      });
    }
    if (!reach || reach.weekday !== current.weekday || current.endMinute > reach.endMinute) reach = current;
  }
  // Item order, then the order found within an item (start before end); Array.prototype.sort is stable.
  const itemIndex = (issue: FieldIssue) => Number(issue.field.slice(field.length + 1).split('.')[0]);
  issues.sort((a, b) => itemIndex(a) - itemIndex(b));
  return { intervals: sorted.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute })), issues };
}

/** The zone's IANA name, or null; one rule for every zone the API accepts (see common/field-validators). */
export function canonicalTimeZone(zone: string): string | null {
  return canonicalZoneName(zone) ?? null;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an ISO 8601 date-time that names its offset ('Z' or ±HH:mm). A time without an offset is
 * ambiguous and refused, as are impossible dates (30 February) and times (24:30). Returns null.
 */
export function parseOffsetDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return null;
  if (match[7] !== 'Z' && (Number(match[9]) > 14 || Number(match[10]) > 59)) return null;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Normalises spacing and punctuation out of a phone number; null when it is not international (E.164). */
export function normalizePhone(text: string): string | null {
  const compact = text.replace(/[\s\-().]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}
