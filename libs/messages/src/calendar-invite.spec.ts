import { CalendarInviteInput, calendarInvite, escapeIcsText, foldLine } from './calendar-invite';
import { InvalidMessageInputError } from './invalid-message-input.error';

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Unfolds (CRLF followed by one space or tab) and splits content lines into properties. */
function parseIcs(ics: string): Property[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      // The value starts at the first colon outside a quoted parameter value.
      let quoted = false;
      let colon = -1;
      for (let index = 0; index < line.length; index += 1) {
        if (line[index] === '"') quoted = !quoted;
        if (line[index] === ':' && !quoted) {
          colon = index;
          break;
        }
      }
      const [name = '', ...rawParams] = line.slice(0, colon).split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      const params = Object.fromEntries(rawParams.map((param) => param.split('=') as [string, string]));
      return { name, params, value: line.slice(colon + 1) };
    });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_match, character: string) => (character.toLowerCase() === 'n' ? '\n' : character));
}

function property(ics: string, name: string): Property {
  const found = parseIcs(ics).filter((entry) => entry.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function invite(overrides: Partial<CalendarInviteInput> = {}): CalendarInviteInput {
  return {
    method: 'REQUEST',
    uid: 'booking-7f3c@fieldbook.test',
    sequence: 0,
    stamp: '2026-03-01T12:00:00Z',
    start: '2026-03-08T10:00:00-04:00',
    end: '2026-03-08T11:30:00-04:00',
    summary: 'Boiler service',
    description: 'Reference BK-0042',
    location: '12 Elm Street, Springfield',
    organizer: { name: 'Northwind Heating', email: 'service@northwind.test' },
    attendee: { name: 'Ada Lovelace', email: 'ada@example.test' },
    ...overrides,
  };
}

const octets = (text: string) => new TextEncoder().encode(text).length;

describe('calendarInvite', () => {
  it('writes a request with every required property, in UTC', () => {
    const ics = calendarInvite(invite());
    expect(parseIcs(ics).map((entry) => entry.name)).toEqual([
      'BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'BEGIN', 'UID', 'SEQUENCE', 'DTSTAMP', 'DTSTART', 'DTEND',
      'SUMMARY', 'DESCRIPTION', 'LOCATION', 'ORGANIZER', 'ATTENDEE', 'STATUS', 'TRANSP', 'END', 'END',
    ]);
    expect(property(ics, 'METHOD').value).toBe('REQUEST');
    expect(property(ics, 'STATUS').value).toBe('CONFIRMED');
    expect(property(ics, 'UID').value).toBe('booking-7f3c@fieldbook.test');
    expect(property(ics, 'SEQUENCE').value).toBe('0');
    expect(property(ics, 'DTSTAMP').value).toBe('20260301T120000Z');
    expect(property(ics, 'DTSTART').value).toBe('20260308T140000Z');
    expect(property(ics, 'DTEND').value).toBe('20260308T153000Z');
  });

  it('writes a cancellation with the same UID, a higher sequence and the cancelled status', () => {
    const ics = calendarInvite(invite({ method: 'CANCEL', sequence: 3 }));
    expect(property(ics, 'METHOD').value).toBe('CANCEL');
    expect(property(ics, 'STATUS').value).toBe('CANCELLED');
    expect(property(ics, 'SEQUENCE').value).toBe('3');
    expect(property(ics, 'UID').value).toBe('booking-7f3c@fieldbook.test');
  });

  it('names organizer and attendee with CN and mailto', () => {
    const ics = calendarInvite(invite({ organizer: { name: 'Northwind; Heating, "Inc"', email: 'service@northwind.test' } }));
    const organizer = property(ics, 'ORGANIZER');
    expect(organizer.params).toEqual({ CN: '"Northwind; Heating, Inc"' });
    expect(organizer.value).toBe('mailto:service@northwind.test');
    const attendee = property(ics, 'ATTENDEE');
    expect(attendee.params).toEqual({ CN: '"Ada Lovelace"', ROLE: 'REQ-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION', RSVP: 'FALSE' });
    expect(attendee.value).toBe('mailto:ada@example.test');
  });

  it('ends every line with CRLF and has no bare line feed', () => {
    const ics = calendarInvite(invite({ description: 'one\ntwo\r\nthree\rfour' }));
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('escapes backslashes, semicolons, commas and line breaks, and reads back the same text', () => {
    const description = 'Path C:\\boiler; bring keys, please.\nSecond line\r\nThird';
    const ics = calendarInvite(invite({ description, summary: 'A, B; C\\D' }));
    expect(property(ics, 'DESCRIPTION').value).toBe('Path C:\\\\boiler\\; bring keys\\, please.\\nSecond line\\nThird');
    expect(unescapeText(property(ics, 'DESCRIPTION').value)).toBe('Path C:\\boiler; bring keys, please.\nSecond line\nThird');
    expect(unescapeText(property(ics, 'SUMMARY').value)).toBe('A, B; C\\D');
  });

  it('drops control characters a calendar cannot hold', () => {
    expect(escapeIcsText('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('folds long lines at 75 octets and unfolds to the same text', () => {
    const location = 'Building 7, Floor 3, Room 42, 1234 Very Long Industrial Park Road, Springfield, Some County';
    const ics = calendarInvite(invite({ location }));
    const physical = ics.split('\r\n').filter((line) => line !== '');
    expect(Math.max(...physical.map(octets))).toBeLessThanOrEqual(75);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    expect(unescapeText(property(ics, 'LOCATION').value)).toBe(location);
  });

  it('never splits a multi-byte character when folding', () => {
    const summary = 'Heizungswartung für Familie Müller – Straße 😀😀😀 ŽŠĆ 東京都渋谷区 '.repeat(4);
    const ics = calendarInvite(invite({ summary }));
    const physical = ics.split('\r\n').filter((line) => line !== '');
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // A lone surrogate would mean an emoji was cut in two.
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(unescapeText(property(ics, 'SUMMARY').value)).toBe(summary);
  });

  it('folds exactly at the limit: 75 octets stay on one line, 76 go to two', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // A 4-octet character that would end at octet 76 moves to the next line whole.
    expect(foldLine(`${'x'.repeat(72)}😀`)).toBe(`${'x'.repeat(72)}\r\n 😀`);
  });

  it('adds the portal link when there is one', () => {
    expect(property(calendarInvite(invite({ url: 'https://portal.northwind.test/b/code123' })), 'URL').value).toBe(
      'https://portal.northwind.test/b/code123',
    );
  });

  it('is the same for the same input', () => {
    expect(calendarInvite(invite())).toBe(calendarInvite(invite()));
  });

  describe('refuses', () => {
    function problems(overrides: Partial<CalendarInviteInput>): readonly string[] {
      try {
        calendarInvite(invite(overrides));
      } catch (error) {
        if (error instanceof InvalidMessageInputError) return error.problems;
        throw error;
      }
      throw new Error('expected InvalidMessageInputError');
    }

    it.each([
      ['empty', ''],
      ['blank', '  '],
      ['with a line break that would start a new property', 'a\r\nMETHOD:CANCEL'],
    ])('a UID that is %s', (_case, uid) => {
      expect(problems({ uid })).toEqual(['uid is empty or holds control characters']);
    });

    it.each([-1, 1.5])('a sequence of %p', (sequence) => {
      expect(problems({ sequence })).toEqual(['sequence is not a whole number, 0 or more']);
    });

    it('instants without an offset, and an end before the start', () => {
      expect(problems({ stamp: '2026-03-01T12:00:00' })).toEqual(['stamp is not an ISO instant with an offset']);
      expect(problems({ end: '2026-03-08T09:00:00-04:00' })).toEqual(['end is not after start']);
    });

    it.each([
      ['has no @', 'not an address'],
      ['carries a second property', 'a@b.test\r\nATTENDEE:mailto:x@y.test'],
      ['holds a colon', 'a:b@c.test'],
      ['is empty', ''],
    ])('an email address that %s', (_case, email) => {
      expect(problems({ attendee: { name: 'X', email } })).toEqual(['attendee.email is not a plain email address']);
    });

    it('a method it does not know', () => {
      expect(problems({ method: 'PUBLISH' as CalendarInviteInput['method'] })).toEqual(['method is neither REQUEST nor CANCEL']);
    });

    it('a link that is not http(s)', () => {
      expect(problems({ url: 'javascript:alert(1)' })).toEqual(['url is not an absolute http(s) URL']);
    });
  });
});
