import { Instant, IsoWeekday, SlotSearchInput, TechnicianInput, WorkInterval } from '../schedule.types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An instant from an ISO string with an explicit offset, e.g. '2026-03-09T09:00:00-04:00'. */
export function at(iso: string): Instant {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new Error(`bad instant in test: ${iso}`);
  return instant;
}

const readers = new Map<string, Intl.DateTimeFormat>();

/** What a wall clock in `timeZone` reads, straight from Intl: 'YYYY-MM-DD HH:mm'. */
export function wallReading(instant: Instant, timeZone: string): string {
  let reader = readers.get(timeZone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    readers.set(timeZone, reader);
  }
  return reader.format(instant);
}

/** The same hours on each of the given weekdays. */
export function everyDay(start: string, end: string, weekdays: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7]): WorkInterval[] {
  return weekdays.map((weekday) => ({ weekday, start, end }));
}

export const WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];

export function technician(overrides: Partial<TechnicianInput> = {}): TechnicianInput {
  return {
    id: 'tech-a',
    active: true,
    skills: [{ skillId: 'boiler', proficiency: 3 }],
    home: { lat: 52.52, lng: 13.405 },
    timeZone: 'Europe/Berlin',
    weeklyHours: everyDay('09:00', '17:00', WEEKDAYS),
    timeOff: [],
    busy: [],
    ...overrides,
  };
}

/** A search for a 60-minute boiler job in Berlin over Monday 2026-06-15 to Friday 2026-06-19. */
export function searchInput(overrides: Partial<SlotSearchInput> = {}): SlotSearchInput {
  const range = { start: at('2026-06-15T00:00:00+02:00'), end: at('2026-06-20T00:00:00+02:00') };
  return {
    technicians: [technician()],
    requiredSkills: [{ skillId: 'boiler', skillName: 'Boiler service', minProficiency: 2 }],
    location: { lat: 52.5, lng: 13.4, timeZone: 'Europe/Berlin' },
    durationMinutes: 60,
    travelBufferMinutes: 0,
    granularityMinutes: 30,
    travelRadiusKm: 0,
    requested: range,
    bookingWindow: range,
    ...overrides,
  };
}
