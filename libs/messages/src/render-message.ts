import { RenderedMessage, MESSAGE_TYPES } from '@fieldbook/contracts';
import { isSupportedLanguage } from '@fieldbook/i18n';
import { isIsoInstant, isValidTimeZone } from './booking-time';
import { emailHtml } from './email-html';
import { emailText } from './email-text';
import { safeHttpUrl } from './html';
import { InvalidMessageInputError } from './invalid-message-input.error';
import { TYPE_RULES, messageContent } from './message-content';
import { MessageRenderInput } from './message-render-input';
import { smsLength } from './sms-length';

function isWholeNumber(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Every reason the input cannot be rendered; empty when it can. */
export function messageInputProblems(input: MessageRenderInput): string[] {
  const problems: string[] = [];
  if (!MESSAGE_TYPES.includes(input.type)) return [`unknown message type "${String(input.type)}"`];
  const rules = TYPE_RULES[input.type];
  if (!isSupportedLanguage(input.language)) problems.push(`unsupported language "${String(input.language)}"`);
  const booking = input.booking;
  if (rules.needsBooking && !booking) problems.push(`a ${input.type} message needs its booking`);
  if (booking) {
    if (!isIsoInstant(booking.start)) problems.push('booking.start is not an ISO instant with an offset');
    if (!isIsoInstant(booking.end)) problems.push('booking.end is not an ISO instant with an offset');
    if (isIsoInstant(booking.start) && isIsoInstant(booking.end) && Date.parse(booking.end) <= Date.parse(booking.start)) {
      problems.push('booking.end is not after booking.start');
    }
    if (booking.previousStart !== undefined && !isIsoInstant(booking.previousStart)) {
      problems.push('booking.previousStart is not an ISO instant with an offset');
    }
    if (!isValidTimeZone(booking.timeZone)) problems.push(`booking.timeZone "${String(booking.timeZone)}" is not an IANA time zone`);
  }
  if (rules.needsLink && !input.link) problems.push(`a ${input.type} message needs its link`);
  if (input.link && !safeHttpUrl(input.link.url)) problems.push('link.url is not an absolute http(s) URL');
  if (input.reminderDaysBefore !== undefined && !isWholeNumber(input.reminderDaysBefore, 0)) {
    problems.push('reminderDaysBefore is not a whole number of days, 0 or more');
  }
  if (input.linkValidMinutes !== undefined && !isWholeNumber(input.linkValidMinutes, 1)) {
    problems.push('linkValidMinutes is not a whole number of minutes, 1 or more');
  }
  return problems;
}

/**
 * One customer message in the contact's language: subject, HTML and plain-text email, and the SMS
 * with its length. Pure: the same input always gives the same message.
 * @throws InvalidMessageInputError when the input lacks what its type needs or holds a bad value.
 */
export function renderMessage(input: MessageRenderInput): RenderedMessage {
  const problems = messageInputProblems(input);
  if (problems.length > 0) throw new InvalidMessageInputError(problems);
  const content = messageContent(input);
  return {
    subject: content.subject,
    text: emailText(content),
    html: emailHtml(content, input.branding),
    sms: content.sms,
    smsLength: smsLength(content.sms),
  };
}
