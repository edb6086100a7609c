import { InvalidScheduleInputError } from './invalid-schedule-input.error';
import { isSlotAvailable, searchSlots } from './slot-search';
import { HOUR, MINUTE, at, everyDay, searchInput, technician, wallReading } from './test/builders';

const berlin = (instant: number) => wallReading(instant, 'Europe/Berlin');

describe('searchSlots', () => {
  it('offers every grid start inside working hours, sorted, with the free technicians', () => {
    const result = searchSlots(searchInput());
    expect(result.reasons).toEqual([]);
    expect(result.window).toEqual(searchInput().requested);
    expect(result.slots).toHaveLength(5 * 15);
    expect(result.slots[0]).toEqual({ start: at('2026-06-15T09:00:00+02:00'), end: at('2026-06-15T10:00:00+02:00'), technicianIds: ['tech-a'] });
    expect(berlin(result.slots[14].start)).toBe('2026-06-15 16:00');
    expect(berlin(result.slots[15].start)).toBe('2026-06-16 09:00');
    expect(berlin(result.slots[74].start)).toBe('2026-06-19 16:00');
  });

  it('lists each slot’s technicians in id order and offers the union of their times', () => {
    const result = searchSlots(
      searchInput({
        technicians: [
          technician({ id: 'zoe', weeklyHours: everyDay('12:00', '14:00', [1]) }),
          technician({ id: 'adam', weeklyHours: everyDay('09:00', '13:00', [1]) }),
        ],
      }),
    );
    expect(result.slots.map((slot) => [berlin(slot.start).slice(11), slot.technicianIds])).toEqual([
      ['09:00', ['adam']],
      ['09:30', ['adam']],
      ['10:00', ['adam']],
      ['10:30', ['adam']],
      ['11:00', ['adam']],
      ['11:30', ['adam']],
      ['12:00', ['adam', 'zoe']],
      ['12:30', ['zoe']],
      ['13:00', ['zoe']],
    ]);
  });

  it('keeps the travel buffer free on both sides of every booking', () => {
    const busy = [{ start: at('2026-06-15T11:00:00+02:00'), end: at('2026-06-15T12:00:00+02:00') }];
    const result = searchSlots(searchInput({ technicians: [technician({ busy, weeklyHours: everyDay('09:00', '14:00', [1]) })], travelBufferMinutes: 30 }));
    expect(result.slots.map((slot) => berlin(slot.start).slice(11))).toEqual(['09:00', '09:30', '12:30', '13:00']);
  });

  it('offers nothing during time off', () => {
    const timeOff = [{ start: at('2026-06-15T00:00:00+02:00'), end: at('2026-06-18T00:00:00+02:00') }];
    const result = searchSlots(searchInput({ technicians: [technician({ timeOff })] }));
    expect(berlin(result.slots[0].start)).toBe('2026-06-18 09:00');
    expect(result.slots).toHaveLength(2 * 15);
  });

  it('clamps the search to the booking window and keeps whole jobs inside it', () => {
    const requested = searchInput().requested;
    const bookingWindow = { start: at('2026-06-17T10:10:00+02:00'), end: at('2026-06-18T12:30:00+02:00') };
    const result = searchSlots(searchInput({ bookingWindow }));
    expect(result.window).toEqual(bookingWindow);
    expect(berlin(result.slots[0].start)).toBe('2026-06-17 10:30');
    expect(berlin(result.slots[result.slots.length - 1].start)).toBe('2026-06-18 11:30');
    expect(requested.start).toBeLessThan(bookingWindow.start);
  });

  it('runs a job across midnight on an overnight shift', () => {
    const weeklyHours = [
      { weekday: 1 as const, start: '22:00', end: '24:00' },
      { weekday: 2 as const, start: '00:00', end: '02:00' },
    ];
    const result = searchSlots(searchInput({ technicians: [technician({ weeklyHours })], durationMinutes: 120, granularityMinutes: 60 }));
    expect(result.slots.map((slot) => berlin(slot.start))).toEqual(['2026-06-15 22:00', '2026-06-15 23:00', '2026-06-16 00:00']);
  });

  it('counts the grid from midnight in the service location’s zone, not the technician’s', () => {
    const result = searchSlots(
      searchInput({ location: { lat: 52.5, lng: 13.4, timeZone: 'Asia/Kolkata' }, granularityMinutes: 60, requested: { start: at('2026-06-15T00:00:00+05:30'), end: at('2026-06-16T00:00:00+05:30') } }),
    );
    // 09:00–17:00 in Berlin (UTC+2) is 12:30–20:30 in Kolkata (UTC+5:30).
    expect(result.slots.map((slot) => wallReading(slot.start, 'Asia/Kolkata').slice(11))).toEqual(['13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00']);
  });

  describe('says why nothing is offered', () => {
    it('no technicians at all, or none active', () => {
      expect(searchSlots(searchInput({ technicians: [] })).reasons).toEqual([{ code: 'noTechnicians' }]);
      expect(searchSlots(searchInput({ technicians: [technician({ active: false })] })).reasons).toEqual([{ code: 'noTechnicians' }]);
    });

    it('each skill nobody has at the level asked, in the order asked', () => {
      const result = searchSlots(
        searchInput({
          technicians: [technician({ skills: [{ skillId: 'boiler', proficiency: 1 }, { skillId: 'gas', proficiency: 5 }] })],
          requiredSkills: [
            { skillId: 'boiler', skillName: 'Boiler service', minProficiency: 2 },
            { skillId: 'gas', skillName: 'Gas safety', minProficiency: 4 },
            { skillId: 'solar', skillName: 'Solar', minProficiency: 1 },
          ],
        }),
      );
      expect(result.slots).toEqual([]);
      expect(result.reasons).toEqual([
        { code: 'missingSkill', skillId: 'boiler', skillName: 'Boiler service', minProficiency: 2 },
        { code: 'missingSkill', skillId: 'solar', skillName: 'Solar', minProficiency: 1 },
      ]);
    });

    it('the skill that nobody has together with the others', () => {
      const result = searchSlots(
        searchInput({
          technicians: [
            technician({ id: 'a', skills: [{ skillId: 'boiler', proficiency: 3 }] }),
            technician({ id: 'b', skills: [{ skillId: 'gas', proficiency: 3 }] }),
          ],
          requiredSkills: [
            { skillId: 'boiler', skillName: 'Boiler service', minProficiency: 2 },
            { skillId: 'gas', skillName: 'Gas safety', minProficiency: 2 },
          ],
        }),
      );
      expect(result.reasons).toEqual([{ code: 'missingSkill', skillId: 'gas', skillName: 'Gas safety', minProficiency: 2 }]);
    });

    it('every qualified technician lives beyond the radius', () => {
      const result = searchSlots(searchInput({ technicians: [technician({ home: { lat: 48.14, lng: 11.58 } })], travelRadiusKm: 50 }));
      expect(result.reasons).toEqual([{ code: 'beyondRadius', radiusKm: 50 }]);
    });

    it('the dates lie outside the booking window', () => {
      const bookingWindow = { start: at('2026-07-01T00:00:00+02:00'), end: at('2026-08-01T00:00:00+02:00') };
      expect(searchSlots(searchInput({ bookingWindow }))).toEqual({ window: null, slots: [], reasons: [{ code: 'outsideBookingWindow' }] });
    });

    it('both the window and the team, window first', () => {
      const bookingWindow = { start: at('2026-07-01T00:00:00+02:00'), end: at('2026-08-01T00:00:00+02:00') };
      expect(searchSlots(searchInput({ bookingWindow, technicians: [] })).reasons).toEqual([{ code: 'outsideBookingWindow' }, { code: 'noTechnicians' }]);
    });

    it('the booking window leaves too little time for one job', () => {
      const bookingWindow = { start: at('2026-06-19T23:30:00+02:00'), end: at('2026-07-01T00:00:00+02:00') };
      const result = searchSlots(searchInput({ bookingWindow }));
      expect(result.window).toEqual({ start: bookingWindow.start, end: searchInput().requested.end });
      expect(result.reasons).toEqual([{ code: 'outsideBookingWindow' }]);
    });

    it('nobody qualified works then', () => {
      const weekend = { start: at('2026-06-20T00:00:00+02:00'), end: at('2026-06-22T00:00:00+02:00') };
      expect(searchSlots(searchInput({ requested: weekend, bookingWindow: weekend })).reasons).toEqual([{ code: 'noWorkingHours' }]);
    });

    it('everyone qualified is on time off', () => {
      const timeOff = [{ start: at('2026-06-01T00:00:00+02:00'), end: at('2026-07-01T00:00:00+02:00') }];
      expect(searchSlots(searchInput({ technicians: [technician({ timeOff })] })).reasons).toEqual([{ code: 'noWorkingHours' }]);
    });

    it('everyone qualified works but is booked', () => {
      const busy = [1, 2, 3, 4, 5].map((day) => ({ start: at(`2026-06-1${4 + day}T08:00:00+02:00`), end: at(`2026-06-1${4 + day}T18:00:00+02:00`) }));
      const result = searchSlots(searchInput({ technicians: [technician({ busy })] }));
      expect(result).toEqual({ window: searchInput().requested, slots: [], reasons: [{ code: 'fullyBooked' }] });
    });

    it('the free gaps are too short for the job once buffers are kept', () => {
      const busy = [{ start: at('2026-06-15T10:00:00+02:00'), end: at('2026-06-15T16:00:00+02:00') }];
      const monday = { start: at('2026-06-15T00:00:00+02:00'), end: at('2026-06-16T00:00:00+02:00') };
      const input = searchInput({ technicians: [technician({ busy })], requested: monday, bookingWindow: monday, travelBufferMinutes: 30 });
      expect(searchSlots(input).reasons).toEqual([{ code: 'fullyBooked' }]);
      expect(searchSlots({ ...input, travelBufferMinutes: 0 }).slots.map((slot) => berlin(slot.start).slice(11))).toEqual(['09:00', '16:00']);
    });
  });

  it('refuses input that makes no sense, listing every problem', () => {
    expect(() => searchSlots(searchInput({ durationMinutes: 0, granularityMinutes: 7.5, travelBufferMinutes: -5, travelRadiusKm: Number.NaN }))).toThrow(
      expect.objectContaining({
        problems: [
          'durationMinutes must be a whole number of at least 1, not 0',
          'granularityMinutes must be a whole number of at least 1, not 7.5',
          'travelBufferMinutes must be a whole number of at least 0, not -5',
          'travelRadiusKm must be 0 or more, not NaN',
        ],
      }),
    );
    expect(() => searchSlots(searchInput({ location: { lat: 0, lng: 0, timeZone: 'Europe/Atlantis' } }))).toThrow(/service location's 'Europe\/Atlantis'/);
    expect(() => searchSlots(searchInput({ technicians: [technician(), technician()] }))).toThrow(/'tech-a' is listed twice/);
    expect(() => searchSlots(searchInput({ technicians: [technician({ timeZone: 'GMT+2' })] }))).toThrow(InvalidScheduleInputError);
    expect(() => searchSlots(searchInput({ technicians: [technician({ busy: [{ start: 0, end: Number.POSITIVE_INFINITY }] })] }))).toThrow(/not finite/);
    expect(() => searchSlots(searchInput({ technicians: [technician({ timeOff: new Float64Array([0, Number.NaN]) })] }))).toThrow(/not finite/);
    expect(() => searchSlots(searchInput({ technicians: [technician({ busy: new Float64Array([0, HOUR, 2 * HOUR]) })] }))).toThrow(/a start but no end/);
    expect(() => searchSlots(searchInput({ requested: { start: Number.NaN, end: 0 } }))).toThrow(/requested must have a finite start and end/);
  });

  it('treats a reversed range as empty rather than an error', () => {
    const requested = { start: at('2026-06-19T00:00:00+02:00'), end: at('2026-06-15T00:00:00+02:00') };
    expect(searchSlots(searchInput({ requested })).reasons).toEqual([{ code: 'outsideBookingWindow' }]);
  });
});

describe('isSlotAvailable', () => {
  const nine = at('2026-06-15T09:00:00+02:00');

  it('says yes for a free grid start and names the technician when asked', () => {
    const input = searchInput({ technicians: [technician({ id: 'a' }), technician({ id: 'b', weeklyHours: everyDay('13:00', '17:00') })] });
    expect(isSlotAvailable(input, nine)).toBe(true);
    expect(isSlotAvailable(input, nine, 'a')).toBe(true);
    expect(isSlotAvailable(input, nine, 'b')).toBe(false);
    expect(isSlotAvailable(input, nine, 'nobody')).toBe(false);
  });

  it('says no off the grid, outside working hours, past the window or when booked', () => {
    const busy = [{ start: at('2026-06-15T10:45:00+02:00'), end: at('2026-06-15T11:00:00+02:00') }];
    const input = searchInput({ technicians: [technician({ busy })], travelBufferMinutes: 15 });
    expect(isSlotAvailable(input, nine + 10 * MINUTE)).toBe(false);
    expect(isSlotAvailable(input, nine + 15 * 1000)).toBe(false);
    expect(isSlotAvailable(input, nine - HOUR)).toBe(false);
    expect(isSlotAvailable(input, at('2026-06-15T16:30:00+02:00'))).toBe(false);
    expect(isSlotAvailable(input, at('2026-06-15T09:30:00+02:00'))).toBe(true);
    expect(isSlotAvailable(input, at('2026-06-15T10:00:00+02:00'))).toBe(false);
    expect(isSlotAvailable(input, at('2026-06-20T09:00:00+02:00'))).toBe(false);
    expect(isSlotAvailable({ ...input, bookingWindow: { start: nine + HOUR, end: nine + 10 * HOUR } }, nine)).toBe(false);
    expect(isSlotAvailable(input, Number.NaN)).toBe(false);
  });

  it('ignores other technicians’ broken data when asked about one', () => {
    const input = searchInput({ technicians: [technician({ id: 'a' }), technician({ id: 'b', timeZone: 'Not/AZone' })] });
    expect(isSlotAvailable(input, nine, 'a')).toBe(true);
    expect(() => isSlotAvailable(input, nine)).toThrow(InvalidScheduleInputError);
  });

  it('does not offer the second pass of a repeated hour', () => {
    const night = { start: at('2026-10-25T00:00:00+02:00'), end: at('2026-10-25T06:00:00+01:00') };
    const input = searchInput({ technicians: [technician({ weeklyHours: everyDay('00:00', '06:00') })], requested: night, bookingWindow: night });
    expect(isSlotAvailable(input, at('2026-10-25T02:30:00+02:00'))).toBe(true);
    expect(isSlotAvailable(input, at('2026-10-25T02:30:00+01:00'))).toBe(false);
  });
});
