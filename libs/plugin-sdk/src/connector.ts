/**
 * The connector contract: what a Fieldbook messaging connector is. A connector is a plain object
 * (usually the default export of its package) with a manifest and a `send` function; it depends on
 * nothing but this SDK and its provider's library.
 */

export type Channel = 'email' | 'sms';

export type ConfigFieldType = 'string' | 'secret' | 'url' | 'email' | 'number' | 'boolean' | 'select';

/** One setting a tenant fills in; the admin console renders its form from these. */
export interface ConfigField {
  /** Key in the config object, e.g. `host`. */
  key: string;
  type: ConfigFieldType;
  /** Shown as the field's label. */
  label: string;
  /** A sentence of help under the field. */
  help?: string;
  required: boolean;
  /** Secrets are write-only: stored encrypted, never returned, logged or echoed. `type: 'secret'` implies it. */
  secret?: boolean;
  default?: string | number | boolean;
  /** For `select`. */
  options?: { value: string; label: string }[];
  /** For `number`. */
  min?: number;
  max?: number;
  /** For text types. */
  maxLength?: number;
  /** For text types: a regular expression (source) the value must match, with the message shown when it does not. */
  pattern?: { source: string; message: string };
}

export interface ConnectorCapabilities {
  /** Sends HTML bodies (email). */
  html?: boolean;
  /** Sends attachments (email; the ICS invite). */
  attachments?: boolean;
  /** The provider itself drops a second send with the same `idempotencyKey`. */
  providerIdempotency?: boolean;
  /** Parses signed delivery-status webhooks (`parseStatusWebhook`). */
  statusWebhooks?: boolean;
}

export interface ConnectorManifest {
  /** Stable id, lower-case letters, digits and dashes, e.g. `smtp`, `twilio`. */
  id: string;
  displayName: string;
  channel: Channel;
  /** Semantic version of the connector. */
  version: string;
  description?: string;
  configSchema: ConfigField[];
  capabilities: ConnectorCapabilities;
}

export interface Attachment {
  filename: string;
  contentType: string;
  /** Base64. */
  content: string;
}

export interface EmailMessage {
  channel: 'email';
  to: string;
  from: string;
  /** Display name for `from`, e.g. the tenant's company name. */
  fromName?: string;
  replyTo?: string;
  subject: string;
  html?: string;
  text: string;
  attachments?: Attachment[];
}

export interface SmsMessage {
  channel: 'sms';
  /** E.164, e.g. +14155550123. */
  to: string;
  body: string;
}

export type OutboundMessage = EmailMessage | SmsMessage;

/** A tenant's settings for a connector, already validated against its schema. */
export type ConnectorConfig = Record<string, string | number | boolean | undefined>;

export interface SendContext {
  /** Same key for every attempt to deliver one notification; pass it to providers that deduplicate. */
  idempotencyKey: string;
  /** Give up and throw `RetryableError` (or let the platform time out) after this long. */
  timeoutMs: number;
  /** Aborted when the platform stops waiting. */
  signal: AbortSignal;
  /** Lines for the platform's log. Never pass secrets or message bodies. */
  log: (message: string) => void;
  /** Where the development connector keeps messages; provided by the platform. */
  mailbox?: MailboxSink;
  /** Public URL of the platform, for status callback URLs. */
  publicUrl?: string;
}

export interface MailboxSink {
  store(message: OutboundMessage): Promise<{ id: string }>;
}

export interface SendResult {
  providerMessageId: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Why not, in words a tenant understands. */
  message?: string;
}

/** An incoming delivery-status webhook as the platform received it. */
export interface WebhookRequest {
  /** Full public URL the provider called (signature schemes sign it). */
  url: string;
  method: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** Raw body as received. */
  rawBody: string;
}

export type DeliveryState = 'sent' | 'delivered' | 'failed';

export interface StatusUpdate {
  providerMessageId: string;
  state: DeliveryState;
  /** Provider's reason for a failure. */
  reason?: string;
}

export interface Connector {
  manifest: ConnectorManifest;
  send(message: OutboundMessage, config: ConnectorConfig, context: SendContext): Promise<SendResult>;
  /** Checks credentials and reachability without sending anything. */
  verify?(config: ConnectorConfig, context: Omit<SendContext, 'idempotencyKey' | 'mailbox'>): Promise<VerifyResult>;
  /** Throws `InvalidSignatureError` for a request not signed with the tenant's credentials. */
  parseStatusWebhook?(request: WebhookRequest, config: ConnectorConfig): Promise<StatusUpdate[]>;
}
