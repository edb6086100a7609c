import { MessageChannel } from './messaging';

/** The messages customers receive. Password reset is always on; the others can be switched off. */
export type MessageType = 'invite' | 'confirmed' | 'reminder' | 'rescheduled' | 'canceled' | 'completed' | 'password_reset';
export const MESSAGE_TYPES: readonly MessageType[] = ['invite', 'confirmed', 'reminder', 'rescheduled', 'canceled', 'completed', 'password_reset'];
export type SwitchableMessageType = Exclude<MessageType, 'password_reset'>;
export const SWITCHABLE_MESSAGE_TYPES: readonly SwitchableMessageType[] = ['invite', 'confirmed', 'reminder', 'rescheduled', 'canceled', 'completed'];

/** Email, SMS or both, for an environment's messages (a contact's own preference wins where it can be honoured). */
export type MessageChannelChoice = 'email' | 'sms' | 'both';

/**
 * When reminders go out: `utc` — one daily run at `reminderTime` UTC; `local` — at `reminderTime`
 * in each service location's own time zone.
 */
export type ReminderTiming = 'utc' | 'local';

export interface MessageSettings {
  enabled: Record<SwitchableMessageType, boolean>;
  channel: MessageChannelChoice;
  /** Days before the booking, each 1–7, sorted, without repeats. Empty: no reminders. */
  reminderLeadDays: number[];
  reminderTiming: ReminderTiming;
  /** HH:MM, 24-hour. */
  reminderTime: string;
  /** HH:MM local to the service location; SMS waits until the end of quiet hours. Both null: no quiet hours. */
  smsQuietStart: string | null;
  smsQuietEnd: string | null;
  /** When an SMS fails for good and the contact has an email address, send the message by email. */
  smsFallbackToEmail: boolean;
  updatedAt: string | null;
}

export type UpdateMessageSettingsRequest = Partial<Omit<MessageSettings, 'enabled' | 'updatedAt'>> & {
  enabled?: Partial<Record<SwitchableMessageType, boolean>>;
};

export type MessageExclusionKind = 'account' | 'serviceType';

export interface MessageExclusion {
  id: string;
  kind: MessageExclusionKind;
  /** The account's or the service type's id. */
  targetId: string;
  /** Its name, for lists. */
  targetName: string;
  createdAt: string;
}

export interface CreateMessageExclusionRequest {
  kind: MessageExclusionKind;
  targetId: string;
}

/** Snippets every template can use; tenants may add their own keys too. */
export const STANDARD_SNIPPET_KEYS = ['company_name', 'contact_email', 'contact_phone', 'page_title', 'page_footer'] as const;

export interface ContentSnippet {
  key: string;
  language: string;
  text: string;
  updatedAt: string;
}

export interface PutContentSnippetRequest {
  text: string;
}

export type BrandFont = 'system' | 'serif' | 'rounded' | 'mono';

export interface Branding {
  primaryColor: string;
  accentColor: string;
  font: BrandFont;
  logoUrl: string | null;
  headerImageUrl: string | null;
}

export type UpdateBrandingRequest = Partial<Branding>;

/** An admin's own subject and opening text for a message type in one language. */
export interface TemplateOverride {
  type: MessageType;
  language: string;
  subject: string | null;
  intro: string | null;
  updatedAt: string;
}

export interface PutTemplateOverrideRequest {
  subject?: string | null;
  intro?: string | null;
}

export interface TemplatePreviewRequest {
  type: MessageType;
  language: string;
  /** Unsaved override text to preview; omitted: the stored override (if any). */
  subject?: string | null;
  intro?: string | null;
}

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  characters: number;
  segments: number;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
  smsLength: SmsLength;
}

export type NotificationState = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped';
export const NOTIFICATION_STATES: readonly NotificationState[] = ['queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'skipped'];

export interface NotificationContent {
  subject: string | null;
  text: string;
  html: string | null;
  /** File names of attachments (the calendar invitation). */
  attachments: string[];
}

export interface NotificationSummary {
  id: string;
  type: MessageType;
  channel: MessageChannel;
  state: NotificationState;
  contact: { id: string; name: string };
  bookingId: string | null;
  recipient: string | null;
  language: string;
  attempts: number;
  connectorId: string | null;
  providerMessageId: string | null;
  lastError: string | null;
  /** Why it was not sent, in the reader's language (skipped). */
  skipReason: string | null;
  /** The SMS this email replaces, when it is a fallback. */
  fallbackOfId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export interface NotificationDetail extends NotificationSummary {
  /** As sent; null until it has been rendered. */
  content: NotificationContent | null;
}

export interface NotificationRetryResponse {
  id: string;
  state: NotificationState;
}

export interface InviteAllResponse {
  /** Invitations queued now. */
  queued: number;
  /** Contacts already invited, or without a way to reach them. */
  skipped: number;
}

export type BookingCodeState = 'active' | 'expired' | 'blocked';

export interface BookingCode {
  id: string;
  bookingId: string;
  contactId: string;
  contactName: string;
  /** The state as it stands now: an active code past its expiry reads `expired`. */
  state: BookingCodeState;
  expiresAt: string;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface ExtendBookingCodeRequest {
  expiresAt: string;
}
