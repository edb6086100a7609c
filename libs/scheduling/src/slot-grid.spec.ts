import { firstStartFrom, isOnSlotGrid, slotGrid } from './slot-grid';
import { HOUR, MINUTE, at, wallReading } from './test/builders';
import { ZoneClock } from './time-zone';

const zone = 'America/New_York';
const clock = new ZoneClock(zone, { start: at('2026-03-01T00:00:00Z'), end: at('2026-11-10T00:00:00Z') });
const readings = (starts: number[]) => starts.map((start) => wallReading(start, zone).slice(11));

describe('slotGrid', () => {
  it('skips the local times of a spring gap', () => {
    const night = { start: at('2026-03-08T00:00:00-05:00'), end: at('2026-03-08T05:00:00-04:00') };
    expect(readings(slotGrid(clock, night, 30, 30 * MINUTE))).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30', '04:00', '04:30']);
  });

  it('offers a repeated autumn hour once, at its first occurrence', () => {
    const night = { start: at('2026-11-01T00:00:00-04:00'), end: at('2026-11-01T03:00:00-05:00') };
    const starts = slotGrid(clock, night, 30, 30 * MINUTE);
    expect(readings(starts)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30']);
    expect(starts[3]).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(starts[4] - starts[3]).toBe(HOUR + 30 * MINUTE);
  });

  it('keeps whole jobs inside the window and starts on window edges only when on the grid', () => {
    const window = { start: at('2026-06-15T09:10:00-04:00'), end: at('2026-06-15T11:00:00-04:00') };
    expect(readings(slotGrid(clock, window, 15, HOUR))).toEqual(['09:15', '09:30', '09:45', '10:00']);
    expect(slotGrid(clock, { start: window.start, end: window.start + 30 * MINUTE }, 15, HOUR)).toEqual([]);
  });

  it('restarts the count at every local midnight when the granularity does not divide a day', () => {
    const day = { start: at('2026-06-15T20:00:00-04:00'), end: at('2026-06-16T01:00:00-04:00') };
    expect(readings(slotGrid(clock, day, 7 * 60, 30 * MINUTE))).toEqual(['21:00', '00:00']);
  });
});

describe('isOnSlotGrid', () => {
  it('accepts exactly the positions slotGrid lays out', () => {
    expect(isOnSlotGrid(clock, at('2026-06-15T09:30:00-04:00'), 30)).toBe(true);
    expect(isOnSlotGrid(clock, at('2026-06-15T09:45:00-04:00'), 30)).toBe(false);
    expect(isOnSlotGrid(clock, at('2026-06-15T09:30:30-04:00'), 30)).toBe(false);
    expect(isOnSlotGrid(clock, at('2026-11-01T01:30:00-04:00'), 30)).toBe(true);
    expect(isOnSlotGrid(clock, at('2026-11-01T01:30:00-05:00'), 30)).toBe(false);
  });
});

describe('firstStartFrom', () => {
  it('finds the first start at or after a value', () => {
    const starts = [10, 20, 30, 40];
    expect(firstStartFrom(starts, 5)).toBe(0);
    expect(firstStartFrom(starts, 20)).toBe(1);
    expect(firstStartFrom(starts, 21)).toBe(2);
    expect(firstStartFrom(starts, 41)).toBe(4);
    expect(firstStartFrom(starts, 5, 2)).toBe(2);
  });
});
