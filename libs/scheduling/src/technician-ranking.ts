import { distanceKm } from './geo';
import { GeoPoint } from './schedule.types';

export interface RankingCandidate {
  id: string;
  home: GeoPoint;
  /** Active bookings the technician already has on the job's local day. */
  bookingsThatDay: number;
}

/**
 * The order in which free technicians are offered a job — the fair rule:
 * 1. fewest bookings on the job's local day, so work spreads over the team;
 * 2. then the home nearest to the service location (great-circle), so travel stays short;
 * 3. then id (code-unit order), so equal candidates always come in the same order.
 * The result does not depend on the order of `candidates`.
 */
export function rankTechnicians(candidates: readonly RankingCandidate[], location: GeoPoint): string[] {
  return candidates
    .map((candidate) => ({ ...candidate, distance: distanceKm(candidate.home, location) }))
    .sort(
      (a, b) =>
        a.bookingsThatDay - b.bookingsThatDay || a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((candidate) => candidate.id);
}
