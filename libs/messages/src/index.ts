export type { MessageBooking, MessageLink, MessageOverride, MessageRenderInput } from './message-render-input';
export { InvalidMessageInputError } from './invalid-message-input.error';
export { renderMessage, messageInputProblems } from './render-message';
export { MessageTemplates } from './message-templates';
export {
  MESSAGE_VARIABLES,
  type MessageVariable,
  type OverrideTextValidation,
  overrideReferences,
  validateOverrideText,
} from './placeholders';
export { smsLength } from './sms-length';
export { calendarInvite, type CalendarInviteInput, type CalendarParty } from './calendar-invite';
