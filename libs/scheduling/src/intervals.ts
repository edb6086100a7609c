import { Interval } from './schedule.types';

/**
 * Half-open interval arithmetic. "Normalized" lists are sorted by start, non-empty, and neither
 * overlap nor touch; every function returning a list returns a normalized one.
 */

export function intersectInterval(a: Interval, b: Interval): Interval | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Any list → normalized: sorts a copy, drops empty intervals, joins overlapping and touching ones. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/** Normalized `from` minus normalized `cut`, in one pass over both. */
export function subtractIntervals(from: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let j = 0;
  for (const interval of from) {
    let start = interval.start;
    while (j < cut.length && cut[j].end <= start) j += 1;
    let k = j;
    while (k < cut.length && cut[k].start < interval.end) {
      if (cut[k].start > start) result.push({ start, end: cut[k].start });
      start = Math.max(start, cut[k].end);
      k += 1;
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

/** Normalized `a` ∩ normalized `b`, in one pass over both. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) result.push({ start, end });
    if (a[i].end < b[j].end) i += 1;
    else j += 1;
  }
  return result;
}

/** Normalized list clipped to one window. */
export function clipIntervals(intervals: readonly Interval[], window: Interval): Interval[] {
  return intersectIntervals(intervals, [window]);
}

/** Each interval widened by `before` and `after` milliseconds (not normalized). */
export function widenIntervals(intervals: readonly Interval[], before: number, after: number): Interval[] {
  return intervals.map((i) => ({ start: i.start - before, end: i.end + after }));
}

export function totalDuration(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, i) => sum + (i.end - i.start), 0);
}
