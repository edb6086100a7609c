export type DemoLanguage = 'en' | 'de' | 'fr' | 'es';

/** One town of a metro area: generated addresses scatter around its centre. */
export interface MetroTown {
  name: string;
  lat: number;
  lng: number;
  /** How far from the centre addresses may lie. */
  radiusKm: number;
  /** Relative share of the metro's addresses. */
  weight: number;
  postalCodes: readonly string[];
  areaCodes: readonly string[];
}

export interface Metro {
  name: string;
  timeZone: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  region: string;
  towns: readonly MetroTown[];
  /**
   * Optional shoreline as (lat, lng) points from south to north: places east of it are water, and
   * generated addresses are kept west of it.
   */
  shoreline?: readonly (readonly [number, number])[];
}

export interface DemoDataOptions {
  /** Same seed and options → the same data, byte for byte. Default 1. */
  seed?: number;
  /** Default 12. */
  technicians?: number;
  /** Default 40. */
  accounts?: number;
  /** First local date with bookings ('YYYY-MM-DD' in the metro's zone). */
  startDate: string;
  /** Number of days with bookings, from `startDate`. Default 14. */
  days?: number;
  /** Share of working time booked, 0–0.95. Default 0.4. */
  utilization?: number;
  /** Default: the Chicago area. */
  metro?: Metro;
  /** When given, bookings that ended before this instant (epoch ms) are completed rather than scheduled. */
  now?: number;
}

export interface DemoAddress {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  lat: number;
  lng: number;
  timeZone: string;
}

export interface DemoSkill {
  id: string;
  name: string;
}

export interface DemoServiceType {
  id: string;
  name: string;
  description: string;
  durationMinutes: number;
  portalEnabled: boolean;
  displayNames: Record<DemoLanguage, string>;
  requiredSkills: { skillId: string; minProficiency: number }[];
}

export interface DemoWorkHours {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface DemoTechnician {
  id: string;
  name: string;
  email: string;
  phone: string;
  homeLat: number;
  homeLng: number;
  timeZone: string;
  skills: { skillId: string; proficiency: number }[];
  hours: DemoWorkHours[];
}

export interface DemoTimeOff {
  id: string;
  technicianId: string;
  /** Epoch milliseconds. */
  startsAt: number;
  endsAt: number;
  reason: string;
}

export interface DemoAccount {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: DemoAddress;
}

export interface DemoContact {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: DemoLanguage;
}

export interface DemoFunctionalLocation {
  id: string;
  accountId: string;
  name: string;
  address: DemoAddress;
}

export interface DemoAsset {
  id: string;
  accountId: string;
  functionalLocationId: string | null;
  name: string;
  serialNumber: string;
}

/**
 * A booking with its work order. The service address is the asset's functional location when it
 * has one, else the account's — the rule bookings follow.
 */
export interface DemoBooking {
  id: string;
  workOrderId: string;
  workOrderReference: string;
  technicianId: string;
  accountId: string;
  contactId: string;
  serviceTypeId: string;
  assetId: string | null;
  functionalLocationId: string | null;
  /** Epoch milliseconds. */
  startsAt: number;
  endsAt: number;
  status: 'scheduled' | 'completed';
  source: 'portal' | 'office';
}

export interface DemoData {
  metro: string;
  timeZone: string;
  startDate: string;
  days: number;
  skills: DemoSkill[];
  serviceTypes: DemoServiceType[];
  technicians: DemoTechnician[];
  timeOff: DemoTimeOff[];
  accounts: DemoAccount[];
  contacts: DemoContact[];
  functionalLocations: DemoFunctionalLocation[];
  assets: DemoAsset[];
  bookings: DemoBooking[];
}
