import { Language, Translator } from '@fieldbook/i18n';

/** An instant as the API stores it: a date and time with `Z` or an explicit offset, never a bare local time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** Zones already checked: a check builds an Intl formatter, far dearer than the lookup. Bounded; cleared when full. */
const checkedZones = new Map<string, boolean>();
const MAX_CACHED = 5000;

export function isValidTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  const known = checkedZones.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    valid = true;
  } catch {
    valid = false;
  }
  if (checkedZones.size >= MAX_CACHED) checkedZones.clear();
  checkedZones.set(value, valid);
  return valid;
}

const STYLES = {
  long: { dateStyle: 'full', timeStyle: 'short' },
  short: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'full' },
  time: { timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Formatters per language, style and zone: building one costs far more than formatting with it. Bounded; cleared when full. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, style: keyof typeof STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${language} ${style} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { ...STYLES[style], timeZone });
    if (formatters.size >= MAX_CACHED) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** Stand-ins for the two values of `messages.zonedTime`: private-use characters no catalog holds. */
const ZONED_DATE_TIME = '\uE000\uE0F0\uE001';
const ZONED_ZONE = '\uE000\uE0F1\uE001';

/**
 * `messages.zonedTime` of one language, looked up once and split around its two values, so each
 * message only joins strings. When the catalog text cannot be split that way (a value twice, or
 * missing), every call goes to the translator.
 */
const zonedTemplates = new Map<string, ((dateTime: string, timeZone: string) => string) | null>();

function zonedTime(t: Translator): (dateTime: string, timeZone: string) => string {
  let template = zonedTemplates.get(t.language);
  if (template === undefined) {
    const text = t.t('messages.zonedTime', { dateTime: ZONED_DATE_TIME, timeZone: ZONED_ZONE });
    const [before, rest, ...more] = text.split(ZONED_DATE_TIME);
    const [middle, after, ...others] = (rest ?? '').split(ZONED_ZONE);
    template =
      more.length === 0 && others.length === 0 && rest !== undefined && after !== undefined && !(before ?? '').includes(ZONED_ZONE)
        ? (dateTime, timeZone) => `${before}${dateTime}${middle}${timeZone}${after}`
        : null;
    zonedTemplates.set(t.language, template);
  }
  return template ?? ((dateTime, timeZone) => t.t('messages.zonedTime', { dateTime, timeZone }));
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

/**
 * Times already worked out, by language, zone and instants: bookings share their start and end
 * times (slots on the hour and half hour), and formatting is the dearest part of a message.
 * Bounded; cleared when full. The objects are frozen, since every caller gets the same one.
 */
const workedOut = new Map<string, BookingTimes>();

export function bookingTimes(
  booking: { start: string; end: string; timeZone: string; previousStart?: string },
  language: Language,
  t: Translator,
): BookingTimes {
  const key = `${language} ${booking.timeZone} ${booking.start} ${booking.end} ${booking.previousStart ?? ''}`;
  let times = workedOut.get(key);
  if (!times) {
    times = Object.freeze(formatTimes(booking, language, t));
    if (workedOut.size >= MAX_CACHED) workedOut.clear();
    workedOut.set(key, times);
  }
  return times;
}

function formatTimes(booking: { start: string; end: string; timeZone: string; previousStart?: string }, language: Language, t: Translator): BookingTimes {
  const { timeZone } = booking;
  const start = new Date(booking.start);
  const end = new Date(booking.end);
  const zone = zonedTime(t);
  const zoned = (dateTime: string) => zone(dateTime, timeZone);
  const long = formatter(language, 'long', timeZone);
  const short = formatter(language, 'short', timeZone);
  const previous = booking.previousStart ? new Date(booking.previousStart) : null;
  return {
    date: formatter(language, 'date', timeZone).format(start),
    time: formatter(language, 'time', timeZone).format(start),
    when: zoned(long.formatRange(start, end)),
    smsWhen: gsmFriendly(zoned(short.format(start))),
    previous: previous ? zoned(long.format(previous)) : null,
    smsPrevious: previous ? gsmFriendly(zoned(short.format(previous))) : null,
  };
}
