import { validateWeeklyHours } from './weekly-hours-validation';

describe('validateWeeklyHours', () => {
  it('accepts split days, touching stretches, 24:00 ends and empty patterns', () => {
    expect(
      validateWeeklyHours([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '12:00', end: '17:00' },
        { weekday: 1, start: '22:00', end: '24:00' },
        { weekday: 2, start: '00:00', end: '06:00' },
        { weekday: 2, start: '09:00', end: '17:00' },
      ]),
    ).toEqual([]);
    expect(validateWeeklyHours([])).toEqual([]);
  });

  it('reports overlapping stretches of one weekday on the later entry', () => {
    expect(
      validateWeeklyHours([
        { weekday: 3, start: '09:00', end: '17:00' },
        { weekday: 4, start: '10:00', end: '11:00' },
        { weekday: 3, start: '16:30', end: '18:00' },
      ]),
    ).toEqual([{ index: 2, code: 'overlap', field: 'start', overlapsIndex: 0, message: 'entry 2 overlaps entry 0' }]);
  });

  it('reports a stretch inside another and stretches with one start', () => {
    const problems = validateWeeklyHours([
      { weekday: 5, start: '08:00', end: '18:00' },
      { weekday: 5, start: '10:00', end: '11:00' },
      { weekday: 5, start: '12:00', end: '13:00' },
      { weekday: 6, start: '09:00', end: '10:00' },
      { weekday: 6, start: '09:00', end: '12:00' },
    ]);
    expect(problems.map((p) => [p.index, p.code, 'overlapsIndex' in p ? p.overlapsIndex : null])).toEqual([
      [1, 'overlap', 0],
      [2, 'overlap', 0],
      [4, 'overlap', 3],
    ]);
  });

  it('reports ends at or before starts', () => {
    const problems = validateWeeklyHours([
      { weekday: 1, start: '17:00', end: '09:00' },
      { weekday: 1, start: '10:00', end: '10:00' },
      { weekday: 1, start: '10:00', end: '00:00' },
    ]);
    expect(problems.map((p) => [p.index, p.code, p.field])).toEqual([
      [0, 'endNotAfterStart', 'end'],
      [1, 'endNotAfterStart', 'end'],
      [2, 'endNotAfterStart', 'end'],
    ]);
  });

  it('reports malformed times and weekdays, field by field', () => {
    const problems = validateWeeklyHours([
      { weekday: 1, start: '9:00', end: '17:00' },
      { weekday: 1, start: '09:00', end: '25:00' },
      { weekday: 1, start: '24:00', end: '24:00' },
      { weekday: 0 as never, start: '09:00', end: '17:00' },
      { weekday: 2.5 as never, start: 'nine', end: 17 as never },
    ]);
    expect(problems.map((p) => [p.index, p.code, p.field])).toEqual([
      [0, 'malformedTime', 'start'],
      [1, 'malformedTime', 'end'],
      [2, 'malformedTime', 'start'],
      [3, 'invalidWeekday', 'weekday'],
      [4, 'invalidWeekday', 'weekday'],
      [4, 'malformedTime', 'start'],
      [4, 'malformedTime', 'end'],
    ]);
  });

  it('does not report an overlap with an entry that is itself invalid', () => {
    const problems = validateWeeklyHours([
      { weekday: 1, start: '09:00', end: '17:00' },
      { weekday: 9 as never, start: '10:00', end: '11:00' },
    ]);
    expect(problems.map((p) => p.code)).toEqual(['invalidWeekday']);
  });
});
