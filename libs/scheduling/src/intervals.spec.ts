import { clipIntervals, intersectInterval, intersectIntervals, mergeIntervals, overlaps, subtractIntervals, totalDuration, widenIntervals } from './intervals';

const iv = (start: number, end: number) => ({ start, end });

describe('interval arithmetic', () => {
  it('intersects two intervals, or says they do not meet', () => {
    expect(intersectInterval(iv(0, 10), iv(5, 20))).toEqual(iv(5, 10));
    expect(intersectInterval(iv(0, 10), iv(10, 20))).toBeNull();
    expect(intersectInterval(iv(10, 0), iv(0, 20))).toBeNull();
  });

  it('treats intervals as half-open when testing overlap', () => {
    expect(overlaps(iv(0, 10), iv(9, 11))).toBe(true);
    expect(overlaps(iv(0, 10), iv(10, 11))).toBe(false);
  });

  it('merges overlapping and touching intervals and drops empty ones, without touching the input', () => {
    const input = [iv(20, 30), iv(0, 10), iv(10, 15), iv(25, 40), iv(50, 50), iv(60, 55)];
    expect(mergeIntervals(input)).toEqual([iv(0, 15), iv(20, 40)]);
    expect(input[0]).toEqual(iv(20, 30));
  });

  it('subtracts cuts that straddle, split and swallow intervals', () => {
    const from = [iv(0, 100), iv(200, 300), iv(400, 500)];
    const cut = [iv(-10, 10), iv(40, 60), iv(90, 210), iv(250, 260), iv(400, 500)];
    expect(subtractIntervals(from, cut)).toEqual([iv(10, 40), iv(60, 90), iv(210, 250), iv(260, 300)]);
    expect(subtractIntervals(from, [])).toEqual(from);
    expect(subtractIntervals([], cut)).toEqual([]);
  });

  it('lets one cut reach across several intervals', () => {
    expect(subtractIntervals([iv(0, 10), iv(20, 30), iv(40, 50)], [iv(5, 45)])).toEqual([iv(0, 5), iv(45, 50)]);
  });

  it('intersects two lists in one pass', () => {
    expect(intersectIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25), iv(28, 40)])).toEqual([iv(5, 10), iv(20, 25), iv(28, 30)]);
    expect(clipIntervals([iv(0, 10), iv(20, 30)], iv(8, 22))).toEqual([iv(8, 10), iv(20, 22)]);
  });

  it('widens intervals and adds up their lengths', () => {
    expect(widenIntervals([iv(10, 20)], 5, 3)).toEqual([iv(5, 23)]);
    expect(totalDuration([iv(0, 10), iv(20, 25)])).toBe(15);
  });
});
