import { canonicalTimeZone, checkWeeklyHours, formatClock, normalizePhone, parseClock, parseOffsetDateTime } from './schedule-input';

describe('clock times', () => {
  it.each([
    ['00:00', false, 0],
    ['08:30', false, 510],
    ['23:59', false, 1439],
    ['24:00', true, 1440],
  ])('reads %s (end: %s) as minute %d', (text, isEnd, minutes) => {
    expect(parseClock(text, isEnd)).toBe(minutes);
  });

  it.each([
    ['24:00', false],
    ['24:01', true],
    ['8:00', false],
    ['08:60', false],
    ['25:00', true],
    ['0800', false],
    ['08:00:00', false],
    [' 08:00', false],
  ])('refuses %s (end: %s)', (text, isEnd) => {
    expect(parseClock(text, isEnd)).toBeNull();
  });

  it('writes minutes back as HH:mm', () => {
    expect([0, 510, 1439, 1440].map(formatClock)).toEqual(['00:00', '08:30', '23:59', '24:00']);
  });
});

describe('weekly hours check', () => {
  it('accepts stretches that touch, on one day and across midnight, and returns them sorted', () => {
    const { intervals, issues } = checkWeeklyHours(
      [
        { weekday: 2, start: '00:00', end: '06:00' },
        { weekday: 1, start: '12:00', end: '16:00' },
        { weekday: 1, start: '08:00', end: '12:00' },
        { weekday: 1, start: '22:00', end: '24:00' },
      ],
      'weeklyHours',
    );
    expect(issues).toEqual([]);
    expect(intervals).toEqual([
      { weekday: 1, startMinute: 480, endMinute: 720 },
      { weekday: 1, startMinute: 720, endMinute: 960 },
      { weekday: 1, startMinute: 1320, endMinute: 1440 },
      { weekday: 2, startMinute: 0, endMinute: 360 },
    ]);
  });

  it('allows the same hours on different weekdays', () => {
    const items = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
    expect(checkWeeklyHours(items, 'weeklyHours').issues).toEqual([]);
  });

  it('names each overlapping stretch, including one hidden inside a long stretch', () => {
    const { issues } = checkWeeklyHours(
      [
        { weekday: 3, start: '08:00', end: '18:00' },
        { weekday: 3, start: '09:00', end: '10:00' },
        { weekday: 3, start: '12:00', end: '13:00' },
        { weekday: 4, start: '12:00', end: '13:00' },
      ],
      'weeklyHours',
    );
    expect(issues).toEqual([
      { field: 'weeklyHours.1', code: 'hoursOverlap', params: { start: '09:00', end: '10:00', otherStart: '08:00', otherEnd: '18:00' } },
      { field: 'weeklyHours.2', code: 'hoursOverlap', params: { start: '12:00', end: '13:00', otherStart: '08:00', otherEnd: '18:00' } },
    ]);
  });

  it('reports malformed times and ends not after their start, per item, in item order', () => {
    const { issues } = checkWeeklyHours(
      [
        { weekday: 1, start: '9am', end: '17:00' },
        { weekday: 1, start: '18:00', end: '18:00' },
        { weekday: 1, start: '20:00', end: '19:00' },
        { weekday: 1, start: '24:00', end: '24:30' },
      ],
      'weeklyHours',
    );
    expect(issues.map((issue) => `${issue.field}:${issue.code}`)).toEqual([
      'weeklyHours.0.start:clockTime',
      'weeklyHours.1.end:endNotAfterStart',
      'weeklyHours.2.end:endNotAfterStart',
      'weeklyHours.3.start:clockTime',
      'weeklyHours.3.end:clockTime',
    ]);
  });

  it('refuses more stretches than a week can sensibly hold', () => {
    const items = Array.from({ length: 101 }, (_, index) => ({ weekday: 1, start: formatClock(index), end: formatClock(index + 1) }));
    expect(checkWeeklyHours(items, 'weeklyHours').issues).toEqual([{ field: 'weeklyHours', code: 'tooMany', params: { max: 100 } }]);
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['America/St_Johns', 'America/St_Johns'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('accepts %s as %s', (given, canonical) => {
    expect(canonicalTimeZone(given)).toBe(canonical);
  });

  it('keeps a valid alias as given rather than swapping in another name', () => {
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it.each(['Mars/Olympus_Mons', '+01:00', 'EST', 'CET', 'GMT+1 ', '', 'Europe/Berlin; DROP TABLE', 'Europe/' + 'x'.repeat(70)])('refuses %p', (zone) => {
    expect(canonicalTimeZone(zone)).toBeNull();
  });
});

describe('date-times with an offset', () => {
  it.each([
    ['2026-03-02T08:00:00+01:00', '2026-03-02T07:00:00.000Z'],
    ['2026-03-02T08:00Z', '2026-03-02T08:00:00.000Z'],
    ['2026-03-02T08:00:00.250-05:30', '2026-03-02T13:30:00.250Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseOffsetDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each(['2026-03-02T08:00:00', '2026-03-02', '2026-02-30T08:00:00Z', '2027-02-29T08:00:00Z', '2026-03-02T24:00:00Z', '2026-13-01T08:00:00Z', '2026-03-02T08:00:00+15:00', 'tomorrow'])(
    'refuses %s',
    (text) => {
      expect(parseOffsetDateTime(text)).toBeNull();
    },
  );
});

describe('phone numbers', () => {
  it('removes spaces and punctuation from an international number', () => {
    expect(normalizePhone('+49 (30) 123-4567')).toBe('+49301234567');
  });

  it.each(['030 1234567', '+0301234567', '+49', 'call me'])('refuses %s', (text) => {
    expect(normalizePhone(text)).toBeNull();
  });
});
