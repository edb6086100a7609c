import { Interval, IntervalList, PackedIntervals } from './schedule.types';

export function packIntervals(intervals: readonly Interval[]): PackedIntervals {
  const packed = new Float64Array(intervals.length * 2);
  intervals.forEach((interval, index) => {
    packed[2 * index] = interval.start;
    packed[2 * index + 1] = interval.end;
  });
  return packed;
}

export function unpackIntervals(list: IntervalList): Interval[] {
  if (!(list instanceof Float64Array)) return list.map((interval) => ({ start: interval.start, end: interval.end }));
  const intervals: Interval[] = [];
  for (let index = 0; index + 1 < list.length; index += 2) intervals.push({ start: list[index], end: list[index + 1] });
  return intervals;
}

/**
 * A growable list of [start, end) spans in one Float64Array. A search reuses a few of these from
 * one technician to the next, so working through a large team allocates almost nothing per
 * booking. `values` holds 2 × `length` numbers: start and end of each span in turn.
 */
export class SpanList {
  values = new Float64Array(64);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  /** Makes room for `more` spans, so that a loop can write `values` directly (no call, no boxed numbers). */
  reserve(more: number): Float64Array {
    const needed = 2 * (this.length + more);
    if (needed > this.values.length) {
      const grown = new Float64Array(Math.max(needed, this.values.length * 2));
      grown.set(this.values.subarray(0, 2 * this.length));
      this.values = grown;
    }
    return this.values;
  }

  push(start: number, end: number): void {
    const values = this.reserve(1);
    values[2 * this.length] = start;
    values[2 * this.length + 1] = end;
    this.length += 1;
  }

  toIntervals(): Interval[] {
    const intervals: Interval[] = new Array(this.length);
    for (let index = 0; index < this.length; index += 1) {
      intervals[index] = { start: this.values[2 * index], end: this.values[2 * index + 1] };
    }
    return intervals;
  }
}
