import type { BookingActionRefusal } from './booking-codes';
import type { BookingStatus } from './bookings';
import type { Branding } from './notifications';

/**
 * What the signed-in customer sees and does in an environment's portal. Every route lives under
 * `/api/portal/:slug/` and needs the portal session cookie, except `appearance`, which any visitor
 * may read (the sign-in page is branded too).
 */

/** The portal's look and the company's words, in the requested language (Accept-Language or `?language=`). */
export interface PortalAppearance {
  slug: string;
  portalName: string;
  sandbox: boolean;
  branding: Branding;
  /** The standard content snippets in the requested language (falling back to the environment's default language); null when not set. */
  content: {
    companyName: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
    pageTitle: string | null;
    pageFooter: string | null;
  };
  /** The language the texts above are in. */
  language: string;
  /** Languages the portal offers in its switcher. */
  languages: string[];
}

/** What the schedule steps may offer, from the environment's portal settings. */
export interface PortalBookingOptions {
  assetSelection: boolean;
  additionalDetails: boolean;
  /** Most characters the additional details may have. */
  detailsMaxLength: number;
  minLeadDays: number;
  maxLeadDays: number;
  rescheduleCutOffHours: number;
  cancelCutOffHours: number;
}

export interface PortalAddress {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
}

/** An asset of the customer's account, with the address it is served at (its functional location's, else the account's). */
export interface PortalAsset {
  id: string;
  name: string;
  /** Model, serial number or other identifying text; null when none. */
  description: string | null;
  serviceAddress: PortalAddress;
  timeZone: string;
}

/** A portal-enabled service type, named in the requested language. */
export interface PortalServiceType {
  id: string;
  name: string;
  description: string | null;
  durationMinutes: number;
}

/** Slots for the customer's own account: `assetId` when asset selection is on, else the account's address. */
export interface PortalSlotQuery {
  serviceTypeId: string;
  assetId?: string;
  /** First local date (YYYY-MM-DD) in the service location's time zone. */
  from: string;
  /** Last local date (YYYY-MM-DD), inclusive. */
  to: string;
}

export interface PortalCreateBookingRequest {
  serviceTypeId: string;
  assetId?: string;
  /** The chosen slot's start, ISO 8601 with offset. */
  start: string;
  /** Additional details (≤ `detailsMaxLength` characters) kept as the first note. */
  details?: string;
}

/** A booking as the signed-in customer sees it. */
export interface PortalBooking {
  id: string;
  /** The work order's reference, e.g. WO-7K2M9Q4X. */
  reference: string;
  status: BookingStatus;
  serviceType: { id: string; name: string };
  assetId: string | null;
  assetName: string | null;
  /** ISO 8601 with the service location's offset. */
  start: string;
  end: string;
  timeZone: string;
  serviceAddress: PortalAddress;
  details: string | null;
  cancelReason: string | null;
  canReschedule: boolean;
  /** Set exactly when `canReschedule` is false. */
  rescheduleRefusal: BookingActionRefusal | null;
  canCancel: boolean;
  /** Set exactly when `canCancel` is false. */
  cancelRefusal: BookingActionRefusal | null;
  createdAt: string;
}

export interface PortalBookingList {
  /** Not yet ended and not canceled, soonest first. */
  upcoming: PortalBooking[];
  /** Ended or canceled, latest first (at most 50). */
  past: PortalBooking[];
}
