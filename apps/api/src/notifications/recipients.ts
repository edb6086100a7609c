import { MessageChannel, MessageChannelChoice } from '@fieldbook/contracts';
import { instantToLocal, localDateTimeToInstant } from '@fieldbook/scheduling';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { addDays } from '../scheduling/zoned-time';

/** Why a message was not sent; each has a sentence under `api:notifications.skip.<reason>`. */
export type SkipReason =
  | 'noEmail'
  | 'noPhone'
  | 'invalidPhone'
  | 'noConnector'
  | 'contactInactive'
  | 'bookingChanged'
  | 'renderFailed';

export interface ContactReach {
  email: string | null;
  phone: string | null;
  preferredChannel: MessageChannelChoice | null;
}

/** The channels a message goes out on: the contact's own preference, else the environment's choice. */
export function channelsFor(environmentChoice: MessageChannelChoice, contact: Pick<ContactReach, 'preferredChannel'>): MessageChannel[] {
  const choice = contact.preferredChannel ?? environmentChoice;
  return choice === 'both' ? ['email', 'sms'] : [choice];
}

/**
 * Where a message on `channel` goes, or why it cannot. A phone number must be a real, dialable
 * E.164 number by the numbering plans (libphonenumber's full metadata), not only look like one.
 */
export function recipientFor(channel: MessageChannel, contact: ContactReach): { recipient: string } | { skip: SkipReason } {
  if (channel === 'email') return contact.email ? { recipient: contact.email } : { skip: 'noEmail' };
  if (!contact.phone) return { skip: 'noPhone' };
  const number = parsePhoneNumberFromString(contact.phone);
  if (!number || !number.isValid() || number.number !== contact.phone) return { skip: 'invalidPhone' };
  return { recipient: number.number };
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * When an SMS may go out, given quiet hours (local clock times in `timeZone`, possibly spanning
 * midnight): `undefined` when now is outside them, else the instant they end.
 */
export function quietHoursEnd(now: Date, timeZone: string, quietStart: string | null, quietEnd: string | null): Date | undefined {
  if (!quietStart || !quietEnd) return undefined;
  const start = minutesOf(quietStart);
  const end = minutesOf(quietEnd);
  if (start === end) return undefined;
  const local = instantToLocal(now.getTime(), timeZone);
  const minute = minutesOf(local.time);
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quiet) return undefined;
  // The end is today when it is still ahead on the clock, else tomorrow; a clock time skipped by a
  // DST change moves to the hour after.
  const date = minute < end ? local.date : addDays(local.date, 1);
  const clock = quietEnd.slice(0, 5);
  const instant = localDateTimeToInstant(date, clock, timeZone) ?? localDateTimeToInstant(date, `${String(Math.min(23, Math.floor(end / 60) + 1)).padStart(2, '0')}:00`, timeZone);
  return instant === null ? undefined : new Date(instant);
}
