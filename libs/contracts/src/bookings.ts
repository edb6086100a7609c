export const BOOKING_STATUSES = ['scheduled', 'traveling', 'in_progress', 'completed', 'canceled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export type BookingSource = 'portal' | 'office';

/** Where the work happens: an asset (at its functional location, else its account), a functional location, or the account itself. */
export interface ServiceLocationQuery {
  accountId?: string;
  assetId?: string;
  functionalLocationId?: string;
}

export interface SlotQuery extends ServiceLocationQuery {
  serviceTypeId: string;
  /** First local date (YYYY-MM-DD) in the service location's time zone. */
  from: string;
  /** Last local date (YYYY-MM-DD), inclusive. */
  to: string;
}

export interface SlotView {
  /** ISO 8601 with the service location's offset, e.g. 2026-12-01T09:00:00-05:00. */
  start: string;
  end: string;
  technicianCount: number;
}

export type NoSlotReasonCode = 'noTechnicians' | 'missingSkill' | 'beyondRadius' | 'outsideBookingWindow' | 'noWorkingHours' | 'fullyBooked';

export interface NoSlotReasonView {
  code: NoSlotReasonCode;
  /** The reason in plain words, in the caller's language. */
  message: string;
}

export interface SlotsResponse {
  timeZone: string;
  /** The searched window after clamping to the booking window; null when nothing of the request was bookable. */
  window: { start: string; end: string } | null;
  slots: SlotView[];
  reasons: NoSlotReasonView[];
}

export interface CreateBookingRequest extends ServiceLocationQuery {
  serviceTypeId: string;
  /** The chosen slot's start, ISO 8601 with offset. */
  start: string;
  /** The customer contact the work is reported by; gets every message about it. */
  contactId?: string;
  /** Additional details, kept as the first note on the booking's timeline. */
  details?: string;
}

export interface RescheduleBookingRequest {
  start: string;
}

export interface CancelBookingRequest {
  reason: string;
}

export interface ChangeBookingStatusRequest {
  status: Exclude<BookingStatus, 'scheduled' | 'canceled'>;
}

export interface BookingNoteView {
  id: string;
  authorKind: 'contact' | 'admin' | 'system';
  text: string;
  createdAt: string;
}

export interface Booking {
  id: string;
  workOrderId: string;
  workOrderReference: string;
  status: BookingStatus;
  source: BookingSource;
  start: string;
  end: string;
  timeZone: string;
  technician: { id: string; name: string };
  serviceType: { id: string; name: string };
  account: { id: string; name: string };
  contact: { id: string; name: string } | null;
  assetId: string | null;
  serviceAddress: { addressLine1: string; addressLine2: string | null; city: string; region: string | null; postalCode: string | null; country: string };
  cancelReason: string | null;
  notes: BookingNoteView[];
  createdAt: string;
  updatedAt: string;
}

/** Body of the 409 when the chosen time was taken meanwhile: fresh times to offer instead. */
export interface SlotTakenDetails {
  alternatives: SlotView[];
}
