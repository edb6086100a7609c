import type { ListQuery } from './scheduling';

/**
 * The customer side of scheduling: accounts (a household or a business), their contacts, the
 * functional locations where work happens and the assets that get serviced.
 *
 * Updates follow one rule: a field left out stays as it is, null clears an optional field, and
 * `active: false` deactivates (refused with the reason while the record is still in use).
 */

/** How a contact prefers to receive messages; null follows the environment's message settings. */
export const CONTACT_CHANNELS = ['email', 'sms', 'both'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** A postal address with its position and time zone, as accounts and functional locations carry it. */
export interface Address {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2, e.g. US. */
  country: string;
  /** Degrees, WGS 84. No geocoding happens: the position comes with the address. */
  lat: number;
  lng: number;
  /** IANA zone in which customers see dates and times, e.g. America/Chicago. */
  timeZone: string;
}

export interface AddressRequest {
  addressLine1: string;
  addressLine2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
  lat: number;
  lng: number;
  timeZone: string;
}

export interface AddressChange {
  addressLine1?: string;
  addressLine2?: string | null;
  city?: string;
  region?: string | null;
  postalCode?: string | null;
  country?: string;
  lat?: number;
  lng?: number;
  timeZone?: string;
}

/** Lists of customer records: search, sort and paging, and the active filter. */
export interface CustomerListQuery extends ListQuery {
  /** Exactly active (true) or exactly deactivated (false) records; overrides includeInactive. */
  active?: boolean;
}

export interface Account extends Address {
  id: string;
  externalKey: string | null;
  name: string;
  email: string | null;
  /** E.164, e.g. +14155550123. */
  phone: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateAccountRequest extends AddressRequest {
  name: string;
  email?: string;
  phone?: string;
  externalKey?: string;
}

export interface UpdateAccountRequest extends AddressChange {
  name?: string;
  email?: string | null;
  phone?: string | null;
  externalKey?: string | null;
  active?: boolean;
}

export interface Contact {
  id: string;
  accountId: string;
  externalKey: string | null;
  firstName: string;
  lastName: string;
  /** Unique in the environment (any case). */
  email: string | null;
  phone: string | null;
  /** 'en', 'de', 'fr' or 'es'; null follows the environment's default. */
  language: string | null;
  preferredChannel: ContactChannel | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ContactListQuery extends CustomerListQuery {
  accountId?: string;
}

export interface CreateContactRequest {
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  language?: string;
  preferredChannel?: ContactChannel;
  externalKey?: string;
}

export interface UpdateContactRequest {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  language?: string | null;
  preferredChannel?: ContactChannel | null;
  externalKey?: string | null;
  active?: boolean;
}

/** A place of an account where work happens (a branch, a rental unit, a plant room). */
export interface FunctionalLocation extends Address {
  id: string;
  accountId: string;
  externalKey: string | null;
  name: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FunctionalLocationListQuery extends CustomerListQuery {
  accountId?: string;
}

export interface CreateFunctionalLocationRequest extends AddressRequest {
  accountId: string;
  name: string;
  externalKey?: string;
}

export interface UpdateFunctionalLocationRequest extends AddressChange {
  name?: string;
  externalKey?: string | null;
  active?: boolean;
}

/** Equipment of an account that gets serviced, optionally placed at one of the account's functional locations. */
export interface Asset {
  id: string;
  accountId: string;
  functionalLocationId: string | null;
  externalKey: string | null;
  name: string;
  serialNumber: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AssetListQuery extends CustomerListQuery {
  accountId?: string;
  functionalLocationId?: string;
}

export interface CreateAssetRequest {
  accountId: string;
  /** A functional location of the same account. */
  functionalLocationId?: string;
  name: string;
  serialNumber?: string;
  externalKey?: string;
}

export interface UpdateAssetRequest {
  /** A functional location of the asset's account; null: the asset is serviced at the account's address. */
  functionalLocationId?: string | null;
  name?: string;
  serialNumber?: string | null;
  externalKey?: string | null;
  active?: boolean;
}
