import { ZoneClock, formatDate, isoWeekday, parseDate } from './local-time';

describe('local time', () => {
  const chicago = new ZoneClock('America/Chicago');
  const day = (date: string) => parseDate(date) as number;

  it('reads calendar dates and their ISO weekdays, refusing dates that do not exist', () => {
    expect(formatDate(day('2026-03-08'))).toBe('2026-03-08');
    expect(isoWeekday(day('2026-03-08'))).toBe(7);
    expect(isoWeekday(day('2026-03-09'))).toBe(1);
    expect(isoWeekday(day('1969-12-29'))).toBe(1);
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2026-3-8')).toBeNull();
  });

  it('turns a local wall time into the instant a clock in the zone shows it, on both sides of a DST change', () => {
    expect(new Date(chicago.toInstant(day('2026-03-06'), 9 * 60)!).toISOString()).toBe('2026-03-06T15:00:00.000Z');
    expect(new Date(chicago.toInstant(day('2026-03-09'), 9 * 60)!).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(new Date(new ZoneClock('Asia/Kathmandu').toInstant(day('2026-03-09'), 9 * 60)!).toISOString()).toBe('2026-03-09T03:15:00.000Z');
  });

  it('knows that 02:30 does not exist on the morning clocks go forward', () => {
    expect(chicago.toInstant(day('2026-03-08'), 150)).toBeNull();
    expect(chicago.evenStretch(day('2026-03-08'), 60, 240)).toBeNull();
    expect(chicago.evenStretch(day('2026-03-08'), 8 * 60, 12 * 60)).toEqual({ start: Date.parse('2026-03-08T13:00:00Z'), end: Date.parse('2026-03-08T17:00:00Z') });
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => new ZoneClock('Europe/Atlantis')).toThrow("'Europe/Atlantis' is not a time zone this runtime knows");
  });
});
