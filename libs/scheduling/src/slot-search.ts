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
import { SpanList } from './packed-intervals';
import { FreeTimeScratch, WorkingTimeCache, ZoneClockCache, availableIntervals, freeSpans, zoneClockFor } from './technician-availability';
import { eligibleTechnicians } from './technician-eligibility';

/** Code-unit order, the order `Slot.technicianIds` promises. */
function byId(a: TechnicianInput, b: TechnicianInput): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** requested ∩ bookingWindow; a reversed interval counts as empty. */
function searchWindow(input: SlotSearchInput): Interval | null {
  return intersectInterval(input.requested, input.bookingWindow);
}

/**
 * For each free span, the range [first, end) of grid indexes whose job fits inside it, written
 * into `ranges` from `at` on (room for one range per span is made by the caller). Returns where
 * the written ranges end.
 */
function fittingRanges(grid: readonly Instant[], free: SpanList, durationMs: number, ranges: Int32Array, at: number): number {
  const spans = free.values;
  let written = at;
  let index = 0;
  for (let span = 0; span < free.length; span += 1) {
    const start = spans[2 * span];
    const latest = spans[2 * span + 1] - durationMs;
    if (latest < start) continue;
    index = firstStartFrom(grid, start, index);
    const first = index;
    while (index < grid.length && grid[index] <= latest) index += 1;
    if (index > first) {
      ranges[written] = first;
      ranges[written + 1] = index;
      written += 2;
    }
  }
  return written;
}

/** `list`, or a copy at least twice as long when it holds fewer than `needed` numbers. */
function withRoom(list: Int32Array, needed: number): Int32Array {
  if (needed <= list.length) return list;
  const grown = new Int32Array(Math.max(2 * list.length, needed));
  grown.set(list);
  return grown;
}

/**
 * For each grid start, the technicians (in the order given) free for the whole job. Each
 * technician's free intervals are walked once against the sorted grid, so the cost is the number
 * of intervals plus the number of (start, technician) matches, never starts × technicians. Matches
 * are counted first (per range, not per start) so that every slot's id list is allocated once at
 * its final size. All technicians' ranges share one array: a large team has thousands.
 */
function collectSlots(
  grid: readonly Instant[],
  technicians: readonly TechnicianInput[],
  freeOf: (technician: TechnicianInput) => SpanList,
  durationMs: number,
): Slot[] {
  let ranges: Int32Array = new Int32Array(1024);
  const rangesFrom = new Int32Array(technicians.length + 1);
  let used = 0;
  for (let t = 0; t < technicians.length; t += 1) {
    const free = freeOf(technicians[t]);
    ranges = withRoom(ranges, used + 2 * free.length);
    used = fittingRanges(grid, free, durationMs, ranges, used);
    rangesFrom[t + 1] = used;
  }
  // Counted as +1 where a range opens and −1 where it closes, then summed along the grid.
  const counts = new Int32Array(grid.length + 1);
  for (let r = 0; r < used; r += 2) {
    counts[ranges[r]] += 1;
    counts[ranges[r + 1]] -= 1;
  }
  for (let index = 1; index < grid.length; index += 1) counts[index] += counts[index - 1];
  const ids: string[][] = Array.from(counts.subarray(0, grid.length), (count) => new Array<string>(count));
  const filled = new Int32Array(grid.length);
  for (let t = 0; t < technicians.length; t += 1) {
    const id = technicians[t].id;
    for (let r = rangesFrom[t]; r < rangesFrom[t + 1]; r += 2) {
      for (let index = ranges[r]; index < ranges[r + 1]; index += 1) ids[index][filled[index]++] = id;
    }
  }
  const slots: Slot[] = [];
  for (let index = 0; index < grid.length; index += 1) {
    if (counts[index] > 0) slots.push({ start: grid[index], end: grid[index] + durationMs, technicianIds: ids[index] });
  }
  return slots;
}

/** Whether any span holds a whole job starting on the grid. */
function holdsAnyStart(grid: readonly Instant[], spans: SpanList, durationMs: number): boolean {
  for (let span = 0; span < spans.length; span += 1) {
    const index = firstStartFrom(grid, spans.values[2 * span]);
    if (index < grid.length && grid[index] <= spans.values[2 * span + 1] - durationMs) return true;
  }
  return false;
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
  // One clock per zone for the grid and all working hours: technicians often share the location's zone.
  const clocks = new ZoneClockCache(window);
  const grid = slotGrid(clocks.get(input.location.timeZone), window, input.granularityMinutes, durationMs);
  if (grid.length === 0) {
    // Too little time to hold one job: blame the clamping when there was any.
    const clamped = window.start !== input.requested.start || window.end !== input.requested.end;
    return emptyResult(window, [{ code: clamped ? 'outsideBookingWindow' : 'noWorkingHours' }]);
  }
  const technicians = [...qualified].sort(byId);
  const working = new WorkingTimeCache(window, clocks);
  const free = { bufferMinutes: input.travelBufferMinutes, bookings: true };
  const scratch = new FreeTimeScratch();
  const freeOf = (t: TechnicianInput) => freeSpans(working.of(t), t, window, free, scratch);
  const slots = collectSlots(grid, technicians, freeOf, durationMs);
  if (slots.length > 0) return { window, slots, reasons: [] };
  const onDuty = { bufferMinutes: 0, bookings: false };
  const works = technicians.some((t) => holdsAnyStart(grid, freeSpans(working.of(t), t, window, onDuty, scratch), durationMs));
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
