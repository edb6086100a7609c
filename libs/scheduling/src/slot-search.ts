import { MINUTE_MS } from './calendar-date';
import { intersectInterval } from './intervals';
import {
  Instant,
  Interval,
  NoSlotReason,
  Slot,
  SlotSearchInput,
  SlotSearchResult,
  TechnicianInput,
} from './schedule.types';
import { firstStartFrom, isOnSlotGrid, slotGrid } from './slot-grid';
import { assertSearchInput } from './slot-search-input';
import { WorkingTimeCache, availableIntervals, zoneClockFor } from './technician-availability';
import { eligibleTechnicians } from './technician-eligibility';

/** Code-unit order, the order `Slot.technicianIds` promises. */
function byId(a: TechnicianInput, b: TechnicianInput): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** requested ∩ bookingWindow; a reversed interval counts as empty. */
function searchWindow(input: SlotSearchInput): Interval | null {
  return intersectInterval(input.requested, input.bookingWindow);
}

/** For each free interval, the range [first, end) of grid indexes whose job fits inside it. */
function fittingRanges(grid: readonly Instant[], intervals: readonly Interval[], durationMs: number): number[] {
  const ranges: number[] = [];
  let index = 0;
  for (const interval of intervals) {
    const latest = interval.end - durationMs;
    if (latest < interval.start) continue;
    index = firstStartFrom(grid, interval.start, index);
    const first = index;
    while (index < grid.length && grid[index] <= latest) index += 1;
    if (index > first) ranges.push(first, index);
  }
  return ranges;
}

/**
 * For each grid start, the technicians (in the order given) free for the whole job. Each
 * technician's free intervals are walked once against the sorted grid, so the cost is the number
 * of intervals plus the number of (start, technician) matches, never starts × technicians. Matches
 * are counted first so that every slot's id list is allocated once at its final size.
 */
function collectSlots(
  grid: readonly Instant[],
  technicians: readonly TechnicianInput[],
  freeOf: (technician: TechnicianInput) => readonly Interval[],
  durationMs: number,
): Slot[] {
  const counts = new Int32Array(grid.length);
  const rangesOf = technicians.map((technician) => {
    const ranges = fittingRanges(grid, freeOf(technician), durationMs);
    for (let r = 0; r < ranges.length; r += 2) {
      for (let index = ranges[r]; index < ranges[r + 1]; index += 1) counts[index] += 1;
    }
    return ranges;
  });
  const ids: string[][] = Array.from(counts, (count) => new Array<string>(count));
  const filled = new Int32Array(grid.length);
  technicians.forEach((technician, t) => {
    const ranges = rangesOf[t];
    for (let r = 0; r < ranges.length; r += 2) {
      for (let index = ranges[r]; index < ranges[r + 1]; index += 1) ids[index][filled[index]++] = technician.id;
    }
  });
  const slots: Slot[] = [];
  counts.forEach((count, index) => {
    if (count > 0) slots.push({ start: grid[index], end: grid[index] + durationMs, technicianIds: ids[index] });
  });
  return slots;
}

/** Whether any interval holds a whole job starting on the grid. */
function holdsAnyStart(grid: readonly Instant[], intervals: readonly Interval[], durationMs: number): boolean {
  return intervals.some((interval) => {
    const index = firstStartFrom(grid, interval.start);
    return index < grid.length && grid[index] <= interval.end - durationMs;
  });
}

function emptyResult(window: Interval | null, reasons: NoSlotReason[]): SlotSearchResult {
  return { window, slots: [], reasons };
}

/**
 * Bookable slots for one job. Stages, in order: the booking window (requested ∩ bookingWindow),
 * who qualifies (active, every required skill at its level, home within the radius), the slot grid
 * in the location's zone, then each qualified technician's free time (working hours − time off −
 * bookings widened by the travel buffer). When no slot remains, `reasons` says which stage emptied
 * the result: `outsideBookingWindow` and the qualification reasons first, then `noWorkingHours`
 * (nobody qualified works then, time off included) or `fullyBooked` (they work, but are booked).
 */
export function searchSlots(input: SlotSearchInput): SlotSearchResult {
  assertSearchInput(input);
  const window = searchWindow(input);
  const { qualified, reasons } = eligibleTechnicians(input.technicians, input);
  if (!window || qualified.length === 0) {
    return emptyResult(window, [...(window ? [] : [{ code: 'outsideBookingWindow' as const }]), ...reasons]);
  }
  const durationMs = input.durationMinutes * MINUTE_MS;
  const locationClock = zoneClockFor(input.location.timeZone, window);
  const grid = slotGrid(locationClock, window, input.granularityMinutes, durationMs);
  if (grid.length === 0) {
    // Too little time to hold one job: blame the clamping when there was any.
    const clamped = window.start !== input.requested.start || window.end !== input.requested.end;
    return emptyResult(window, [{ code: clamped ? 'outsideBookingWindow' : 'noWorkingHours' }]);
  }
  const technicians = [...qualified].sort(byId);
  const working = new WorkingTimeCache(window);
  const free = { bufferMinutes: input.travelBufferMinutes, bookings: true };
  const freeOf = (t: TechnicianInput) => availableIntervals(working.of(t), t, window, free);
  const slots = collectSlots(grid, technicians, freeOf, durationMs);
  if (slots.length > 0) return { window, slots, reasons: [] };
  const onDuty = { bufferMinutes: 0, bookings: false };
  const works = technicians.some((t) =>
    holdsAnyStart(grid, availableIntervals(working.of(t), t, window, onDuty), durationMs),
  );
  return emptyResult(window, [{ code: works ? 'fullyBooked' : 'noWorkingHours' }]);
}

/**
 * Whether `searchSlots(input)` would offer a slot at `start` (with `technicianId` among its
 * technicians, when given) — same grid, window and rules, but only this one start is looked at.
 */
export function isSlotAvailable(input: SlotSearchInput, start: Instant, technicianId?: string): boolean {
  const candidates =
    technicianId === undefined ? input.technicians : input.technicians.filter((t) => t.id === technicianId);
  assertSearchInput(input, candidates);
  const window = searchWindow(input);
  const slot = { start, end: start + input.durationMinutes * MINUTE_MS };
  if (!window || !Number.isFinite(start) || slot.start < window.start || slot.end > window.end) return false;
  if (!isOnSlotGrid(zoneClockFor(input.location.timeZone, slot), start, input.granularityMinutes)) return false;
  const { qualified } = eligibleTechnicians(candidates, input);
  const working = new WorkingTimeCache(slot);
  const free = { bufferMinutes: input.travelBufferMinutes, bookings: true };
  return qualified.some((technician) => {
    // Clipped to the slot, free time is the slot itself exactly when the slot fits in one interval.
    const [only, ...more] = availableIntervals(working.of(technician), technician, slot, free);
    return !!only && more.length === 0 && only.start === slot.start && only.end === slot.end;
  });
}
