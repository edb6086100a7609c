import { InvalidScheduleInputError } from './invalid-schedule-input.error';
import { HOUR, at } from './test/builders';
import { ZoneClock, instantToLocal, isValidTimeZone, localClockFor, localDateTimeToInstant } from './time-zone';

describe('localDateTimeToInstant', () => {
  it('converts ordinary local times, including 30- and 45-minute offsets', () => {
    expect(localDateTimeToInstant('2026-06-15', '09:00', 'Europe/Berlin')).toBe(at('2026-06-15T07:00:00Z'));
    expect(localDateTimeToInstant('2026-01-15', '09:00', 'Asia/Kolkata')).toBe(at('2026-01-15T03:30:00Z'));
    expect(localDateTimeToInstant('2026-01-15', '09:00', 'Asia/Kathmandu')).toBe(at('2026-01-15T03:15:00Z'));
    expect(localDateTimeToInstant('2026-01-15', '09:00', 'America/St_Johns')).toBe(at('2026-01-15T12:30:00Z'));
    expect(localDateTimeToInstant('2026-01-15', '09:00', 'Pacific/Chatham')).toBe(at('2026-01-14T19:15:00Z'));
  });

  it('answers null for a local time the clock skips in spring', () => {
    expect(localDateTimeToInstant('2026-03-08', '02:30', 'America/New_York')).toBeNull();
    expect(localDateTimeToInstant('2026-03-29', '02:00', 'Europe/Berlin')).toBeNull();
    expect(localDateTimeToInstant('2026-03-29', '01:30', 'Europe/London')).toBeNull();
    expect(localDateTimeToInstant('2026-03-08', '02:30', 'America/St_Johns')).toBeNull();
    expect(localDateTimeToInstant('2026-10-04', '02:30', 'Australia/Sydney')).toBeNull();
    expect(localDateTimeToInstant('2026-09-27', '03:00', 'Pacific/Chatham')).toBeNull();
  });

  it('gives the instants on either side of the gap', () => {
    expect(localDateTimeToInstant('2026-03-08', '01:59', 'America/New_York')).toBe(at('2026-03-08T01:59:00-05:00'));
    expect(localDateTimeToInstant('2026-03-08', '03:00', 'America/New_York')).toBe(at('2026-03-08T03:00:00-04:00'));
    expect(localDateTimeToInstant('2026-09-27', '02:44', 'Pacific/Chatham')).toBe(at('2026-09-27T02:44:00+12:45'));
    expect(localDateTimeToInstant('2026-09-27', '03:45', 'Pacific/Chatham')).toBe(at('2026-09-27T03:45:00+13:45'));
  });

  it('answers the earlier instant for a local time the clock repeats in autumn', () => {
    expect(localDateTimeToInstant('2026-11-01', '01:30', 'America/New_York')).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(localDateTimeToInstant('2026-10-25', '02:30', 'Europe/Berlin')).toBe(at('2026-10-25T02:30:00+02:00'));
    expect(localDateTimeToInstant('2026-04-05', '02:30', 'Australia/Sydney')).toBe(at('2026-04-05T02:30:00+11:00'));
    expect(localDateTimeToInstant('2026-04-05', '03:00', 'Pacific/Chatham')).toBe(at('2026-04-05T03:00:00+13:45'));
  });

  it('knows that Sao Paulo has kept -03:00 all year since 2019, and skipped midnight before', () => {
    expect(localDateTimeToInstant('2026-11-01', '00:00', 'America/Sao_Paulo')).toBe(at('2026-11-01T00:00:00-03:00'));
    expect(localDateTimeToInstant('2026-01-15', '12:00', 'America/Sao_Paulo')).toBe(at('2026-01-15T12:00:00-03:00'));
    expect(localDateTimeToInstant('2018-11-04', '00:00', 'America/Sao_Paulo')).toBeNull();
  });

  it('reads 24:00 as the next midnight', () => {
    expect(localDateTimeToInstant('2026-06-15', '24:00', 'Europe/Berlin')).toBe(localDateTimeToInstant('2026-06-16', '00:00', 'Europe/Berlin'));
  });

  it('throws with every problem for malformed dates and times and unknown zones', () => {
    expect(() => localDateTimeToInstant('2026-02-30', '9:00', 'Europe/Berlin')).toThrow(
      expect.objectContaining({
        name: 'InvalidScheduleInputError',
        problems: ["'2026-02-30' is not a date in the form YYYY-MM-DD", "'9:00' is not a time in the form HH:mm"],
      }),
    );
    expect(() => localDateTimeToInstant('2026-06-15', '09:00', 'Mars/Olympus_Mons')).toThrow(InvalidScheduleInputError);
    expect(() => localDateTimeToInstant('2026-06-15', '09:00', '+05:30')).toThrow(/not a valid IANA time zone/);
  });
});

describe('instantToLocal', () => {
  it('reads date, time, ISO weekday and offset', () => {
    expect(instantToLocal(at('2026-06-15T07:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-06-15', time: '09:00', weekday: 1, offsetMinutes: 120 });
    expect(instantToLocal(at('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toEqual({ date: '2026-06-01', time: '05:45', weekday: 1, offsetMinutes: 345 });
    expect(instantToLocal(at('2026-06-20T23:59:59Z'), 'America/St_Johns')).toEqual({ date: '2026-06-20', time: '21:29', weekday: 6, offsetMinutes: -150 });
  });

  it('follows the offset across a transition to the minute', () => {
    expect(instantToLocal(at('2026-03-08T06:59:00Z'), 'America/New_York')).toMatchObject({ time: '01:59', offsetMinutes: -300 });
    expect(instantToLocal(at('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({ time: '03:00', offsetMinutes: -240 });
    expect(instantToLocal(at('2026-09-26T13:59:00Z'), 'Pacific/Chatham')).toMatchObject({ date: '2026-09-27', time: '02:44', offsetMinutes: 765 });
    expect(instantToLocal(at('2026-09-26T14:00:00Z'), 'Pacific/Chatham')).toMatchObject({ date: '2026-09-27', time: '03:45', offsetMinutes: 825 });
  });

  it('reads the repeated hour twice, with its two offsets', () => {
    const first = instantToLocal(at('2026-11-01T05:30:00Z'), 'America/New_York');
    const second = instantToLocal(at('2026-11-01T06:30:00Z'), 'America/New_York');
    expect([first.time, first.offsetMinutes]).toEqual(['01:30', -240]);
    expect([second.time, second.offsetMinutes]).toEqual(['01:30', -300]);
  });

  it('refuses unknown zones and instants that are not numbers', () => {
    expect(() => instantToLocal(0, 'Nowhere/Special')).toThrow(InvalidScheduleInputError);
    expect(() => instantToLocal(Number.NaN, 'UTC')).toThrow(InvalidScheduleInputError);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zone names and their aliases', () => {
    for (const zone of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5', 'Asia/Calcutta', 'america/new_york']) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it('refuses anything else, offsets included', () => {
    for (const zone of ['', 'Europe/Atlantis', '+05:30', '-03:00', ' Europe/Berlin', 'Europe/Berlin ', 'Europe//Berlin', 42, null]) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
  });
});

describe('ZoneClock', () => {
  it('finds the transitions of a span to the second', () => {
    const clock = new ZoneClock('America/New_York', { start: at('2026-01-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
    expect(clock.transitions).toEqual([
      { at: at('2026-03-08T07:00:00Z'), offsetBeforeMs: -5 * HOUR, offsetAfterMs: -4 * HOUR },
      { at: at('2026-11-01T06:00:00Z'), offsetBeforeMs: -4 * HOUR, offsetAfterMs: -5 * HOUR },
    ]);
  });

  it('finds none where the zone keeps one offset', () => {
    const span = { start: at('2025-01-01T00:00:00Z'), end: at('2028-01-01T00:00:00Z') };
    expect(new ZoneClock('America/Sao_Paulo', span).transitions).toEqual([]);
    expect(new ZoneClock('Asia/Kolkata', span).transitions).toEqual([]);
  });

  it('resolves a skipped wall time to the moment of the skip', () => {
    const clock = new ZoneClock('Europe/London', { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') });
    const wall = Date.UTC(2026, 2, 29, 1, 30);
    expect(clock.fromWall(wall)).toEqual({ instant: at('2026-03-29T01:00:00Z'), exists: false });
    expect(clock.toWall(at('2026-03-29T01:00:00Z'))).toBe(Date.UTC(2026, 2, 29, 2, 0));
  });
});

describe('localClockFor', () => {
  it.each(['America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Europe/London'])(
    'reads every quarter hour of a year in %s exactly as instantToLocal does',
    (zone) => {
      const span = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) };
      const read = localClockFor(zone, span);
      for (let instant = span.start; instant < span.end; instant += 15 * 60_000) {
        const fast = read(instant);
        const direct = instantToLocal(instant, zone);
        if (fast.date !== direct.date || fast.time !== direct.time || fast.offsetMinutes !== direct.offsetMinutes) expect({ instant, fast }).toEqual({ instant, fast: direct });
      }
      expect(read(span.end + 10 * 86_400_000)).toEqual(instantToLocal(span.end + 10 * 86_400_000, zone));
    },
  );
});
