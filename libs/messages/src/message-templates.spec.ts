import { MESSAGE_TYPES, MessageType } from '@fieldbook/contracts';
import { InvalidMessageInputError } from './invalid-message-input.error';
import { MessageRenderInput } from './message-render-input';
import { MessageTemplates } from './message-templates';
import { renderMessage } from './render-message';
import { LANGUAGES, booking, branding, renderInput, snippets } from './test/builders';

/** Markup, both quotes, an ampersand and Intl's narrow no-break space: what a template must escape and keep. */
const AWKWARD = `<b>"Ann" & 'Bo'</b>\u202fx`;

/** A second message of the same kind as `renderInput(type)`: other person, booking, times and link. */
function anotherOfTheKind(type: MessageType, overrides: Partial<MessageRenderInput> = {}): MessageRenderInput {
  const base = renderInput(type);
  return {
    ...base,
    contact: { firstName: 'Grace', lastName: 'Hopper-Murray' },
    ...(base.booking
      ? {
          booking: booking({
            reference: 'WO-0000BEEF',
            serviceName: 'Heat pump check',
            start: '2026-11-02T20:30:00Z',
            end: '2026-11-02T21:00:00Z',
            timeZone: 'Europe/Berlin',
            address: '7 Rue de la Paix, 75002 Paris, FR',
            ...(type === 'rescheduled' ? { previousStart: '2026-10-30T08:00:00Z' } : {}),
          }),
        }
      : {}),
    link: { url: `${base.link!.url}/other-token_-42` },
    ...overrides,
  };
}

describe('MessageTemplates', () => {
  describe.each(MESSAGE_TYPES)('a %s message', (type) => {
    it.each(LANGUAGES)('reads exactly as renderMessage has it, for the first message of its kind and the ones after, in %s', (language) => {
      const templates = new MessageTemplates();
      const inputs = [renderInput(type, { language }), anotherOfTheKind(type, { language }), renderInput(type, { language })];
      for (const input of inputs) expect(templates.render(input)).toEqual(renderMessage(input));
    });
  });

  it('fills every later message of a kind into its template, awkward but one-line values too', () => {
    const templates = new MessageTemplates();
    // A cancellation reason is rendered in full (see below); the builder's cancellation has one.
    const types = MESSAGE_TYPES.filter((type) => type !== 'canceled');
    for (const type of types) {
      for (const language of LANGUAGES) {
        templates.render(renderInput(type, { language }));
        templates.render(anotherOfTheKind(type, { language, contact: { firstName: AWKWARD, lastName: 'O\'Neil  &  Sons' } }));
      }
    }
    expect(templates.counts).toEqual({ fromTemplate: 2 * types.length * LANGUAGES.length, inFull: 0 });
  });

  it('renders in full what a template cannot hold: an empty name, a line break, a cancellation reason', () => {
    const templates = new MessageTemplates();
    templates.render(renderInput('reminder', { contact: { firstName: '', lastName: 'Lovelace' } }));
    templates.render(renderInput('reminder', { booking: booking({ address: 'a\nb' }) }));
    templates.render(renderInput('canceled'));
    expect(templates.counts).toEqual({ fromTemplate: 0, inFull: 3 });
  });

  it('escapes in the HTML what it keeps as it is in the text, value by value', () => {
    const templates = new MessageTemplates();
    for (const type of MESSAGE_TYPES) {
      templates.render(renderInput(type));
      const input = anotherOfTheKind(type, {
        contact: { firstName: AWKWARD, lastName: `${AWKWARD}  two  spaces` },
        ...(renderInput(type).booking ? { booking: booking({ reference: `R&D <${type}>`, serviceName: AWKWARD, address: `1 "Quoted" St\u00a0& Co` }) } : {}),
      });
      const message = templates.render(input);
      expect(message).toEqual(renderMessage(input));
      expect(message.html).not.toContain('<b>"Ann"');
    }
  });

  it('keeps placeholders and nesting in values as text, like the full rendering', () => {
    const templates = new MessageTemplates();
    const input = anotherOfTheKind('reminder', {
      contact: { firstName: '{{date}}', lastName: '$t(messages.signOff)' },
      override: { subject: 'For {{contactFirstName}} {{contactLastName}}', intro: 'Dear {{contactFirstName}},\n\nsee you on {{date}} at {{time}} ({{reference}}).' },
    });
    templates.render(renderInput('reminder', { override: input.override }));
    expect(templates.render(input)).toEqual(renderMessage(input));
    expect(templates.render(input).subject).toBe('For {{date}} $t(messages.signOff)');
  });

  it.each([
    ['an empty first name', { contact: { firstName: '', lastName: 'Lovelace' } }],
    ['an empty last name inside an override', { contact: { firstName: 'Ada', lastName: '' }, override: { subject: 'Hi {{contactFirstName}} {{contactLastName}}' } }],
    ['spaces around a name', { contact: { firstName: '  Ada ', lastName: ' Lovelace' } }],
    ['a line break in the address', { booking: booking({ address: '12 Elm Street\nSpringfield' }) }],
    ['a line break in a name used by the intro', { contact: { firstName: 'Ada\n\nLovelace', lastName: 'X' }, override: { intro: 'Hello {{contactFirstName}}' } }],
    ['no service name', { booking: booking({ serviceName: '' }) }],
    ['a custom button label', { link: { url: 'https://portal.northwind.test/b/code123', label: 'Open it' } }],
    ['a same-day reminder', { reminderDaysBefore: 0 }],
    ['a reminder a week ahead', { reminderDaysBefore: 7 }],
    ['a logo, a header image and a serif font', { branding: branding({ logoUrl: 'https://cdn.northwind.test/l.png', headerImageUrl: 'https://cdn.northwind.test/h.png', font: 'serif' }) }],
    ['snippets that use the variables', { snippets: snippets({ page_footer: 'Ref. {{reference}} for {{contactFirstName}}\n\nSee you {{date}}', page_title: '{{serviceName}}  at {{time}}' }) }],
  ] as [string, Partial<MessageRenderInput>][])('renders a message with %s as renderMessage does', (_what, overrides) => {
    const templates = new MessageTemplates();
    templates.render(renderInput('reminder'));
    const input = renderInput('reminder', overrides);
    expect(templates.render(input)).toEqual(renderMessage(input));
    expect(templates.render(anotherOfTheKind('reminder', overrides))).toEqual(renderMessage(anotherOfTheKind('reminder', overrides)));
  });

  it('renders cancellations with and without a reason as renderMessage does', () => {
    const templates = new MessageTemplates();
    for (const cancelReason of ['Part not in stock.', '  ', null, 'Weather!!']) {
      const input = renderInput('canceled', { booking: booking({ cancelReason }) });
      expect(templates.render(input)).toEqual(renderMessage(input));
    }
  });

  it('tells an override of another text apart: each kind gets its own template', () => {
    const templates = new MessageTemplates();
    const first = renderInput('confirmed', { override: { subject: 'Booked: {{serviceName}}' } });
    const second = renderInput('confirmed', { override: { subject: 'All set, {{contactFirstName}}' } });
    expect(templates.render(first).subject).toBe('Booked: Boiler service');
    expect(templates.render(second).subject).toBe('All set, Ada');
    expect(templates.render(renderInput('confirmed', { snippets: snippets({ company_name: 'Southwind' }) }))).toEqual(
      renderMessage(renderInput('confirmed', { snippets: snippets({ company_name: 'Southwind' }) })),
    );
  });

  it('refuses what renderMessage refuses, with the same problems', () => {
    const templates = new MessageTemplates();
    const bad = renderInput('reminder', { booking: booking({ timeZone: 'Mars/Olympus', end: '2026-03-08T13:00:00Z' }), link: { url: 'javascript:alert(1)' } });
    let problems: readonly string[] = [];
    try {
      templates.render(bad);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidMessageInputError);
      problems = (error as InvalidMessageInputError).problems;
    }
    expect(problems).toEqual([
      'booking.end is not after booking.start',
      'booking.timeZone "Mars/Olympus" is not an IANA time zone',
      'link.url is not an absolute http(s) URL',
    ]);
  });
});
