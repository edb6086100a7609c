import { distanceKm, isWithinRadius } from './geo';

describe('great-circle distance', () => {
  it('measures Berlin to Paris at about 878 km', () => {
    expect(distanceKm({ lat: 52.52, lng: 13.405 }, { lat: 48.8566, lng: 2.3522 })).toBeCloseTo(877.5, 0);
  });

  it('is zero for one point and symmetric', () => {
    const a = { lat: -33.87, lng: 151.21 };
    const b = { lat: -37.81, lng: 144.96 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });

  it('stays finite for antipodal points and across the date line', () => {
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
    expect(distanceKm({ lat: -43.95, lng: -176.55 }, { lat: -43.95, lng: 179.9 })).toBeLessThan(300);
  });

  it('treats a radius of 0 as no limit and includes the boundary', () => {
    const home = { lat: 0, lng: 0 };
    const far = { lat: 0, lng: 90 };
    expect(isWithinRadius(home, far, 0)).toBe(true);
    expect(isWithinRadius(home, far, 100)).toBe(false);
    expect(isWithinRadius(home, far, distanceKm(home, far))).toBe(true);
  });
});
