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

  it('lays out a pattern shared by technicians of one zone once, giving equal results', () => {
    const cache = new WorkingTimeCache(monday);
    const first = cache.of(technician({ id: 'a' }));
    expect(cache.of(technician({ id: 'b' }))).toBe(first);
    expect(cache.of(technician({ id: 'c', timeZone: 'Europe/London' }))).toEqual([
      { start: nineToFive.start + HOUR, end: nineToFive.end + HOUR },
    ]);
  });
});
