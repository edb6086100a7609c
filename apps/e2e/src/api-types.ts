/**
 * The parts of the API's answers the journeys read. Written out here rather than imported: the
 * journeys talk to the running app over HTTP as any outside client does.
 */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface EnvironmentSummary {
  id: string;
  kind: 'production' | 'sandbox';
  slug: string;
}

export interface SessionResponse {
  organizations: { id: string; environments: EnvironmentSummary[] }[];
}

export interface MailboxMessageSummary {
  id: string;
  channel: 'email' | 'sms';
  to: string;
}

export interface MailboxMessage extends MailboxMessageSummary {
  text: string;
  html: string | null;
}

export type MessageType = 'invite' | 'confirmed' | 'reminder' | 'rescheduled' | 'canceled' | 'completed' | 'password_reset';

export interface NotificationSummary {
  channel: 'email' | 'sms';
  state: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped';
  lastError: string | null;
  skipReason: string | null;
}

export interface Booking {
  id: string;
  workOrderReference: string;
  status: 'scheduled' | 'traveling' | 'in_progress' | 'completed' | 'canceled';
  start: string;
  cancelReason: string | null;
}
