/**
 * A slow, obviously-correct model of slot search for property tests: time is cut into 5-minute
 * steps, local clocks are read straight from Intl at every step, and a job fits when every step it
 * covers is free. It shares no code with the engine except the great-circle distance. Its results
 * are exact whenever every boundary in the input lies on a 5-minute step (UTC offsets used here are
 * multiples of 15 minutes, and transitions happen on the quarter hour).
 */
import { distanceKm } from '../geo';
import { Instant, Interval, IntervalList, NoSlotReasonCode, SlotSearchInput, TechnicianInput } from '../schedule.types';
import { MINUTE } from './builders';

export const STEP = 5 * MINUTE;
const MINUTES_PER_DAY = 1440;

/** Local readings of one zone at every step of a span: dayNumber × 1440 + minute of day. */
export class ReadingTable {
  readonly readings: number[] = [];
  /** Running maximum of `readings`, so "the first step reading X or later" is a binary search. */
  private readonly reached: number[] = [];

  constructor(
    readonly timeZone: string,
    readonly origin: Instant,
    steps: number,
  ) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < steps; i += 1) {
      const parts = Object.fromEntries(format.formatToParts(origin + i * STEP).map((part) => [part.type, Number(part.value)]));
      const day = Date.UTC(parts['year'], parts['month'] - 1, parts['day']) / (MINUTES_PER_DAY * MINUTE);
      const reading = day * MINUTES_PER_DAY + (parts['hour'] % 24) * 60 + parts['minute'];
      this.readings.push(reading);
      max = Math.max(max, reading);
      this.reached.push(max);
    }
  }

  get end(): Instant {
    return this.origin + this.readings.length * STEP;
  }

  stepOf(instant: Instant): number {
    return Math.round((instant - this.origin) / STEP);
  }

  /** First step at which the clock shows `reading` or later (the moment of a jump when it skips it). */
  firstStepReaching(reading: number): number {
    let low = 0;
    let high = this.reached.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.reached[middle] < reading) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Local dates fully inside the table. */
  days(): number[] {
    const first = Math.floor(this.readings[0] / MINUTES_PER_DAY) + 1;
    const last = Math.floor(this.readings[this.readings.length - 1] / MINUTES_PER_DAY) - 1;
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  }
}

function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function clockMinutes(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Steps at which a technician is working: from the first moment the clock shows a stretch's start until it first shows its end. */
export function workingSteps(technician: TechnicianInput, table: ReadingTable): boolean[] {
  const mask = new Array<boolean>(table.readings.length).fill(false);
  for (const day of table.days()) {
    for (const entry of technician.weeklyHours) {
      if (entry.weekday !== isoWeekday(day)) continue;
      const from = table.firstStepReaching(day * MINUTES_PER_DAY + clockMinutes(entry.start));
      const to = table.firstStepReaching(day * MINUTES_PER_DAY + clockMinutes(entry.end));
      for (let step = from; step < to; step += 1) mask[step] = true;
    }
  }
  return mask;
}

/** The intervals of a list, packed or not. */
function asIntervals(list: IntervalList): Interval[] {
  if (!(list instanceof Float64Array)) return [...list];
  return Array.from({ length: Math.floor(list.length / 2) }, (_, index) => ({ start: list[2 * index], end: list[2 * index + 1] }));
}

function block(mask: boolean[], table: ReadingTable, interval: Interval, widen: number): void {
  const from = Math.max(0, table.stepOf(interval.start - widen));
  const to = Math.min(mask.length, table.stepOf(interval.end + widen));
  for (let step = from; step < to; step += 1) mask[step] = false;
}

export function freeSteps(technician: TechnicianInput, table: ReadingTable, bufferMinutes: number, bookings: boolean): boolean[] {
  const mask = workingSteps(technician, table);
  for (const off of asIntervals(technician.timeOff)) block(mask, table, off, 0);
  if (bookings) for (const busy of asIntervals(technician.busy)) block(mask, table, busy, bufferMinutes * MINUTE);
  return mask;
}

/** Grid starts: each local date's midnight plus multiples of the granularity, at their first occurrence, if they exist. */
export function gridStarts(table: ReadingTable, granularityMinutes: number): Instant[] {
  const starts: Instant[] = [];
  for (const day of table.days()) {
    for (let minute = 0; minute < MINUTES_PER_DAY; minute += granularityMinutes) {
      const reading = day * MINUTES_PER_DAY + minute;
      const step = table.firstStepReaching(reading);
      if (table.readings[step] === reading) starts.push(table.origin + step * STEP);
    }
  }
  return starts;
}

export function qualifies(technician: TechnicianInput, input: SlotSearchInput): boolean {
  return (
    technician.active &&
    input.requiredSkills.every((required) => technician.skills.some((s) => s.skillId === required.skillId && s.proficiency >= required.minProficiency)) &&
    (input.travelRadiusKm === 0 || distanceKm(technician.home, input.location) <= input.travelRadiusKm)
  );
}

export interface ModelResult {
  window: Interval | null;
  slots: { start: Instant; end: Instant; technicianIds: string[] }[];
  reasonCodes: NoSlotReasonCode[];
  /** Every grid start inside the window, offered or not. */
  candidates: Instant[];
}

/** `tables` must hold a table, sharing one origin and length, for the location's zone and every technician's zone. */
export function modelSearch(input: SlotSearchInput, tables: (zone: string) => ReadingTable): ModelResult {
  const start = Math.max(input.requested.start, input.bookingWindow.start);
  const end = Math.min(input.requested.end, input.bookingWindow.end);
  const window = start < end ? { start, end } : null;
  const duration = input.durationMinutes * MINUTE;
  const qualified = input.technicians.filter((t) => qualifies(t, input)).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (!window || qualified.length === 0) {
    return { window, slots: [], candidates: [], reasonCodes: [...(window ? [] : ['outsideBookingWindow' as const]), ...teamReasons(input)] };
  }
  const grid = gridStarts(tables(input.location.timeZone), input.granularityMinutes);
  const candidates = grid.filter((s) => s >= window.start && s + duration <= window.end);
  const fits = (mask: boolean[], table: ReadingTable, s: Instant) => {
    for (let step = table.stepOf(s); step < table.stepOf(s + duration); step += 1) if (!mask[step]) return false;
    return true;
  };
  const offered = (bookings: boolean) => {
    const masks = qualified.map((t) => ({ t, table: tables(t.timeZone), mask: freeSteps(t, tables(t.timeZone), input.travelBufferMinutes, bookings) }));
    return candidates
      .map((s) => ({ start: s, end: s + duration, technicianIds: masks.filter(({ table, mask }) => fits(mask, table, s)).map(({ t }) => t.id) }))
      .filter((slot) => slot.technicianIds.length > 0);
  };
  const slots = offered(true);
  if (slots.length > 0) return { window, slots, candidates, reasonCodes: [] };
  if (candidates.length === 0) {
    const clamped = window.start !== input.requested.start || window.end !== input.requested.end;
    return { window, slots, candidates, reasonCodes: [clamped ? 'outsideBookingWindow' : 'noWorkingHours'] };
  }
  return { window, slots, candidates, reasonCodes: [offered(false).length > 0 ? 'fullyBooked' : 'noWorkingHours'] };
}

function teamReasons(input: SlotSearchInput): NoSlotReasonCode[] {
  const active = input.technicians.filter((t) => t.active);
  if (active.length === 0) return ['noTechnicians'];
  const skilled = active.filter((t) => qualifies({ ...t }, { ...input, travelRadiusKm: 0 }));
  if (skilled.length === 0) return ['missingSkill'];
  return skilled.some((t) => qualifies(t, input)) ? [] : ['beyondRadius'];
}
