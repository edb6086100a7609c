import { RenderedMessage } from '@fieldbook/contracts';
import { bookingTimes } from './booking-time';
import { emailHtml } from './email-html';
import { emailText } from './email-text';
import { escapeHtml, safeHttpUrl } from './html';
import { InvalidMessageInputError } from './invalid-message-input.error';
import { GivenValues, messageContent, translatorFor } from './message-content';
import { MessageRenderInput } from './message-render-input';
import { messageInputProblems, renderMessage } from './render-message';
import { smsLength } from './sms-length';

/** The values that differ from one message to the next of the same kind; everything else is the template's. */
const SLOTS = ['firstName', 'lastName', 'serviceName', 'reference', 'address', 'date', 'time', 'when', 'smsWhen', 'previous', 'smsPrevious', 'url'] as const;
type Slot = (typeof SLOTS)[number];
type SlotValues = Partial<Record<Slot, string>>;

/**
 * A value's stand-in while a template is made: private-use characters around a no-break space. The
 * space tells where the text went through `oneLine` (which turns it into a plain space), so the
 * value is put there the same way.
 */
const mark = (slot: number) => `\uE000${String.fromCharCode(0xe100 + slot)}\u00a0\uE001`;
const MARK = /\uE000([\uE100-\uE1FF])([\u00a0 ])\uE001/g;

/** Ways a value is put in: as it is or on one line, in plain text or escaped for HTML. */
const ONE_LINE = 1;
const HTML = 2;
const FORMS = 4;

/** Text between values, and values as `slot * FORMS + form`. */
type Parts = (string | number)[];

interface Template {
  subject: Parts;
  text: Parts;
  html: Parts;
  sms: Parts;
}

/** At most this many templates are kept; the cache starts over when it is full. */
const MAX_TEMPLATES = 2000;

/**
 * Values whose every use reads the same as the value itself: not empty, nothing to trim at either
 * end, no line break (paragraphs and `<br>` split there). Inner runs of spaces are fine: where a
 * text is put on one line, the value is too.
 */
function plain(value: string): boolean {
  return value !== '' && value.trim() === value && !/[\r\n]/.test(value);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function parse(text: string, html: boolean): Parts {
  const parts: Parts = [];
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    parts.push(text.slice(last, match.index));
    const slot = (match[1] as string).charCodeAt(0) - 0xe100;
    parts.push(slot * FORMS + (match[2] === ' ' ? ONE_LINE : 0) + (html ? HTML : 0));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function fill(parts: Parts, values: SlotValues): string {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = values[SLOTS[Math.floor(part / FORMS)] as Slot] ?? '';
    const lined = part & ONE_LINE ? oneLine(value) : value;
    text += part & HTML ? escapeHtml(lined) : lined;
  }
  return text;
}

/** The input with `values` in its slots, and the times and URL to render it with. */
function withValues(input: MessageRenderInput, values: SlotValues): { input: MessageRenderInput; given: GivenValues } {
  const booking = input.booking;
  return {
    input: {
      ...input,
      contact: { firstName: values.firstName ?? '', lastName: values.lastName ?? '' },
      ...(booking ? { booking: { ...booking, serviceName: values.serviceName ?? '', reference: values.reference ?? '', address: values.address ?? '' } } : {}),
    },
    given: {
      times: booking
        ? {
            date: values.date ?? '',
            time: values.time ?? '',
            when: values.when ?? '',
            smsWhen: values.smsWhen ?? '',
            previous: values.previous ?? null,
            smsPrevious: values.smsPrevious ?? null,
          }
        : null,
      url: values.url ?? null,
    },
  };
}

function rendered(input: MessageRenderInput, given: GivenValues): Omit<RenderedMessage, 'smsLength'> {
  const content = messageContent(input, given);
  return { subject: content.subject, text: emailText(content), html: emailHtml(content, input.branding), sms: content.sms };
}

/** Values for every slot of `shape`, awkward on purpose (markup, quotes, odd spaces), to check a template against. */
function probeValues(shape: SlotValues): SlotValues {
  const values: SlotValues = {};
  for (const [index, slot] of SLOTS.entries()) {
    if (shape[slot] !== undefined) values[slot] = slot === 'url' ? `https://probe.invalid/${index}?a=1&b=<2>` : `P${index} <b>&amp;</b> "q" 'r'  s\u00a0t\u202fu`;
  }
  return values;
}

/**
 * Messages rendered from compiled templates: the first message of a kind (type, language,
 * branding, snippets, override, and which parts it has) is rendered in full with stand-ins for
 * its per-message values — names, service, reference, address, times, link — and split around
 * them; every later one only fills its values in, escaped where the HTML needs it. Each template
 * is checked once against a full rendering of awkward values before it is used; a kind that does
 * not pass, and any message with a value that could read differently in some place (empty, with
 * spaces at an end or a line break), a cancellation with its reason, is rendered in full.
 *
 * `render(input)` gives exactly what `renderMessage(input)` gives, and throws the same errors.
 */
export class MessageTemplates {
  private readonly templates = new Map<string, Template | null>();
  private readonly tally = { fromTemplate: 0, inFull: 0 };

  /** How many messages were filled into a template and how many rendered in full (templates being made not counted). */
  get counts(): { fromTemplate: number; inFull: number } {
    return { ...this.tally };
  }

  render(input: MessageRenderInput): RenderedMessage {
    const problems = messageInputProblems(input);
    if (problems.length > 0) throw new InvalidMessageInputError(problems);
    const values = this.values(input);
    const template = values && this.template(input, values);
    if (!values || !template) {
      this.tally.inFull += 1;
      return renderMessage(input);
    }
    this.tally.fromTemplate += 1;
    const sms = fill(template.sms, values);
    return { subject: fill(template.subject, values), text: fill(template.text, values), html: fill(template.html, values), sms, smsLength: smsLength(sms) };
  }

  /** This message's slot values, or null when one of them has to be rendered in full. */
  private values(input: MessageRenderInput): SlotValues | null {
    const booking = input.booking;
    if (booking && input.type === 'canceled' && typeof booking.cancelReason === 'string' && booking.cancelReason.trim() !== '') return null;
    const values: SlotValues = { firstName: input.contact.firstName, lastName: input.contact.lastName };
    if (booking) {
      const t = translatorFor(input.language);
      const times = bookingTimes(booking, t.language, t);
      Object.assign(values, { serviceName: booking.serviceName, reference: booking.reference, address: booking.address, date: times.date, time: times.time, when: times.when, smsWhen: times.smsWhen });
      if (times.previous !== null && times.smsPrevious !== null) Object.assign(values, { previous: times.previous, smsPrevious: times.smsPrevious });
    }
    if (input.link) {
      const url = safeHttpUrl(input.link.url);
      if (url === null) return null;
      values.url = url;
    }
    for (const slot of SLOTS) {
      const value = values[slot];
      if (value !== undefined && (typeof value !== 'string' || !plain(value))) return null;
    }
    return values;
  }

  private template(input: MessageRenderInput, values: SlotValues): Template | null {
    const key = [
      input.type,
      input.language,
      JSON.stringify(input.branding),
      JSON.stringify(input.snippets),
      JSON.stringify(input.override ?? null),
      JSON.stringify(input.link?.label ?? null),
      input.reminderDaysBefore ?? '',
      input.linkValidMinutes ?? '',
      SLOTS.map((slot) => (values[slot] === undefined ? 0 : 1)).join(''),
    ].join('\u0001');
    let template = this.templates.get(key);
    if (template === undefined) {
      template = this.compile(input, values);
      if (this.templates.size >= MAX_TEMPLATES) this.templates.clear();
      this.templates.set(key, template);
    }
    return template;
  }

  private compile(input: MessageRenderInput, shape: SlotValues): Template | null {
    const marks: SlotValues = {};
    for (const [index, slot] of SLOTS.entries()) if (shape[slot] !== undefined) marks[slot] = mark(index);
    const marked = withValues(input, marks);
    const text = rendered(marked.input, marked.given);
    const template: Template = { subject: parse(text.subject, false), text: parse(text.text, false), html: parse(text.html, true), sms: parse(text.sms, false) };
    const probe = probeValues(shape);
    const probed = withValues(input, probe);
    const expected = rendered(probed.input, probed.given);
    const parts = ['subject', 'text', 'html', 'sms'] as const;
    return parts.every((part) => fill(template[part], probe) === expected[part]) ? template : null;
  }
}
