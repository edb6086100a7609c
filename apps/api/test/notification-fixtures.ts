import { Booking, CreateBookingRequest } from '@fieldbook/contracts';
import { Pool } from 'pg';
import { BookingsService } from '../src/bookings/bookings.service';
import { BookingChanges } from '../src/bookings/booking-changes';
import { TenancyService } from '../src/tenancy/tenancy.service';
import { TestApp } from './test-app';

export interface NotificationRow {
  id: string;
  type: string;
  channel: string;
  state: string;
  recipient: string | null;
  language: string;
  attempts: number;
  skip_reason: string | null;
  last_error: string | null;
  booking_id: string | null;
  contact_id: string;
}

/** The environment's notifications, oldest first, read as the owner. */
export async function notificationsOf(pool: Pool, environmentId: string): Promise<NotificationRow[]> {
  const { rows } = await pool.query(
    `SELECT id, type, channel, state, recipient, language, attempts, skip_reason, last_error, booking_id, contact_id
       FROM notification WHERE environment_id = $1 ORDER BY created_at, dedupe_key`,
    [environmentId],
  );
  return rows;
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A booking made the way the portal makes it (source `portal`, the contact acting). */
export async function portalBooking(t: TestApp, environmentId: string, request: CreateBookingRequest): Promise<Booking> {
  return t.app.get(TenancyService).run(environmentId, () => t.app.get(BookingsService).create(request, { kind: 'contact', id: request.contactId! }, 'portal'));
}

export async function portalReschedule(t: TestApp, environmentId: string, bookingId: string, contactId: string, start: string): Promise<Booking> {
  return t.app.get(TenancyService).run(environmentId, () => t.app.get(BookingsService).reschedule(bookingId, { start }, { kind: 'contact', id: contactId }));
}

export async function portalCancel(t: TestApp, environmentId: string, bookingId: string, contactId: string, reason: string): Promise<Booking> {
  return t.app.get(TenancyService).run(environmentId, () => t.app.get(BookingChanges).cancel(bookingId, reason, { kind: 'contact', id: contactId }));
}
