import { Random } from './random';

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays inside the bounds it is given', () => {
    const random = new Random(1);
    for (let i = 0; i < 2000; i += 1) {
      const value = random.int(3, 7);
      expect(Number.isInteger(value) && value >= 3 && value <= 7).toBe(true);
      const real = random.next();
      expect(real >= 0 && real < 1).toBe(true);
    }
  });

  it('draws version-4 UUIDs without repeats', () => {
    const random = new Random(9);
    const ids = Array.from({ length: 5000 }, () => random.uuid());
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('honours weights and never picks a weightless item', () => {
    const random = new Random(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 3000; i += 1) counts[random.weighted([['a', 3], ['b', 1], ['c', 0]] as const)] += 1;
    expect(counts.c).toBe(0);
    expect(counts.a).toBeGreaterThan(counts.b * 2);
  });

  it('shuffles into a permutation and refuses to pick from nothing', () => {
    const random = new Random(3);
    expect(random.shuffled([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => random.pick([])).toThrow('Cannot pick from an empty list');
  });
});
