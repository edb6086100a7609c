/** How a customer is reached. */
export type MessageChannel = 'email' | 'sms';
export const MESSAGE_CHANNELS: readonly MessageChannel[] = ['email', 'sms'];

/** One setting of a connector, as the admin console renders it in a form. */
export interface ConnectorConfigField {
  key: string;
  type: 'string' | 'secret' | 'url' | 'email' | 'number' | 'boolean' | 'select';
  label: string;
  help?: string;
  required: boolean;
  /** Write-only: never returned, shown masked. */
  secret?: boolean;
  default?: string | number | boolean;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: { source: string; message: string };
}

/** A connector installed on this Fieldbook (`GET /api/connectors`). */
export interface ConnectorInfo {
  id: string;
  displayName: string;
  channel: MessageChannel;
  version: string;
  description: string | null;
  capabilities: { html?: boolean; attachments?: boolean; providerIdempotency?: boolean; statusWebhooks?: boolean };
  configSchema: ConnectorConfigField[];
  /** The npm package it came from. */
  packageName: string;
}

/**
 * Which connector a channel of an environment uses. `configured`: enabled by the tenant;
 * `sandboxDefault`: nothing enabled, and a sandbox keeps its messages in the mailbox; `none`:
 * nothing is sent on this channel.
 */
export interface EnvironmentConnectorSetting {
  channel: MessageChannel;
  source: 'configured' | 'sandboxDefault' | 'none';
  connectorId: string | null;
  displayName: string | null;
  /** Settings with every secret masked. */
  config: Record<string, string | number | boolean | null>;
  updatedAt: string | null;
  /** Why this setting cannot be used as it is, in the caller's language (connector no longer installed, credentials unreadable). */
  problem: string | null;
}

export interface EnableConnectorRequest {
  connectorId: string;
  /** Settings by key. A secret left out (or sent back masked) keeps the stored one. */
  config?: Record<string, unknown>;
}

export interface ConnectorVerifyResponse {
  ok: true;
  connectorId: string;
  /** False for a connector that cannot check its settings without sending (send a test message instead). */
  checked: boolean;
}

export interface ConnectorTestRequest {
  /** An email address or an E.164 phone number, by channel. */
  to: string;
}

export interface ConnectorTestResponse {
  connectorId: string;
  providerMessageId: string;
}

export interface MailboxMessageSummary {
  id: string;
  channel: MessageChannel;
  to: string;
  subject: string | null;
  /** The start of the text. */
  preview: string;
  attachmentCount: number;
  createdAt: string;
}

export interface MailboxAttachment {
  filename: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Base64. */
  content: string;
}

export interface MailboxMessage {
  id: string;
  channel: MessageChannel;
  to: string;
  from: string | null;
  fromName: string | null;
  replyTo: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: MailboxAttachment[];
  createdAt: string;
}

export interface MailboxClearResponse {
  deleted: number;
}
