import { rankTechnicians } from './technician-ranking';

const site = { lat: 52.52, lng: 13.405 };
const near = { lat: 52.53, lng: 13.41 };
const far = { lat: 52.3, lng: 13.0 };

describe('rankTechnicians', () => {
  it('puts the technician with the fewest bookings that day first, however far', () => {
    expect(
      rankTechnicians(
        [
          { id: 'busy-near', home: near, bookingsThatDay: 3 },
          { id: 'idle-far', home: far, bookingsThatDay: 0 },
        ],
        site,
      ),
    ).toEqual(['idle-far', 'busy-near']);
  });

  it('breaks a tie in bookings by the nearest home', () => {
    expect(
      rankTechnicians(
        [
          { id: 'a', home: far, bookingsThatDay: 1 },
          { id: 'b', home: near, bookingsThatDay: 1 },
        ],
        site,
      ),
    ).toEqual(['b', 'a']);
  });

  it('breaks a full tie by id, whatever the input order', () => {
    const candidates = [
      { id: 'tech-b', home: near, bookingsThatDay: 0 },
      { id: 'tech-a', home: near, bookingsThatDay: 0 },
      { id: 'tech-c', home: far, bookingsThatDay: 0 },
    ];
    expect(rankTechnicians(candidates, site)).toEqual(['tech-a', 'tech-b', 'tech-c']);
    expect(rankTechnicians([...candidates].reverse(), site)).toEqual(['tech-a', 'tech-b', 'tech-c']);
  });

  it('returns nothing for no candidates', () => {
    expect(rankTechnicians([], site)).toEqual([]);
  });
});
