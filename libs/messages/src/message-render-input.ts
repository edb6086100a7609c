import { Branding, MessageType } from '@fieldbook/contracts';
import { Language } from '@fieldbook/i18n';

/** The booking a message is about. Instants are ISO 8601 with an offset or `Z`. */
export interface MessageBooking {
  reference: string;
  serviceName: string;
  start: string;
  end: string;
  /** IANA zone of the service location: every time in the message is read there. */
  timeZone: string;
  address: string;
  /** Rescheduled: where the booking stood before the move. */
  previousStart?: string;
  /** Canceled: why, in the contact's language, when someone gave a reason. */
  cancelReason?: string | null;
}

export interface MessageLink {
  url: string;
  /** Replaces the default button text of the message type. */
  label?: string;
}

/** An admin's own subject and opening paragraph for one message type in one language. */
export interface MessageOverride {
  subject?: string | null;
  intro?: string | null;
}

export interface MessageRenderInput {
  type: MessageType;
  language: Language;
  branding: Branding;
  /** Snippet key → text, already in the contact's language (`company_name`, `page_footer`, … and custom keys). */
  snippets: Record<string, string>;
  override?: MessageOverride;
  contact: { firstName: string; lastName: string };
  /** Required for every type but `invite` and `password_reset`. */
  booking?: MessageBooking;
  /**
   * The booking-code link to the portal's reschedule page, the invitation link or the reset link.
   * Required for `invite` and `password_reset`; optional (no button) for the others.
   */
  link?: MessageLink;
  /** Reminder: how many days before the booking it goes out (0 = the same day). */
  reminderDaysBefore?: number;
  /** How long `link` stays usable; shown under the button when given. */
  linkValidMinutes?: number;
}
