import { MINUTES_PER_DAY, parseClockTime } from './calendar-date';
import { WorkInterval } from './schedule.types';
import { isIsoWeekday } from './working-hours';

interface ProblemBase {
  /** Position of the offending entry in the list given. */
  index: number;
  /** One English sentence, for logs and developers; callers translate by `code`. */
  message: string;
}

export type WeeklyHoursProblem = ProblemBase &
  (
    | { code: 'invalidWeekday'; field: 'weekday' }
    | { code: 'malformedTime'; field: 'start' | 'end' }
    | { code: 'endNotAfterStart'; field: 'end' }
    | { code: 'overlap'; field: 'start'; overlapsIndex: number }
  );

interface ParsedEntry {
  index: number;
  weekday: number;
  start: number;
  end: number;
}

/** Start is 00:00–23:59, end 00:00–24:00; null when malformed. */
function parseBound(value: unknown, field: 'start' | 'end'): number | null {
  const minutes = typeof value === 'string' ? parseClockTime(value) : null;
  return field === 'start' && minutes === MINUTES_PER_DAY ? null : minutes;
}

function overlapProblems(entries: ParsedEntry[]): WeeklyHoursProblem[] {
  const problems: WeeklyHoursProblem[] = [];
  const sorted = [...entries].sort(
    (a, b) => a.weekday - b.weekday || a.start - b.start || a.index - b.index,
  );
  let reach: ParsedEntry | undefined;
  for (const entry of sorted) {
    if (reach && reach.weekday === entry.weekday && entry.start < reach.end) {
      const [index, overlapsIndex] = [Math.max(entry.index, reach.index), Math.min(entry.index, reach.index)];
      const message = `entry ${index} overlaps entry ${overlapsIndex}`;
      problems.push({ index, code: 'overlap', field: 'start', overlapsIndex, message });
    }
    if (!reach || reach.weekday !== entry.weekday || entry.end > reach.end) reach = entry;
  }
  return problems;
}

/**
 * Problems in a weekly pattern, by entry index: a weekday outside 1–7, a time not in HH:mm (start
 * 00:00–23:59, end up to 24:00), an end not after its start, and two entries of one weekday that
 * overlap. Entries that only touch (09:00–12:00 and 12:00–17:00) are fine. Empty when valid.
 */
export function validateWeeklyHours(hours: readonly WorkInterval[]): WeeklyHoursProblem[] {
  const problems: WeeklyHoursProblem[] = [];
  const valid: ParsedEntry[] = [];
  hours.forEach((entry, index) => {
    const weekdayOk = isIsoWeekday(entry.weekday);
    if (!weekdayOk) {
      problems.push({ index, code: 'invalidWeekday', field: 'weekday', message: `entry ${index} has no weekday 1–7` });
    }
    const start = parseBound(entry.start, 'start');
    const end = parseBound(entry.end, 'end');
    for (const [field, value] of [['start', start], ['end', end]] as const) {
      const message = `entry ${index} has a ${field} that is not HH:mm`;
      if (value === null) problems.push({ index, code: 'malformedTime', field, message });
    }
    if (start === null || end === null) return;
    if (end <= start) {
      const message = `entry ${index} ends at or before its start`;
      problems.push({ index, code: 'endNotAfterStart', field: 'end', message });
    } else if (weekdayOk) {
      valid.push({ index, weekday: entry.weekday, start, end });
    }
  });
  return [...problems, ...overlapProblems(valid)].sort((a, b) => a.index - b.index);
}
