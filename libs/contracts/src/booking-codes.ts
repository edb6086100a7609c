import type { BookingStatus } from './bookings';
import type { ErrorBody } from './errors';
import type { BookingCodeState } from './notifications';
import type { PageQuery } from './pagination';

export const BOOKING_CODE_STATES: readonly BookingCodeState[] = ['active', 'expired', 'blocked'];

/** Filters of the admin list of booking codes; `state` is the state as it stands now. */
export interface BookingCodeListQuery extends PageQuery {
  bookingId?: string;
  contactId?: string;
  state?: BookingCodeState;
}

/** Why the customer cannot do something right now, in their language. */
export interface BookingActionRefusal {
  /** e.g. `rescheduleCutOffPassed`, `bookingNotCancelable`. */
  code: string;
  message: string;
}

/** A booking as the customer holding its booking code may see it. */
export interface BookingByCode {
  /** The work order's reference, e.g. WO-7K2M9Q4X. */
  reference: string;
  /** The service type's display name in the requested language. */
  serviceTypeName: string;
  /** ISO 8601 with the service location's offset, e.g. 2026-12-01T09:00:00-05:00. */
  start: string;
  end: string;
  /** The service location's IANA time zone. */
  timeZone: string;
  serviceAddress: { addressLine1: string; addressLine2: string | null; city: string; region: string | null; postalCode: string | null; country: string };
  status: BookingStatus;
  canReschedule: boolean;
  /** Set exactly when `canReschedule` is false. */
  rescheduleRefusal: BookingActionRefusal | null;
  canCancel: boolean;
  /** Set exactly when `canCancel` is false. */
  cancelRefusal: BookingActionRefusal | null;
  /** When this link stops working. */
  codeExpiresAt: string;
}

/** The 410 for an expired booking code: `details` says how to reach the company, `contact` carries the raw values (null when not configured). */
export interface BookingCodeExpiredBody extends ErrorBody {
  contact: { email: string | null; phone: string | null };
}
