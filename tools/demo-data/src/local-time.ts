export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** Offsets are looked up once per quarter hour of UTC: every zone changes offset on such a boundary. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date 'YYYY-MM-DD', or null when it is not a real date. */
export function parseDate(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

export function formatDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * Wall-clock arithmetic in one IANA zone. Work hours are kept in the technician's zone, so a
 * booking at 09:00 on a given date must become the instant a clock there shows 09:00.
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`'${timeZone}' is not a time zone this runtime knows`);
    }
  }

  /** Local time minus UTC at `instant`, in milliseconds. */
  offsetAt(instant: number): number {
    const bucket = Math.floor(instant / OFFSET_BUCKET_MS);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * OFFSET_BUCKET_MS;
      const fields: Record<string, number> = {};
      for (const part of this.format.formatToParts(at)) fields[part.type] = Number(part.value);
      const wall = Date.UTC(fields['year'] ?? 1970, (fields['month'] ?? 1) - 1, fields['day'] ?? 1, fields['hour'] ?? 0, fields['minute'] ?? 0, fields['second'] ?? 0);
      offset = wall - at;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  /**
   * The instant at which the clock shows `minute` minutes after midnight of `dayNumber`, or null
   * when the clock skips that reading (spring forward). A repeated reading gives one of its two
   * instants; callers never place work in a repeated hour.
   */
  toInstant(dayNumber: number, minute: number): number | null {
    const wall = dayNumber * DAY_MS + minute * MINUTE_MS;
    const guess = wall - this.offsetAt(wall);
    const offset = this.offsetAt(guess);
    const instant = wall - offset;
    return this.offsetAt(instant) === offset ? instant : null;
  }

  /**
   * [start, end) for a stretch of one local day when the clock runs evenly through it (no offset
   * change inside), else null: generated work avoids the few stretches a transition cuts.
   */
  evenStretch(dayNumber: number, startMinute: number, endMinute: number): { start: number; end: number } | null {
    const start = this.toInstant(dayNumber, startMinute);
    const end = this.toInstant(dayNumber, endMinute);
    if (start === null || end === null || end - start !== (endMinute - startMinute) * MINUTE_MS) return null;
    return { start, end };
  }
}
