import fc from 'fast-check';
import { packIntervals } from './packed-intervals';
import { Interval, IsoWeekday, SlotSearchInput, TechnicianInput, WorkInterval } from './schedule.types';
import { isSlotAvailable, searchSlots } from './slot-search';
import { technicianWorkingIntervals } from './technician-availability';
import { DAY, MINUTE, at } from './test/builders';
import { ReadingTable, STEP, modelSearch, qualifies } from './test/reference-model';

/** Weeks around transitions of the zones below, plus a quiet one. */
const ANCHORS = [
  '2026-03-06T00:00:00Z', // New York springs forward on the 8th
  '2026-03-27T00:00:00Z', // Europe springs forward on the 29th
  '2026-04-03T00:00:00Z', // Sydney and Chatham fall back on the 5th
  '2026-09-25T00:00:00Z', // Chatham springs forward on the 27th
  '2026-10-02T00:00:00Z', // Sydney springs forward on the 4th
  '2026-10-23T00:00:00Z', // Europe falls back on the 25th
  '2026-10-30T00:00:00Z', // New York falls back on 1 November
  '2026-06-15T00:00:00Z',
].map(at);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns'];
const BEFORE = 2 * DAY;
const SPAN = 8 * DAY;
const STEPS = SPAN / STEP;

const tableCache = new Map<string, ReadingTable>();
function tablesFor(anchor: number) {
  return (zone: string): ReadingTable => {
    const key = `${zone}@${anchor}`;
    let table = tableCache.get(key);
    if (!table) {
      table = new ReadingTable(zone, anchor - BEFORE, STEPS);
      tableCache.set(key, table);
    }
    return table;
  };
}

const clock = (quarter: number) => `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

const stretchArb = fc.record({ start: fc.integer({ min: 0, max: 95 }), length: fc.integer({ min: 1, max: 64 }) });
const entry = (weekday: number, start: number, length: number): WorkInterval => ({
  weekday: weekday as IsoWeekday,
  start: clock(start),
  end: clock(Math.min(96, start + length)),
});

/** Either scattered entries (overlaps and touches included) or one shift repeated on several weekdays. */
const weeklyHoursArb: fc.Arbitrary<WorkInterval[]> = fc.oneof(
  fc.array(
    fc.record({ weekday: fc.integer({ min: 1, max: 7 }), stretch: stretchArb }).map(({ weekday, stretch }) => entry(weekday, stretch.start, stretch.length)),
    { maxLength: 10 },
  ),
  fc
    .record({ days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 3 }), stretch: stretchArb })
    .map(({ days, stretch }) => days.map((weekday) => entry(weekday, stretch.start, stretch.length))),
);

/** Intervals on the 5-minute steps, within four days from a day after the table starts. */
const intervalsArb = (maxLength: number, maxSteps: number): fc.Arbitrary<Interval[]> =>
  fc.array(
    fc.record({ at: fc.integer({ min: 0, max: (4 * DAY) / STEP }), steps: fc.integer({ min: 1, max: maxSteps }) }),
    { maxLength },
  ).map((list) => list.map(({ at: step, steps }) => ({ start: step * STEP, end: (step + steps) * STEP })));

const technicianArb = fc.record({
  active: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  boiler: fc.constantFrom(0, 2, 3, 4, 5),
  gas: fc.constantFrom(0, 2, 3, 4, 5),
  far: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  timeZone: fc.constantFrom(...ZONES),
  weeklyHours: weeklyHoursArb,
  timeOff: intervalsArb(2, 288),
  busy: intervalsArb(24, 48),
});

/** Calendars as lists of objects here; the packed form is derived from them where a test wants it. */
type ListedTechnician = TechnicianInput & { busy: Interval[]; timeOff: Interval[] };

interface Scenario {
  anchor: number;
  input: Omit<SlotSearchInput, 'technicians'> & { technicians: ListedTechnician[] };
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    technicians: fc.array(technicianArb, { minLength: 1, maxLength: 5 }),
    ids: fc.uniqueArray(fc.stringMatching(/^[a-zA-Z0-9-]{1,6}$/), { minLength: 5, maxLength: 5 }),
    skills: fc.subarray(['boiler', 'gas']),
    minProficiency: fc.integer({ min: 1, max: 3 }),
    locationZone: fc.constantFrom(...ZONES),
    durationMinutes: fc.constantFrom(15, 30, 45, 60, 90, 120, 180),
    granularityMinutes: fc.constantFrom(5, 15, 20, 25, 30, 45, 60, 90),
    travelBufferMinutes: fc.constantFrom(0, 0, 10, 15, 30),
    travelRadiusKm: fc.constantFrom(0, 0, 100),
    requestedAt: fc.integer({ min: 0, max: (2 * DAY) / STEP }),
    requestedSteps: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 36 }), weight: 1 },
      { arbitrary: fc.integer({ min: DAY / STEP, max: (3 * DAY) / STEP }), weight: 4 },
    ),
    windowShift: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: -DAY / STEP, max: (DAY / 2) / STEP }), weight: 2 }),
    windowSteps: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 36 }), weight: 1 },
      { arbitrary: fc.integer({ min: DAY / STEP, max: (4 * DAY) / STEP }), weight: 4 },
    ),
  })
  .map((r) => {
    const origin = r.anchor - BEFORE + DAY;
    const shift = (i: Interval) => ({ start: origin + i.start, end: origin + i.end });
    const technicians: ListedTechnician[] = r.technicians.map((t, i) => ({
      id: r.ids[i],
      active: t.active,
      skills: [
        ...(t.boiler > 0 ? [{ skillId: 'boiler', proficiency: t.boiler }] : []),
        ...(t.gas > 0 ? [{ skillId: 'gas', proficiency: t.gas }] : []),
      ],
      home: t.far ? { lat: 48.14, lng: 11.58 } : { lat: 52.5, lng: 13.4 },
      timeZone: t.timeZone,
      weeklyHours: t.weeklyHours,
      timeOff: t.timeOff.map(shift),
      busy: t.busy.map(shift),
    }));
    const requestedStart = origin + r.requestedAt * STEP;
    const windowStart = requestedStart + r.windowShift * STEP;
    return {
      anchor: r.anchor,
      input: {
        technicians,
        requiredSkills: r.skills.map((skillId) => ({ skillId, skillName: skillId, minProficiency: r.minProficiency })),
        location: { lat: 52.52, lng: 13.4, timeZone: r.locationZone },
        durationMinutes: r.durationMinutes,
        travelBufferMinutes: r.travelBufferMinutes,
        granularityMinutes: r.granularityMinutes,
        travelRadiusKm: r.travelRadiusKm,
        requested: { start: requestedStart, end: requestedStart + r.requestedSteps * STEP },
        bookingWindow: { start: windowStart, end: windowStart + r.windowSteps * STEP },
      },
    };
  });

/** A deterministic reordering from a seed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

describe('slot search properties', () => {
  it('offers exactly what a step-by-step model of the same rules offers, with the same reasons', () => {
    fc.assert(
      fc.property(scenarioArb, ({ anchor, input }) => {
        const result = searchSlots(input);
        const model = modelSearch(input, tablesFor(anchor));
        expect(result.window).toEqual(model.window);
        expect(result.slots).toEqual(model.slots);
        expect([...new Set(result.reasons.map((reason) => reason.code))]).toEqual(model.reasonCodes);
      }),
      { numRuns: 150 },
    );
  });

  it('never lists a technician who is booked (with buffers), on time off, off duty or unqualified', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const result = searchSlots(input);
        const byId = new Map(input.technicians.map((t) => [t.id, t]));
        for (const slot of result.slots) {
          expect(slot.end - slot.start).toBe(input.durationMinutes * MINUTE);
          for (const id of slot.technicianIds) {
            const technician = byId.get(id)!;
            expect(qualifies(technician, input)).toBe(true);
            const buffer = input.travelBufferMinutes * MINUTE;
            expect(technician.busy.some((b) => overlaps(slot, { start: b.start - buffer, end: b.end + buffer }))).toBe(false);
            expect(technician.timeOff.some((off) => overlaps(slot, off))).toBe(false);
            const working = technicianWorkingIntervals(technician, slot);
            expect(working).toEqual([{ start: slot.start, end: slot.end }]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('puts slots on the local grid, inside the window, sorted, once per local time, ids sorted', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const { window, slots } = searchSlots(input);
        const zone = input.location.timeZone;
        const readings = new Set<string>();
        slots.forEach((slot, i) => {
          expect(window).not.toBeNull();
          expect(slot.start).toBeGreaterThanOrEqual(window!.start);
          expect(slot.end).toBeLessThanOrEqual(window!.end);
          if (i > 0) expect(slot.start).toBeGreaterThan(slots[i - 1].start);
          const local = new Date(slot.start).toLocaleString('sv-SE', { timeZone: zone });
          const [hours, minutes, seconds] = local.slice(11).split(':').map(Number);
          expect(((hours % 24) * 60 + minutes) % input.granularityMinutes).toBe(0);
          expect(seconds).toBe(0);
          expect(readings.has(local)).toBe(false);
          readings.add(local);
          expect(slot.technicianIds).toEqual([...slot.technicianIds].sort());
          expect(new Set(slot.technicianIds).size).toBe(slot.technicianIds.length);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('has reasons exactly when it has no slots', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input }) => {
        const { slots, reasons } = searchSlots(input);
        expect(slots.length === 0).toBe(reasons.length > 0);
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of technicians, intervals or weekly hours', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), ({ input }, seed) => {
        const reordered: SlotSearchInput = {
          ...input,
          technicians: shuffled(input.technicians, seed).map((t, i) => ({
            ...t,
            weeklyHours: shuffled(t.weeklyHours, seed + i),
            busy: shuffled(t.busy, seed + 2 * i),
            timeOff: shuffled(t.timeOff, seed + 3 * i),
          })),
        };
        expect(searchSlots(reordered)).toEqual(searchSlots(input));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same answer for calendars packed into arrays, in order of start or not', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), ({ anchor, input }, inOrder) => {
        const pack = (list: Interval[]) => packIntervals(inOrder ? [...list].sort((a, b) => a.start - b.start) : list);
        const packed: SlotSearchInput = { ...input, technicians: input.technicians.map((t) => ({ ...t, busy: pack(t.busy), timeOff: pack(t.timeOff) })) };
        const result = searchSlots(packed);
        expect(result).toEqual(searchSlots(input));
        expect(result.slots).toEqual(modelSearch(input, tablesFor(anchor)).slots);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with isSlotAvailable on grid starts, off-grid instants and each technician', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 59 }), ({ anchor, input }, offGridMinutes) => {
        const { slots } = searchSlots(input);
        const offered = new Map(slots.map((slot) => [slot.start, slot.technicianIds]));
        const { candidates } = modelSearch(input, tablesFor(anchor));
        const sample = candidates.filter((_, i) => i % Math.ceil(candidates.length / 12) === 0);
        for (const start of [...sample, ...slots.slice(0, 6).map((slot) => slot.start)]) {
          const ids = offered.get(start) ?? [];
          expect(isSlotAvailable(input, start)).toBe(ids.length > 0);
          for (const technician of input.technicians) {
            expect(isSlotAvailable(input, start, technician.id)).toBe(ids.includes(technician.id));
          }
          if (offGridMinutes % input.granularityMinutes !== 0) {
            expect(isSlotAvailable(input, start + offGridMinutes * MINUTE)).toBe(offered.has(start + offGridMinutes * MINUTE));
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
