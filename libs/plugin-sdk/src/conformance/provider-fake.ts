import { Connector, ConnectorConfig, DeliveryState, MailboxSink, WebhookRequest } from '../connector';

/** How a provider fake answers from the moment `behave` is called. */
export type FakeScenario = 'accept' | 'reject-auth' | 'rate-limit' | 'server-error' | 'reject-recipient' | 'hang';

/** A message as the fake provider received it. */
export interface DeliveredMessage {
  to: string;
  text: string;
  subject?: string;
  html?: string;
  /** How many attachments arrived. */
  attachments?: number;
}

/**
 * A local stand-in for the provider (a real SMTP server, a local HTTP server…), supplied by the
 * connector's own tests. It speaks the provider's real protocol so the connector is tested end to
 * end, down to the bytes on the wire.
 */
export interface ProviderFake {
  start(): Promise<void>;
  /** Stops listening and releases every open connection, including requests held by 'hang'. */
  stop(): Promise<void>;
  /**
   * Settings that point the connector at this fake, with credentials it accepts. Secret values
   * should be at least 8 characters long so a leak can be told apart from ordinary words.
   */
  config(): ConnectorConfig;
  /** The same, with credentials it refuses (authentication failure). */
  badCredentialsConfig(): ConnectorConfig;
  /** Settings pointing at a local port nobody listens on (connection refused). */
  unreachableConfig(): ConnectorConfig;
  /** How the fake answers from now on. 'rate-limit' asks to retry after 7 seconds where the protocol can say so. */
  behave(scenario: FakeScenario): void;
  /** Messages it accepted, oldest first. */
  delivered(): DeliveredMessage[];
  /** A status webhook as the provider would send it, signed with `config`'s credentials (connectors with statusWebhooks). */
  statusWebhook?(providerMessageId: string, state: DeliveryState, config: ConnectorConfig): WebhookRequest;
  /** For connectors that keep messages on the platform (the development mailbox): the sink the kit passes as `context.mailbox`. */
  mailbox?(): MailboxSink;
}

export interface ConformanceOptions {
  connector: Connector;
  fake: () => ProviderFake;
  /** A valid recipient for the channel: an email address or an E.164 number. */
  recipient: string;
  /**
   * How the provider authenticates status webhooks. 'signature' (the default): a signature covers
   * the body, so a changed body must be refused too. 'credentials': the provider sends credentials
   * in a header (e.g. Postmark's basic auth on the webhook URL) without signing the body; then only
   * changed or missing credentials must be refused.
   */
  webhookAuthentication?: 'signature' | 'credentials';
}
