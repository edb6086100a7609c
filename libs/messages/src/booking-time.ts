import { Language, Translator } from '@fieldbook/i18n';

/** An instant as the API stores it: a date and time with `Z` or an explicit offset, never a bare local time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export function isValidTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** How a booking's times read in the contact's language, on the service location's clock. */
export interface BookingTimes {
  /** The local date, long: "Sunday, March 8, 2026". */
  date: string;
  /** The local start time: "10:00 AM". */
  time: string;
  /** Start to end with the zone named: "Sunday, March 8, 2026, 10:00 – 11:00 AM (America/New_York)". */
  when: string;
  /** The start, short and GSM-friendly, zone named: "Mar 8, 2026, 10:00 AM (America/New_York)". */
  smsWhen: string;
  /** The previous start (rescheduled), long, zone named. */
  previous: string | null;
  /** The previous start, short. */
  smsPrevious: string | null;
}

/**
 * Intl separates parts with narrow and thin no-break spaces and en dashes, none of which is in
 * the GSM alphabet: one of them would turn a whole SMS into UCS-2 and halve its room.
 */
function gsmFriendly(text: string): string {
  return text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ').replace(/[\u2013\u2014]/g, '-');
}

export function bookingTimes(
  booking: { start: string; end: string; timeZone: string; previousStart?: string },
  language: Language,
  t: Translator,
): BookingTimes {
  const { timeZone } = booking;
  const start = new Date(booking.start);
  const end = new Date(booking.end);
  const zoned = (dateTime: string) => t.t('messages.zonedTime', { dateTime, timeZone });
  const long = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const short = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const previous = booking.previousStart ? new Date(booking.previousStart) : null;
  return {
    date: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone }).format(start),
    time: new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone }).format(start),
    when: zoned(long.formatRange(start, end)),
    smsWhen: gsmFriendly(zoned(short.format(start))),
    previous: previous ? zoned(long.format(previous)) : null,
    smsPrevious: previous ? gsmFriendly(zoned(short.format(previous))) : null,
  };
}
