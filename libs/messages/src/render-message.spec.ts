import { MESSAGE_TYPES, MessageType } from '@fieldbook/contracts';
import { Language } from '@fieldbook/i18n';
import { InvalidMessageInputError } from './invalid-message-input.error';
import { renderMessage } from './render-message';
import { LANGUAGES, booking, renderInput, snippets } from './test/builders';

const SIGN_OFF: Record<Language, string> = {
  en: 'Kind regards,',
  de: 'Mit freundlichen Grüßen',
  fr: 'Cordialement,',
  es: 'Saludos cordiales,',
};
/** 8 March 2026 is a Sunday. */
const SUNDAY: Record<Language, string> = { en: 'Sunday', de: 'Sonntag', fr: 'dimanche', es: 'domingo' };
const BOOKING_TYPES = MESSAGE_TYPES.filter((type) => type !== 'invite' && type !== 'password_reset');

function problemsOf(render: () => unknown): readonly string[] {
  try {
    render();
  } catch (error) {
    if (error instanceof InvalidMessageInputError) return error.problems;
    throw error;
  }
  throw new Error('expected InvalidMessageInputError');
}

describe('renderMessage', () => {
  describe.each(MESSAGE_TYPES)('the %s message', (type: MessageType) => {
    it.each(LANGUAGES)('has a subject, an email in text and HTML, and an SMS, all in %s', (language) => {
      const message = renderMessage(renderInput(type, { language }));
      expect(message.subject.trim()).not.toBe('');
      expect(message.text).toContain(SIGN_OFF[language]);
      expect(message.html).toContain(`<html lang="${language}" dir="ltr">`);
      expect(message.sms.trim()).not.toBe('');
      expect(message.sms).toContain('https://portal.northwind.test/');
      expect(message.sms).not.toMatch(/[<>]/);
      for (const part of [message.subject, message.text, message.html, message.sms]) expect(part).not.toContain('{{');
    });

    it('says the same thing in every language, not English four times', () => {
      const subjects = LANGUAGES.map((language) => renderMessage(renderInput(type, { language })).subject);
      expect(new Set(subjects).size).toBe(LANGUAGES.length);
    });

    it('renders the same message from the same input', () => {
      expect(renderMessage(renderInput(type))).toEqual(renderMessage(renderInput(type)));
    });
  });

  describe.each(BOOKING_TYPES)('the booking time in a %s message', (type) => {
    it.each(LANGUAGES)('reads 10:00 in New York on the first day of daylight saving time, in %s', (language) => {
      const message = renderMessage(renderInput(type, { language }));
      expect(message.text).toContain(SUNDAY[language]);
      expect(message.text).toContain('10:00');
      expect(message.text).toContain('11:30');
      expect(message.text).toContain('(America/New_York)');
      // The thank-you SMS after a completed booking names no time.
      if (type !== 'completed') expect(message.sms).toMatch(/10:00.*\(America\/New_York\)/);
    });
  });

  it('reads the same clock time an hour later in UTC the day before the change (standard time)', () => {
    const message = renderMessage(renderInput('confirmed', { booking: booking({ start: '2026-03-07T15:00:00Z', end: '2026-03-07T16:30:00Z' }) }));
    expect(message.text).toContain('Saturday, March 7, 2026, 10:00');
  });

  it('reads the time on the clock of the service location, not of UTC or the machine', () => {
    const message = renderMessage(renderInput('confirmed', { language: 'de', booking: booking({ timeZone: 'Europe/Berlin' }) }));
    expect(message.text).toContain('Sonntag, 8. März 2026, 15:00–16:30 Uhr (Europe/Berlin)');
  });

  it('names the date in the subject', () => {
    expect(renderMessage(renderInput('confirmed')).subject).toBe('Confirmed: Boiler service on Sunday, March 8, 2026');
    expect(renderMessage(renderInput('confirmed', { language: 'fr' })).subject).toBe('Confirmé : Boiler service le dimanche 8 mars 2026');
  });

  it('lists service, time, place and reference in the email', () => {
    const { text, html } = renderMessage(renderInput('confirmed'));
    expect(text).toContain('Service: Boiler service');
    expect(text).toContain('When: Sunday, March 8, 2026, 10:00');
    expect(text).toContain('Where: 12 Elm Street, Springfield');
    expect(text).toContain('Reference: BK-0042');
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('12 Elm Street, Springfield');
  });

  it('writes the label before its value the way French does', () => {
    expect(renderMessage(renderInput('confirmed', { language: 'fr' })).text).toContain('Prestation : Boiler service');
  });

  it('leaves out the place when the booking has no address', () => {
    expect(renderMessage(renderInput('confirmed', { booking: booking({ address: '  ' }) })).text).not.toContain('Where:');
  });

  describe('reminder', () => {
    it.each([
      [0, 'A reminder: your appointment is today.'],
      [1, 'A reminder: your appointment is tomorrow.'],
      [3, 'A reminder: your appointment is in 3 days.'],
    ])('says how far off the booking is, %i day(s) before', (days, sentence) => {
      expect(renderMessage(renderInput('reminder', { reminderDaysBefore: days })).text).toContain(sentence);
    });

    it('falls back to a plain reminder when the days before are not given', () => {
      expect(renderMessage(renderInput('reminder', { reminderDaysBefore: undefined })).text).toContain(
        'This is a reminder of your upcoming appointment.',
      );
    });

    it('says it in German too', () => {
      expect(renderMessage(renderInput('reminder', { language: 'de', reminderDaysBefore: 1 })).text).toContain('Ihr Termin ist morgen.');
    });
  });

  describe('rescheduled', () => {
    it('gives the new time and mentions the previous one, in the email and the SMS', () => {
      const message = renderMessage(renderInput('rescheduled'));
      expect(message.text).toContain('When: Sunday, March 8, 2026, 10:00');
      expect(message.text).toContain('Previously: Friday, March 6, 2026 at 10:00');
      expect(message.sms).toContain('Previously: Mar 6, 2026, 10:00 AM (America/New_York).');
    });

    it('leaves the previous time out when it is not known', () => {
      const message = renderMessage(renderInput('rescheduled', { booking: booking() }));
      expect(message.text).not.toContain('Previously');
      expect(message.sms).not.toContain('Previously');
    });
  });

  describe('canceled', () => {
    it('gives the reason in the email and the SMS', () => {
      const message = renderMessage(renderInput('canceled', { language: 'es' }));
      expect(message.text).toContain('Motivo: Part not in stock');
      expect(message.html).toContain('Part not in stock');
      expect(message.sms).toContain('Motivo: Part not in stock.');
    });

    it('does not end the SMS reason with two full stops', () => {
      const message = renderMessage(renderInput('canceled', { booking: booking({ cancelReason: 'Road closed.' }) }));
      expect(message.sms).toContain('Reason: Road closed. ');
      expect(message.sms).not.toContain('closed..');
    });

    it.each([null, '', '   '])('has no reason line when the reason is %p', (cancelReason) => {
      const message = renderMessage(renderInput('canceled', { booking: booking({ cancelReason }) }));
      expect(message.text).not.toContain('Reason');
      expect(message.sms).not.toContain('Reason');
    });
  });

  it('thanks the contact for a completed booking', () => {
    const message = renderMessage(renderInput('completed'));
    expect(message.subject).toBe('Thank you from Northwind Heating');
    expect(message.text).toContain('Thank you for choosing us.');
  });

  describe('links', () => {
    it('asks to accept an invitation and choose a password', () => {
      const message = renderMessage(renderInput('invite'));
      expect(message.text).toContain('Accept the invitation: https://portal.northwind.test/invitation/abc123');
      expect(message.text).toContain('choose a password');
      expect(message.sms).toContain('Accept and choose a password: https://portal.northwind.test/invitation/abc123');
    });

    it('says how long a reset link is valid', () => {
      const message = renderMessage(renderInput('password_reset', { language: 'de', linkValidMinutes: 45 }));
      expect(message.text).toContain('Der Link ist 45 Minuten lang gültig.');
      expect(message.sms).toContain('Der Link ist 45 Minuten lang gültig.');
    });

    it.each([
      [90, 'The link is valid for 90 minutes.'],
      [180, 'The link is valid for 3 hours.'],
      [1440, 'The link is valid for 24 hours.'],
      [7 * 1440, 'The link is valid for 7 days.'],
    ])('writes a validity of %i minutes in the largest whole unit', (minutes, sentence) => {
      expect(renderMessage(renderInput('invite', { linkValidMinutes: minutes })).text).toContain(sentence);
    });

    it('puts the reset hint after the button', () => {
      const { text } = renderMessage(renderInput('password_reset'));
      expect(text.indexOf('https://portal.northwind.test/reset/xyz789')).toBeLessThan(text.indexOf('If you did not ask for this'));
    });

    it('uses the label given with the link', () => {
      const message = renderMessage(renderInput('confirmed', { link: { url: 'https://portal.northwind.test/b/x', label: 'Manage my visit' } }));
      expect(message.html).toContain('>Manage my visit</a>');
      expect(message.text).toContain('Manage my visit: https://portal.northwind.test/b/x');
    });

    it('leaves the button out of a booking message without a link', () => {
      const message = renderMessage(renderInput('confirmed', { link: undefined }));
      expect(message.html).not.toContain('<a ');
      expect(message.sms).not.toContain('http');
      expect(message.text).not.toContain('Reschedule or cancel');
    });
  });

  describe('company and contact details', () => {
    it('names a default sender when the company name snippet is missing', () => {
      const message = renderMessage(renderInput('completed', { snippets: {} }));
      expect(message.subject).toBe('Thank you from Your service team');
    });

    it.each([
      [{ contact_phone: '' }, 'Questions? Write to service@northwind.test.'],
      [{ contact_email: '' }, 'Questions? Call +1 555 0100.'],
    ])('offers the ways of reaching the company it has (%p)', (overrides, line) => {
      expect(renderMessage(renderInput('confirmed', { snippets: snippets(overrides) })).text).toContain(line);
    });

    it('has no contact line when there is no way to reach the company', () => {
      const message = renderMessage(renderInput('confirmed', { snippets: snippets({ contact_email: '', contact_phone: '' }) }));
      expect(message.text).not.toContain('Questions?');
    });

    it('greets without a name when the contact has no first name', () => {
      expect(renderMessage(renderInput('confirmed', { contact: { firstName: ' ', lastName: 'Lovelace' } })).text).toMatch(/^Hello,\n/);
    });
  });

  describe('SMS', () => {
    it.each(MESSAGE_TYPES)('keeps the %s SMS in English within the GSM alphabet', (type) => {
      expect(renderMessage(renderInput(type)).smsLength.encoding).toBe('GSM-7');
    });

    it('is one line of text', () => {
      const message = renderMessage(renderInput('canceled', { booking: booking({ cancelReason: 'Line one\nline two' }) }));
      expect(message.sms).not.toMatch(/[\r\n]/);
    });

    it('reports the length of the SMS it rendered', () => {
      const message = renderMessage(renderInput('completed'));
      expect(message.smsLength).toEqual({ encoding: 'GSM-7', characters: message.sms.length, segments: 1 });
    });
  });

  describe('refuses input it cannot render', () => {
    it.each(BOOKING_TYPES)('the %s message without its booking', (type) => {
      expect(problemsOf(() => renderMessage(renderInput(type, { booking: undefined })))).toEqual([`a ${type} message needs its booking`]);
    });

    it.each(['invite', 'password_reset'] as const)('the %s message without its link', (type) => {
      expect(problemsOf(() => renderMessage(renderInput(type, { link: undefined })))).toEqual([`a ${type} message needs its link`]);
    });

    it.each(['javascript:alert(1)', '/relative/path', 'ftp://files.test/x', ''])('a link that is not an absolute http(s) URL: %p', (url) => {
      expect(problemsOf(() => renderMessage(renderInput('invite', { link: { url } })))).toEqual(['link.url is not an absolute http(s) URL']);
    });

    it('a time zone that does not exist', () => {
      expect(problemsOf(() => renderMessage(renderInput('confirmed', { booking: booking({ timeZone: 'Mars/Olympus' }) })))).toEqual([
        'booking.timeZone "Mars/Olympus" is not an IANA time zone',
      ]);
    });

    it('a start without an offset, which would be read on the machine clock', () => {
      expect(problemsOf(() => renderMessage(renderInput('confirmed', { booking: booking({ start: '2026-03-08T14:00:00' }) })))).toEqual([
        'booking.start is not an ISO instant with an offset',
      ]);
    });

    it('an end before the start, and a bad previous start, all at once', () => {
      const input = renderInput('rescheduled', { booking: booking({ end: '2026-03-08T13:00:00Z', previousStart: 'yesterday' }) });
      expect(problemsOf(() => renderMessage(input))).toEqual([
        'booking.end is not after booking.start',
        'booking.previousStart is not an ISO instant with an offset',
      ]);
    });

    it.each([-1, 1.5, Number.NaN])('reminder days before of %p', (days) => {
      expect(problemsOf(() => renderMessage(renderInput('reminder', { reminderDaysBefore: days })))).toEqual([
        'reminderDaysBefore is not a whole number of days, 0 or more',
      ]);
    });

    it.each([0, -5, 2.5])('a link validity of %p minutes', (minutes) => {
      expect(problemsOf(() => renderMessage(renderInput('password_reset', { linkValidMinutes: minutes })))).toEqual([
        'linkValidMinutes is not a whole number of minutes, 1 or more',
      ]);
    });

    it('a language without catalogs', () => {
      const input = { ...renderInput('confirmed'), language: 'it' } as unknown as Parameters<typeof renderMessage>[0];
      expect(problemsOf(() => renderMessage(input))).toEqual(['unsupported language "it"']);
    });

    it('a message type that does not exist', () => {
      const input = { ...renderInput('confirmed'), type: 'birthday' } as unknown as Parameters<typeof renderMessage>[0];
      expect(problemsOf(() => renderMessage(input))).toEqual(['unknown message type "birthday"']);
    });
  });
});
