import { isIsoInstant } from './booking-time';
import { safeHttpUrl } from './html';
import { InvalidMessageInputError } from './invalid-message-input.error';

export interface CalendarParty {
  name: string;
  email: string;
}

export interface CalendarInviteInput {
  /** REQUEST adds or updates the event; CANCEL removes it (sent with the same UID and a higher sequence). */
  method: 'REQUEST' | 'CANCEL';
  /** Stable for the booking across every update and the cancellation. */
  uid: string;
  /** 0 for the first invitation, one more for each change. */
  sequence: number;
  /** When this version was produced (DTSTAMP); ISO instant. */
  stamp: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
  organizer: CalendarParty;
  attendee: CalendarParty;
  /** The booking's page in the portal, when there is one. */
  url?: string;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
/** Deliberately narrow: no whitespace, quotes, angle brackets or separators that would break the line. */
const EMAIL = /^[^\s@"<>()\\,;:]+@[^\s@"<>()\\,;:]+$/;
/** Control characters a TEXT value cannot hold (tab and line breaks are handled apart). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '');
}

/** A quoted parameter value (§3.1): quotes and control characters cannot appear in one, so they go. */
function quoteParameter(value: string): string {
  return `"${value.replace(/"/g, '').replace(new RegExp(ANY_CONTROL, 'g'), '')}"`;
}

function utf8Octets(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line at 75 octets (§3.1): continuation lines start with a space. Counting is in
 * UTF-8 octets and breaks fall between whole characters, never inside one.
 */
export function foldLine(line: string): string {
  // Most lines are short and plain ASCII: one octet a character, nothing to fold.
  if (line.length <= MAX_LINE_OCTETS && ASCII.test(line)) return line;
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Octets(character);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** 2026-03-08T14:00:00Z → 20260308T140000Z */
function icsUtc(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function problems(input: CalendarInviteInput): string[] {
  const found: string[] = [];
  if (input.method !== 'REQUEST' && input.method !== 'CANCEL') found.push('method is neither REQUEST nor CANCEL');
  if (typeof input.uid !== 'string' || input.uid.trim() === '' || ANY_CONTROL.test(input.uid)) {
    found.push('uid is empty or holds control characters');
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0) found.push('sequence is not a whole number, 0 or more');
  for (const field of ['stamp', 'start', 'end'] as const) {
    if (!isIsoInstant(input[field])) found.push(`${field} is not an ISO instant with an offset`);
  }
  if (isIsoInstant(input.start) && isIsoInstant(input.end) && Date.parse(input.end) <= Date.parse(input.start)) {
    found.push('end is not after start');
  }
  for (const party of ['organizer', 'attendee'] as const) {
    if (!EMAIL.test(input[party]?.email ?? '')) found.push(`${party}.email is not a plain email address`);
  }
  if (input.url !== undefined && !safeHttpUrl(input.url)) found.push('url is not an absolute http(s) URL');
  return found;
}

function party(role: 'ORGANIZER' | 'ATTENDEE', who: CalendarParty): string {
  const extra = role === 'ATTENDEE' ? ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE' : '';
  return `${role};CN=${quoteParameter(who.name)}${extra}:mailto:${who.email}`;
}

/**
 * An iCalendar (RFC 5545) invitation for one booking, in UTC, ready to attach as `text/calendar`
 * with the same method.
 * @throws InvalidMessageInputError when a field would produce a broken or ambiguous calendar.
 */
export function calendarInvite(input: CalendarInviteInput): string {
  const found = problems(input);
  if (found.length > 0) throw new InvalidMessageInputError(found);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fieldbook//Messages//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${icsUtc(input.stamp)}`,
    `DTSTART:${icsUtc(input.start)}`,
    `DTEND:${icsUtc(input.end)}`,
    `SUMMARY:${escapeIcsText(input.summary)}`,
    `DESCRIPTION:${escapeIcsText(input.description)}`,
    `LOCATION:${escapeIcsText(input.location)}`,
    ...(input.url ? [`URL:${safeHttpUrl(input.url)}`] : []),
    party('ORGANIZER', input.organizer),
    party('ATTENDEE', input.attendee),
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
