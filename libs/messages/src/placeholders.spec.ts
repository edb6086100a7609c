import { MESSAGE_VARIABLES, fillPlaceholders, overrideReferences, validateOverrideText } from './placeholders';
import { renderMessage } from './render-message';
import { booking, renderInput, snippets } from './test/builders';

describe('overrideReferences', () => {
  it('lists the placeholders a text uses, trimmed, once each, in order of first use', () => {
    expect(overrideReferences('{{ date }} at {{time}} for {{contactFirstName}}, {{date}} again')).toEqual(['date', 'time', 'contactFirstName']);
  });

  it('finds none in plain text or stray braces', () => {
    expect(overrideReferences('Plain text, a { brace } and {{ half')).toEqual([]);
  });

  it('reads whatever sits between the braces as one name, however odd', () => {
    expect(overrideReferences('{{two words}} {{}} {{{inner}}}')).toEqual(['two words', '', 'inner']);
  });
});

describe('validateOverrideText', () => {
  it('accepts every message variable and the snippet keys it is given', () => {
    const text = [...MESSAGE_VARIABLES, 'company_name', 'opening_hours'].map((name) => `{{${name}}}`).join(' ');
    expect(validateOverrideText(text, ['company_name', 'opening_hours'])).toEqual({ ok: true });
  });

  it('accepts text without placeholders', () => {
    expect(validateOverrideText('See you soon!', [])).toEqual({ ok: true });
  });

  it('names each unknown placeholder once', () => {
    expect(validateOverrideText('{{firstName}} {{date}} {{opening_hours}} {{firstName}}', ['company_name'])).toEqual({
      ok: false,
      unknown: ['firstName', 'opening_hours'],
    });
  });

  it('does not take names of object properties for variables', () => {
    expect(validateOverrideText('{{constructor}} {{__proto__}} {{toString}}', [])).toEqual({
      ok: false,
      unknown: ['constructor', '__proto__', 'toString'],
    });
  });

  it('refuses malformed placeholders', () => {
    expect(validateOverrideText('{{}} {{ date time }}', [])).toEqual({ ok: false, unknown: ['', 'date time'] });
  });
});

describe('fillPlaceholders', () => {
  it('fills in one pass, so a value that looks like a placeholder stays as written', () => {
    expect(fillPlaceholders('{{a}} and {{b}}', new Map([['a', '{{b}}'], ['b', 'B']]))).toBe('{{b}} and B');
  });

  it('renders unknown placeholders, object property names included, as nothing', () => {
    expect(fillPlaceholders('[{{nope}}][{{constructor}}][{{__proto__}}]', new Map())).toBe('[][][]');
  });
});

describe('overrides in a rendered message', () => {
  it('replaces the default subject and opening paragraph, and keeps the rest', () => {
    const message = renderMessage(renderInput('confirmed', { override: { subject: 'See you soon', intro: 'We are looking forward to it.' } }));
    expect(message.subject).toBe('See you soon');
    expect(message.text).toContain('We are looking forward to it.');
    expect(message.text).not.toContain('Your appointment is confirmed.');
    expect(message.text).toContain('Service: Boiler service');
    expect(message.html).toContain('<title>See you soon</title>');
  });

  it('fills every message variable', () => {
    const intro = MESSAGE_VARIABLES.map((name) => `${name}={{${name}}}`).join('; ');
    const message = renderMessage(renderInput('confirmed', { override: { intro } }));
    // Intl may separate "AM" with a narrow no-break space.
    expect(message.text).toMatch(
      /contactFirstName=Ada; contactLastName=Lovelace; serviceName=Boiler service; date=Sunday, March 8, 2026; time=10:00\sAM; reference=BK-0042; companyName=Northwind Heating/,
    );
  });

  it('writes the date and time in the contact’s language on the service location’s clock', () => {
    const message = renderMessage(renderInput('reminder', { language: 'de', override: { subject: 'Bis {{date}} um {{time}}!' } }));
    expect(message.subject).toBe('Bis Sonntag, 8. März 2026 um 10:00!');
  });

  it('fills snippet keys, standard and custom', () => {
    const message = renderMessage(
      renderInput('confirmed', {
        snippets: snippets({ opening_hours: 'Mon–Fri 8–18' }),
        override: { intro: 'Call {{contact_phone}} ({{opening_hours}}).' },
      }),
    );
    expect(message.text).toContain('Call +1 555 0100 (Mon–Fri 8–18).');
  });

  it('lets a snippet use variables and other snippets, one level deep', () => {
    const message = renderMessage(
      renderInput('confirmed', {
        snippets: snippets({
          signature: 'The {{company_name}} team, for {{contactFirstName}} ({{nested}})',
          nested: 'deeper {{signature}}',
        }),
        override: { intro: '{{signature}}' },
      }),
    );
    expect(message.text).toContain('The Northwind Heating team, for Ada (deeper )');
  });

  it('renders unknown placeholders as nothing, never as braces', () => {
    const message = renderMessage(renderInput('confirmed', { override: { subject: 'Hi {{nickname}}!', intro: 'A{{constructor}}B{{}}C' } }));
    expect(message.subject).toBe('Hi !');
    expect(message.text).toContain('ABC');
    for (const part of [message.subject, message.text, message.html]) expect(part).not.toContain('{{');
  });

  it('does not expand placeholders a customer typed into their name', () => {
    const message = renderMessage(renderInput('confirmed', { contact: { firstName: '{{reference}}', lastName: 'X' }, override: { intro: 'Hi {{contactFirstName}}' } }));
    expect(message.text).toContain('Hi {{reference}}');
    expect(message.text).not.toContain('Hi BK-0042');
  });

  it('leaves booking variables empty in a message without a booking', () => {
    expect(renderMessage(renderInput('invite', { override: { subject: 'Welcome{{serviceName}}{{date}}, {{contactFirstName}}' } })).subject).toBe(
      'Welcome, Ada',
    );
  });

  it('splits an intro into paragraphs at blank lines and keeps single line breaks', () => {
    const { html } = renderMessage(renderInput('confirmed', { override: { intro: 'First line\nsecond line\n\nNew paragraph' } }));
    expect(html).toContain('<p style="margin:0 0 16px;">First line<br>second line</p><p style="margin:0 0 16px;">New paragraph</p>');
  });

  it('keeps the subject on one line', () => {
    expect(renderMessage(renderInput('confirmed', { override: { subject: 'One\r\nBcc: someone@evil.test' } })).subject).toBe(
      'One Bcc: someone@evil.test',
    );
  });

  it.each([null, '', '   ', '{{unknown}}'])('keeps the default subject and intro for an override of %p', (text) => {
    const message = renderMessage(renderInput('confirmed', { override: { subject: text, intro: text } }));
    expect(message.subject).toBe('Confirmed: Boiler service on Sunday, March 8, 2026');
    expect(message.text).toContain('Your appointment is confirmed. Here are the details.');
  });

  it('replaces the day-specific reminder sentence too', () => {
    const message = renderMessage(renderInput('reminder', { reminderDaysBefore: 1, override: { intro: 'Tomorrow it is.' } }));
    expect(message.text).toContain('Tomorrow it is.');
    expect(message.text).not.toContain('your appointment is tomorrow');
  });

  it('leaves the SMS as it is', () => {
    const plain = renderMessage(renderInput('confirmed', { booking: booking() }));
    const overridden = renderMessage(renderInput('confirmed', { booking: booking(), override: { subject: 'S', intro: 'I' } }));
    expect(overridden.sms).toBe(plain.sms);
  });
});
