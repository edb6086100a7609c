import { DemoAddress, Metro, MetroTown } from './demo-data.types';
import { EMAIL_DOMAINS, STREET_DIRECTIONS, STREET_NAMES, STREET_SUFFIXES } from './names';
import { Random } from './random';

const KM_PER_DEGREE_LAT = 111.32;
/** Keep generated places this far (in degrees of longitude) inland of a shoreline. */
const SHORE_MARGIN = 0.004;

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Longitude of the shoreline at `lat`, interpolated; undefined beyond its ends. */
function shoreLng(shoreline: Metro['shoreline'], lat: number): number | undefined {
  if (!shoreline) return undefined;
  for (let i = 1; i < shoreline.length; i += 1) {
    const [lat0, lng0] = shoreline[i - 1] as readonly [number, number];
    const [lat1, lng1] = shoreline[i] as readonly [number, number];
    if (lat >= lat0 && lat <= lat1) return lng0 + ((lat - lat0) / (lat1 - lat0)) * (lng1 - lng0);
  }
  return undefined;
}

/** Addresses, positions and phone numbers inside one metro area. */
export class Places {
  private readonly townWeights: (readonly [MetroTown, number])[];

  constructor(
    private readonly random: Random,
    readonly metro: Metro,
  ) {
    this.townWeights = metro.towns.map((town) => [town, town.weight] as const);
  }

  town(): MetroTown {
    return this.random.weighted(this.townWeights);
  }

  /** A point uniformly inside the town's disc, moved inland when it falls in the water. */
  point(town: MetroTown): { lat: number; lng: number } {
    const distance = town.radiusKm * Math.sqrt(this.random.next());
    const angle = this.random.real(0, 2 * Math.PI);
    const lat = town.lat + (distance * Math.cos(angle)) / KM_PER_DEGREE_LAT;
    let lng = town.lng + (distance * Math.sin(angle)) / (KM_PER_DEGREE_LAT * Math.cos((town.lat * Math.PI) / 180));
    const shore = shoreLng(this.metro.shoreline, lat);
    if (shore !== undefined && lng > shore - SHORE_MARGIN) lng = 2 * (shore - SHORE_MARGIN) - lng;
    return { lat: round6(lat), lng: round6(lng) };
  }

  address(town = this.town(), withUnit = false): DemoAddress {
    const { lat, lng } = this.point(town);
    const street = `${this.random.pick(STREET_DIRECTIONS)} ${this.random.pick(STREET_NAMES)} ${this.random.pick(STREET_SUFFIXES)}`;
    return {
      addressLine1: `${this.random.int(100, 9899)} ${street}`,
      addressLine2: withUnit ? this.random.pick(['Apt 1A', 'Apt 2B', 'Apt 3R', 'Unit 4', 'Unit 12', 'Suite 200', 'Floor 2']) : null,
      city: town.name,
      region: this.metro.region,
      postalCode: this.random.pick(town.postalCodes),
      country: this.metro.country,
      lat,
      lng,
      timeZone: this.metro.timeZone,
    };
  }

  /** E.164, in the 555-0100…0199 block that North American numbering keeps for fiction. */
  phone(town: MetroTown): string {
    return `+1${this.random.pick(town.areaCodes)}55501${String(this.random.int(0, 99)).padStart(2, '0')}`;
  }
}

/** Email addresses on reserved example domains, unique within one data set. */
export class Emails {
  private readonly taken = new Set<string>();

  constructor(private readonly random: Random) {}

  take(localPart: string, domain: string = this.random.pick(EMAIL_DOMAINS)): string {
    const base = localPart
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '')
      .replace(/\.{2,}/g, '.')
      .replace(/^\.|\.$/g, '');
    let candidate = `${base || 'contact'}@${domain}`;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${base || 'contact'}${n}@${domain}`;
    this.taken.add(candidate);
    return candidate;
  }
}
