import { DAY, HOUR, at } from './test/builders';
import { ZoneClock } from './time-zone';
import { expandWeeklyHours, stretchesByWeekday } from './working-hours';

const berlinJune = new ZoneClock('Europe/Berlin', { start: at('2026-06-01T00:00:00Z'), end: at('2026-07-01T00:00:00Z') });

describe('stretchesByWeekday', () => {
  it('sorts each weekday and joins stretches that overlap or touch', () => {
    const days = stretchesByWeekday([
      { weekday: 1, start: '13:00', end: '17:00' },
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '13:00' },
      { weekday: 3, start: '08:00', end: '10:00' },
      { weekday: 3, start: '09:00', end: '11:00' },
    ]);
    expect(days[1]).toEqual([{ start: 540, end: 1020 }]);
    expect(days[3]).toEqual([{ start: 480, end: 660 }]);
    expect(days[2]).toEqual([]);
  });

  it('skips entries with a bad weekday, a malformed time or no length', () => {
    const days = stretchesByWeekday([
      { weekday: 0 as never, start: '09:00', end: '17:00' },
      { weekday: 8 as never, start: '09:00', end: '17:00' },
      { weekday: 2, start: '9:00', end: '17:00' },
      { weekday: 2, start: '17:00', end: '09:00' },
      { weekday: 2, start: '10:00', end: '10:00' },
    ]);
    expect(days.flat()).toEqual([]);
  });
});

describe('expandWeeklyHours', () => {
  it('lays a weekly pattern onto the days of a window', () => {
    const monday = at('2026-06-15T00:00:00+02:00');
    const working = expandWeeklyHours(stretchesByWeekday([{ weekday: 1, start: '09:00', end: '17:00' }]), berlinJune, {
      start: monday,
      end: monday + 14 * DAY,
    });
    expect(working).toEqual([
      { start: at('2026-06-15T09:00:00+02:00'), end: at('2026-06-15T17:00:00+02:00') },
      { start: at('2026-06-22T09:00:00+02:00'), end: at('2026-06-22T17:00:00+02:00') },
    ]);
  });

  it('clips to the window', () => {
    const window = { start: at('2026-06-15T10:00:00+02:00'), end: at('2026-06-15T12:00:00+02:00') };
    expect(expandWeeklyHours(stretchesByWeekday([{ weekday: 1, start: '09:00', end: '17:00' }]), berlinJune, window)).toEqual([window]);
  });

  it('joins an overnight shift written as 22:00–24:00 and next day 00:00–06:00', () => {
    const weekly = stretchesByWeekday([
      { weekday: 1, start: '22:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '06:00' },
    ]);
    const window = { start: at('2026-06-15T00:00:00+02:00'), end: at('2026-06-17T00:00:00+02:00') };
    expect(expandWeeklyHours(weekly, berlinJune, window)).toEqual([
      { start: at('2026-06-15T22:00:00+02:00'), end: at('2026-06-16T06:00:00+02:00') },
    ]);
  });

  it('picks up a shift of the day before the window that reaches into it', () => {
    const weekly = stretchesByWeekday([
      { weekday: 7, start: '22:00', end: '24:00' },
      { weekday: 1, start: '00:00', end: '02:00' },
    ]);
    const window = { start: at('2026-06-15T01:00:00+02:00'), end: at('2026-06-15T12:00:00+02:00') };
    expect(expandWeeklyHours(weekly, berlinJune, window)).toEqual([{ start: window.start, end: window.start + HOUR }]);
  });
});
