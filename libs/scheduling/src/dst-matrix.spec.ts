import { Instant, SlotSearchInput } from './schedule.types';
import { searchSlots } from './slot-search';
import { technicianWorkingIntervals } from './technician-availability';
import { DAY, HOUR, MINUTE, everyDay, technician, wallReading } from './test/builders';
import { localDateTimeToInstant } from './time-zone';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'America/Sao_Paulo',
];
const YEARS = [2025, 2026, 2027];

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** UTC offset in minutes, read from Intl's 'GMT+05:45' style names rather than from wall-clock arithmetic. */
function offsetMinutes(instant: Instant, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name)!;
  return match[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

interface Transition {
  at: Instant;
  before: number;
  after: number;
  /** Local date on which the clock changes. */
  date: string;
}

/** Every offset change in the years given: a daily scan, then bisection to the minute. */
function transitionsOf(timeZone: string): Transition[] {
  const transitions: Transition[] = [];
  const end = Date.UTC(YEARS[YEARS.length - 1] + 1, 0, 1);
  for (let day = Date.UTC(YEARS[0], 0, 1); day < end; day += DAY) {
    const before = offsetMinutes(day, timeZone);
    const after = offsetMinutes(day + DAY, timeZone);
    if (before === after) continue;
    let low = day;
    let high = day + DAY;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetMinutes(middle, timeZone) === before) low = middle;
      else high = middle;
    }
    transitions.push({ at: high, before, after, date: wallReading(high - MINUTE, timeZone).slice(0, 10) });
  }
  return transitions;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function midnight(date: string, timeZone: string): Instant {
  return localDateTimeToInstant(date, '00:00', timeZone)!;
}

/** The day before, the day of, and the day after `date`, with one technician and a location in `timeZone`. */
function around(date: string, timeZone: string, start: string, end: string) {
  const days = [addDays(date, -1), date, addDays(date, 1)];
  const window = { start: midnight(days[0], timeZone), end: midnight(addDays(date, 2), timeZone) };
  const worker = technician({ timeZone, weeklyHours: everyDay(start, end) });
  const input: SlotSearchInput = {
    technicians: [worker],
    requiredSkills: [],
    location: { lat: 0, lng: 0, timeZone },
    durationMinutes: 30,
    travelBufferMinutes: 0,
    granularityMinutes: 30,
    travelRadiusKm: 0,
    requested: window,
    bookingWindow: window,
  };
  return { days, window, working: technicianWorkingIntervals(worker, window), slots: searchSlots(input).slots };
}

/** Local 'HH:mm' readings of slot starts, per local date. */
function slotTimesByDate(slots: { start: Instant }[], timeZone: string): Map<string, string[]> {
  const byDate = new Map<string, string[]>();
  for (const slot of slots) {
    const reading = wallReading(slot.start, timeZone);
    byDate.set(reading.slice(0, 10), [...(byDate.get(reading.slice(0, 10)) ?? []), reading.slice(11)]);
  }
  return byDate;
}

/** Every local reading the clock shows between two instants, at 5-minute steps. */
function readingsBetween(start: Instant, end: Instant, timeZone: string): Set<string> {
  const readings = new Set<string>();
  for (let instant = start; instant < end; instant += 5 * MINUTE) readings.add(wallReading(instant, timeZone));
  return readings;
}

const halfHours = (from: number, to: number) =>
  Array.from({ length: (to - from) * 2 }, (_, i) => `${String(from + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

function expectNineToFive(date: string, timeZone: string): void {
  const { days, working, slots } = around(date, timeZone, '09:00', '17:00');
  expect(working.map((w) => [wallReading(w.start, timeZone), wallReading(w.end, timeZone)])).toEqual(
    days.map((day) => [`${day} 09:00`, `${day} 17:00`]),
  );
  expect(working.map((w) => w.end - w.start)).toEqual([8 * HOUR, 8 * HOUR, 8 * HOUR]);
  const byDate = slotTimesByDate(slots, timeZone);
  expect([...byDate.keys()]).toEqual(days);
  for (const day of days) expect(byDate.get(day)).toEqual(halfHours(9, 17));
}

describe('DST matrix, 2025–2027', () => {
  const table = ZONES.map((zone) => ({ zone, transitions: transitionsOf(zone) }));

  it('finds two transitions a year where the zone observes DST, and none in Kolkata, Kathmandu or Sao Paulo', () => {
    expect(Object.fromEntries(table.map(({ zone, transitions }) => [zone, transitions.length]))).toEqual({
      'America/New_York': 6,
      'Europe/London': 6,
      'Europe/Berlin': 6,
      'Australia/Sydney': 6,
      'Asia/Kolkata': 0,
      'Asia/Kathmandu': 0,
      'America/St_Johns': 6,
      'Pacific/Chatham': 6,
      'America/Sao_Paulo': 0,
    });
  });

  const cases = table.flatMap(({ zone, transitions }) => transitions.map((t) => ({ zone, ...t })));
  describe.each(cases)('$zone on $date ($before → $after minutes)', ({ zone, date, before, after }) => {
    it('keeps a 09:00–17:00 day at 09:00–17:00 local on the days around the change', () => {
      expectNineToFive(date, zone);
    });

    it('makes a 00:00–06:00 shift an hour shorter or longer, offering each existing local time once', () => {
      const { days, window, working, slots } = around(date, zone, '00:00', '06:00');
      expect(working.map((w) => [wallReading(w.start, zone), wallReading(w.end, zone)])).toEqual(
        days.map((day) => [`${day} 00:00`, `${day} 06:00`]),
      );
      expect(working.map((w) => (w.end - w.start) / MINUTE)).toEqual([360, 360 - (after - before), 360]);

      const existing = readingsBetween(window.start, window.end, zone);
      const byDate = slotTimesByDate(slots, zone);
      for (const day of days) {
        const times = byDate.get(day)!;
        expect(new Set(times).size).toBe(times.length);
        expect(times).toEqual(halfHours(0, 6).filter((time) => existing.has(`${day} ${time}`)));
      }
      // Spring: the skipped hour holds two half-hour grid times; autumn: the repeated hour is offered once.
      expect(byDate.get(date)).toHaveLength(after > before ? 10 : 12);
    });
  });

  describe.each(['Asia/Kolkata', 'Asia/Kathmandu', 'America/Sao_Paulo'])('%s, which keeps one offset', (zone) => {
    // The dates on which Brazil used to change its clocks, and two ordinary ones.
    it.each(['2025-11-02', '2026-02-15', '2026-11-01', '2027-02-21', '2027-07-04'])('keeps 09:00–17:00 and a six-hour night shift on %s', (date) => {
      expectNineToFive(date, zone);
      const { working } = around(date, zone, '00:00', '06:00');
      expect(working.map((w) => (w.end - w.start) / HOUR)).toEqual([6, 6, 6]);
    });
  });
});
