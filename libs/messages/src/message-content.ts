import { MessageType } from '@fieldbook/contracts';
import { Language, Translator, createTranslator } from '@fieldbook/i18n';
import { BookingTimes, bookingTimes } from './booking-time';
import { safeHttpUrl } from './html';
import { MessageRenderInput } from './message-render-input';
import { MESSAGE_VARIABLES, MessageVariable, fillPlaceholders, stripPlaceholders } from './placeholders';

/** What each message type needs and says besides its subject, intro and button. */
interface TypeRules {
  needsBooking: boolean;
  needsLink: boolean;
  /** A paragraph of its own: before the button, or (`afterAction`) after it. */
  body: 'none' | 'beforeAction' | 'afterAction';
}

export const TYPE_RULES: Record<MessageType, TypeRules> = {
  invite: { needsBooking: false, needsLink: true, body: 'beforeAction' },
  confirmed: { needsBooking: true, needsLink: false, body: 'none' },
  reminder: { needsBooking: true, needsLink: false, body: 'none' },
  rescheduled: { needsBooking: true, needsLink: false, body: 'none' },
  canceled: { needsBooking: true, needsLink: false, body: 'none' },
  completed: { needsBooking: true, needsLink: false, body: 'beforeAction' },
  password_reset: { needsBooking: false, needsLink: true, body: 'afterAction' },
};

export interface MessageDetail {
  label: string;
  value: string;
  /** "Label: value" as the language writes it, on one line, for plain text. */
  line: string;
}

export interface MessageAction {
  label: string;
  url: string;
  /** "Label: URL" as the language writes it, for plain text. */
  line: string;
  /** "If the button does not work, copy this address…" */
  fallback: string;
  validity: string | null;
}

/** A message's words, in order, as plain text; the email and SMS renderers only lay them out. */
export interface MessageContent {
  language: Language;
  subject: string;
  greeting: string;
  /** Paragraphs; a paragraph may hold line breaks. */
  intro: string[];
  details: MessageDetail[];
  beforeAction: string[];
  action: MessageAction | null;
  afterAction: string[];
  signOff: string;
  companyName: string;
  pageTitle: string;
  logoAlt: string;
  /** Paragraphs under the message: the page footer snippet, then how to reach the company. */
  footer: string[];
  sms: string;
}

function paragraphs(text: string): string[] {
  return text
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Placeholder values: the fixed variables, then the snippets. Snippets may use the variables and
 * each other, one level deep (a snippet's own placeholders are dropped when it is used inside
 * another), so no chain of snippets can loop.
 */
function placeholderValues(input: MessageRenderInput, times: BookingTimes | null, companyName: string): Map<string, string> {
  const variables: Record<MessageVariable, string> = {
    contactFirstName: input.contact.firstName,
    contactLastName: input.contact.lastName,
    serviceName: input.booking?.serviceName ?? '',
    date: times?.date ?? '',
    time: times?.time ?? '',
    reference: input.booking?.reference ?? '',
    companyName,
  };
  const flat = new Map<string, string>(Object.entries(input.snippets).map(([key, text]) => [key, stripPlaceholders(text)]));
  for (const name of MESSAGE_VARIABLES) flat.set(name, variables[name]);
  const values = new Map<string, string>();
  for (const [key, text] of Object.entries(input.snippets)) values.set(key, fillPlaceholders(text, flat));
  for (const name of MESSAGE_VARIABLES) values.set(name, variables[name]);
  return values;
}

function validity(t: Translator, minutes: number | undefined): string | null {
  if (minutes === undefined) return null;
  if (minutes >= 2 * 1440 && minutes % 1440 === 0) return t.t('messages.validity.days', { days: minutes / 1440 });
  if (minutes >= 120 && minutes % 60 === 0) return t.t('messages.validity.hours', { hours: minutes / 60 });
  return t.t('messages.validity.minutes', { minutes });
}

function reminderIntroKey(daysBefore: number | undefined): string {
  if (daysBefore === undefined) return 'intro';
  if (daysBefore === 0) return 'introToday';
  if (daysBefore === 1) return 'introTomorrow';
  return 'introInDays';
}

function details(input: MessageRenderInput, times: BookingTimes, t: Translator): MessageDetail[] {
  const booking = input.booking;
  if (!booking) return [];
  const rows: Array<[string, string | null | undefined]> = [
    ['service', booking.serviceName],
    ['when', times.when],
    ['previously', input.type === 'rescheduled' ? times.previous : null],
    ['where', booking.address],
    ['reference', booking.reference],
    ['reason', input.type === 'canceled' ? booking.cancelReason : null],
  ];
  return rows
    .filter((row): row is [string, string] => typeof row[1] === 'string' && row[1].trim() !== '')
    .map(([key, raw]) => {
      const label = t.t(`messages.details.${key}`);
      const value = raw.trim();
      return { label, value, line: t.t('messages.labelled', { label, value: oneLine(value) }) };
    });
}

function smsText(input: MessageRenderInput, times: BookingTimes | null, companyName: string, url: string | null, t: Translator): string {
  const key = `messages.types.${input.type}`;
  const parts = [
    t.t(`${key}.sms`, {
      companyName,
      serviceName: input.booking?.serviceName ?? '',
      dateTime: times?.smsWhen ?? '',
      reference: input.booking?.reference ?? '',
    }),
  ];
  if (input.type === 'rescheduled' && times?.smsPrevious) parts.push(t.t('messages.sms.previously', { previous: times.smsPrevious }));
  const reason = input.booking?.cancelReason?.trim().replace(/[.!?…]+$/, '');
  if (input.type === 'canceled' && reason) parts.push(t.t('messages.sms.reason', { reason }));
  if (url) {
    parts.push(t.t(`${key}.smsAction`, { url }));
    const note = validity(t, input.linkValidMinutes);
    if (note) parts.push(note);
  }
  return oneLine(parts.join(' '));
}

function contactLine(email: string, phone: string, t: Translator): string | null {
  if (email && phone) return t.t('messages.contact.emailAndPhone', { email, phone });
  if (email) return t.t('messages.contact.email', { email });
  if (phone) return t.t('messages.contact.phone', { phone });
  return null;
}

function action(input: MessageRenderInput, url: string, t: Translator): MessageAction {
  const label = input.link?.label?.trim() || t.t(`messages.types.${input.type}.action`);
  return {
    label,
    url,
    line: t.t('messages.labelled', { label, value: url }),
    fallback: t.t('messages.linkFallback'),
    validity: validity(t, input.linkValidMinutes),
  };
}

/** A translator per language: they share one i18next instance, so one each serves every message. */
const translators = new Map<string, Translator>();

export function translatorFor(language: string): Translator {
  let t = translators.get(language);
  if (!t) {
    t = createTranslator(language, 'api');
    if (translators.size >= 100) translators.clear();
    translators.set(language, t);
  }
  return t;
}

/** What a message says about time and where its link goes, worked out from the input unless given. */
export interface GivenValues {
  times: BookingTimes | null;
  url: string | null;
}

/**
 * The words of one message, from the catalogs, the snippets and the admin's override. Input must be
 * valid. `given` replaces the booking's times and the link's URL as they would be worked out from
 * the input (compiled templates pass stand-ins there).
 */
export function messageContent(input: MessageRenderInput, given?: GivenValues): MessageContent {
  const t = translatorFor(input.language);
  const key = `messages.types.${input.type}`;
  const rules = TYPE_RULES[input.type];
  const times = given ? given.times : input.booking ? bookingTimes(input.booking, t.language, t) : null;
  const companyName = oneLine(stripPlaceholders(input.snippets['company_name'] ?? '')) || t.t('messages.defaultCompanyName');
  const values = placeholderValues(input, times, companyName);
  const snippet = (name: string) => (values.get(name) ?? '').trim();
  const params = {
    companyName,
    serviceName: input.booking?.serviceName ?? '',
    date: times?.date ?? '',
    days: input.reminderDaysBefore ?? 0,
  };

  const overrideSubject = input.override?.subject ? oneLine(fillPlaceholders(input.override.subject, values)) : '';
  const overrideIntro = input.override?.intro ? paragraphs(fillPlaceholders(input.override.intro, values)) : [];
  const introKey = input.type === 'reminder' ? reminderIntroKey(input.reminderDaysBefore) : 'intro';
  const url = given ? given.url : input.link ? safeHttpUrl(input.link.url) : null;
  const body = rules.body === 'none' ? [] : [t.t(`${key}.body`, params)];

  const contact = contactLine(snippet('contact_email'), snippet('contact_phone'), t);
  const firstName = input.contact.firstName.trim();

  return {
    language: t.language,
    subject: overrideSubject || oneLine(t.t(`${key}.subject`, params)),
    greeting: firstName ? t.t('messages.greeting', { firstName }) : t.t('messages.greetingWithoutName'),
    intro: overrideIntro.length > 0 ? overrideIntro : [t.t(`${key}.${introKey}`, params)],
    details: times && rules.needsBooking ? details(input, times, t) : [],
    beforeAction: rules.body === 'beforeAction' ? body : [],
    action: url ? action(input, url, t) : null,
    afterAction: rules.body === 'afterAction' ? body : [],
    signOff: t.t('messages.signOff'),
    companyName,
    pageTitle: oneLine(snippet('page_title')),
    logoAlt: t.t('messages.logoAlt', { companyName }),
    footer: [...paragraphs(snippet('page_footer')), ...(contact ? [contact] : [])],
    sms: smsText(input, times, companyName, url, t),
  };
}
