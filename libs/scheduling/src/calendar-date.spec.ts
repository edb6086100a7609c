import { formatClockTime, formatIsoDate, isoWeekdayOf, parseClockTime, parseIsoDate, wallMs } from './calendar-date';

describe('calendar dates', () => {
  it('counts days from 1970-01-01 and formats them back', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('2026-03-08')).toBe(20520);
    expect(formatIsoDate(20520)).toBe('2026-03-08');
    expect(formatIsoDate(parseIsoDate('2028-02-29')!)).toBe('2028-02-29');
  });

  it('refuses dates that are malformed or do not exist', () => {
    for (const text of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '26-01-01', '2026-01-01T00:00', '']) {
      expect(parseIsoDate(text)).toBeNull();
    }
  });

  it('keeps years below 100 as they are', () => {
    expect(new Date(wallMs(50, 1, 1)).getUTCFullYear()).toBe(50);
  });

  it('reads HH:mm clock times, with 24:00 as the end of a day', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('09:30')).toBe(570);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(formatClockTime(570)).toBe('09:30');
  });

  it('refuses clock times that are malformed or out of range', () => {
    for (const text of ['24:01', '25:00', '12:60', '9:30', '09:3', '09:30:00', 'noon', '']) {
      expect(parseClockTime(text)).toBeNull();
    }
  });

  it('gives ISO weekdays, Monday 1 to Sunday 7, also before 1970', () => {
    expect(isoWeekdayOf(0)).toBe(4);
    expect(isoWeekdayOf(parseIsoDate('2026-06-15')!)).toBe(1);
    expect(isoWeekdayOf(parseIsoDate('2026-06-21')!)).toBe(7);
    expect(isoWeekdayOf(parseIsoDate('1969-12-29')!)).toBe(1);
  });
});
