import { packIntervals } from './packed-intervals';
import { HOUR, MINUTE, at, technician } from './test/builders';
import { WorkingTimeCache, technicianFreeIntervals, technicianWorkingIntervals } from './technician-availability';

const monday = { start: at('2026-06-15T00:00:00+02:00'), end: at('2026-06-16T00:00:00+02:00') };
const nineToFive = { start: at('2026-06-15T09:00:00+02:00'), end: at('2026-06-15T17:00:00+02:00') };

describe('technician availability', () => {
  it('is the working hours when nothing is booked', () => {
    expect(technicianWorkingIntervals(technician(), monday)).toEqual([nineToFive]);
    expect(technicianFreeIntervals(technician(), monday, 30)).toEqual([nineToFive]);
  });

  it('takes out time off and bookings widened by the buffer on both sides', () => {
    const busy = [{ start: at('2026-06-15T11:00:00+02:00'), end: at('2026-06-15T12:00:00+02:00') }];
    const timeOff = [{ start: at('2026-06-15T15:00:00+02:00'), end: at('2026-06-16T12:00:00+02:00') }];
    expect(technicianFreeIntervals(technician({ busy, timeOff }), monday, 30)).toEqual([
      { start: nineToFive.start, end: busy[0].start - 30 * MINUTE },
      { start: busy[0].end + 30 * MINUTE, end: timeOff[0].start },
    ]);
  });

  it('lets a booking just outside the window block the start of it through its buffer', () => {
    const window = { start: at('2026-06-15T10:00:00+02:00'), end: at('2026-06-15T17:00:00+02:00') };
    const busy = [{ start: at('2026-06-15T09:00:00+02:00'), end: at('2026-06-15T10:00:00+02:00') }];
    expect(technicianFreeIntervals(technician({ busy }), window, 15)).toEqual([{ start: window.start + 15 * MINUTE, end: window.end }]);
  });

  it('ignores time off that ends before it starts', () => {
    const timeOff = [{ start: at('2026-06-15T12:00:00+02:00'), end: at('2026-06-15T10:00:00+02:00') }];
    expect(technicianFreeIntervals(technician({ timeOff }), monday)).toEqual([nineToFive]);
  });

  it('gives the same free time for calendars packed into one array, in order or not', () => {
    const busy = [
      { start: at('2026-06-15T14:00:00+02:00'), end: at('2026-06-15T15:00:00+02:00') },
      { start: at('2026-06-15T10:00:00+02:00'), end: at('2026-06-15T11:00:00+02:00') },
    ];
    const timeOff = [{ start: at('2026-06-15T12:00:00+02:00'), end: at('2026-06-15T12:30:00+02:00') }];
    const listed = technicianFreeIntervals(technician({ busy, timeOff }), monday, 15);
    expect(listed).toHaveLength(4);
    expect(technicianFreeIntervals(technician({ busy: packIntervals(busy), timeOff: packIntervals(timeOff) }), monday, 15)).toEqual(listed);
    const inOrder = packIntervals([...busy].sort((a, b) => a.start - b.start));
    expect(technicianFreeIntervals(technician({ busy: inOrder, timeOff: packIntervals(timeOff) }), monday, 15)).toEqual(listed);
  });

  it('joins bookings whose buffered times touch, and time off overlapping them, into one blocked stretch', () => {
    // 10:00–11:00 and 12:00–13:00 with 30 minutes either side touch at 11:30; time off 12:45–14:00 overlaps.
    const busy = packIntervals([
      { start: at('2026-06-15T10:00:00+02:00'), end: at('2026-06-15T11:00:00+02:00') },
      { start: at('2026-06-15T12:00:00+02:00'), end: at('2026-06-15T13:00:00+02:00') },
    ]);
    const timeOff = packIntervals([{ start: at('2026-06-15T12:45:00+02:00'), end: at('2026-06-15T14:00:00+02:00') }]);
    expect(technicianFreeIntervals(technician({ busy, timeOff }), monday, 30)).toEqual([
      { start: nineToFive.start, end: at('2026-06-15T09:30:00+02:00') },
      { start: at('2026-06-15T14:00:00+02:00'), end: nineToFive.end },
    ]);
  });

  it('keeps the buffer around a booking that takes no time', () => {
    const noon = at('2026-06-15T12:00:00+02:00');
    expect(technicianFreeIntervals(technician({ busy: packIntervals([{ start: noon, end: noon }]) }), monday, 15)).toEqual([
      { start: nineToFive.start, end: noon - 15 * MINUTE },
      { start: noon + 15 * MINUTE, end: nineToFive.end },
    ]);
  });

  it('lays out a pattern shared by technicians of one zone once, giving equal results', () => {
    const cache = new WorkingTimeCache(monday);
    const first = cache.of(technician({ id: 'a' }));
    expect(cache.of(technician({ id: 'b' }))).toBe(first);
    // The same hours written in another order are the same pattern.
    const reversed = technician({ id: 'd' });
    expect(cache.of({ ...reversed, weeklyHours: [...reversed.weeklyHours].reverse() })).toBe(first);
    expect(cache.of(technician({ id: 'c', timeZone: 'Europe/London' }))).toEqual([
      { start: nineToFive.start + HOUR, end: nineToFive.end + HOUR },
    ]);
  });
});
