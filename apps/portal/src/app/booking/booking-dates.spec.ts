import { addMonths, formatDay, formatTime, formatTimeRange, lastOfMonth, localDateOf, monthWeeks, splitRange, weekdayNames } from './booking-dates';

describe('booking dates', () => {
  it('lays a month out in weeks from the given first weekday', () => {
    // December 2026 starts on a Tuesday.
    const mondayFirst = monthWeeks('2026-12', 1);
    expect(mondayFirst[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(mondayFirst.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(monthWeeks('2026-12', 7)[0]).toEqual([null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
  });

  it('steps over month and year ends', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastOfMonth('2028-02')).toBe('2028-02-29');
  });

  it('finds the local date of an instant in the service location’s zone', () => {
    expect(localDateOf('2026-12-01T02:00:00Z', 'America/New_York')).toBe('2026-11-30');
    expect(localDateOf('2026-12-01T02:00:00Z', 'Europe/Berlin')).toBe('2026-12-01');
  });

  it('splits a long range into ranges the API accepts', () => {
    expect(splitRange({ from: '2026-11-01', to: '2026-11-30' }, 14)).toEqual([
      { from: '2026-11-01', to: '2026-11-14' },
      { from: '2026-11-15', to: '2026-11-28' },
      { from: '2026-11-29', to: '2026-11-30' },
    ]);
    expect(splitRange({ from: '2026-11-01', to: '2026-11-03' }, 31)).toEqual([{ from: '2026-11-01', to: '2026-11-03' }]);
  });

  it('writes days and times in the customer’s language and the location’s zone', () => {
    expect(formatDay('2026-12-01', 'en')).toBe('Tuesday, December 1, 2026');
    expect(formatDay('2026-12-01', 'de')).toBe('Dienstag, 1. Dezember 2026');
    expect(formatTime('2026-12-01T09:00:00-05:00', 'en', 'America/New_York')).toBe('09:00');
    expect(formatTime('2026-12-01T09:00:00-05:00', 'fr', 'Europe/Paris')).toBe('15:00');
    expect(formatTimeRange('2026-12-01T09:00:00-05:00', '2026-12-01T10:30:00-05:00', 'en', 'America/New_York')).toMatch(/^09:00\s*–\s*10:30$/);
  });

  it('names the weekdays from the first day of the week', () => {
    expect(weekdayNames('en', 7).map((day) => day.long)).toEqual(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    expect(weekdayNames('de', 1)[0]).toEqual({ short: 'Mo', long: 'Montag' });
  });
});
