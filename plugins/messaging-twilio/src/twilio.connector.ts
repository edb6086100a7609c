import {
  BadConfigError,
  Connector,
  ConnectorConfig,
  ConnectorManifest,
  DeliveryState,
  InvalidSignatureError,
  SendContext,
  StatusUpdate,
  VerifyResult,
  WebhookRequest,
} from '@fieldbook/plugin-sdk';
import twilio from 'twilio';
import { toConnectorError } from './twilio-errors';

const HEX32 = '[0-9a-fA-F]{32}';

export const manifest: ConnectorManifest = {
  id: 'twilio',
  displayName: 'Twilio SMS',
  channel: 'sms',
  version: '0.1.0',
  description: "Sends SMS through Twilio's Messages API and receives signed delivery reports.",
  configSchema: [
    {
      key: 'accountSid',
      type: 'string',
      label: 'Account SID',
      help: 'Starts with AC; shown on the Twilio Console home page.',
      required: true,
      pattern: { source: `^AC${HEX32}$`, message: 'Account SID must be AC followed by 32 hexadecimal characters.' },
    },
    { key: 'authToken', type: 'secret', label: 'Auth token', help: 'Shown next to the Account SID in the Twilio Console.', required: true },
    {
      key: 'from',
      type: 'string',
      label: 'Sender number',
      help: 'A number of this Twilio account in international format, e.g. +14155550123. Fill in this or a messaging service SID.',
      required: false,
      pattern: { source: '^\\+[1-9][0-9]{1,14}$', message: 'Sender number must be in international format, e.g. +14155550123.' },
    },
    {
      key: 'messagingServiceSid',
      type: 'string',
      label: 'Messaging service SID',
      help: 'Starts with MG. Fill in this or a sender number; when both are set, Twilio picks the sender from the service.',
      required: false,
      pattern: { source: `^MG${HEX32}$`, message: 'Messaging service SID must be MG followed by 32 hexadecimal characters.' },
    },
    { key: 'statusCallback', type: 'boolean', label: 'Delivery reports', help: 'Ask Twilio to report when a message is delivered or fails.', required: false, default: true },
    { key: 'apiBaseUrl', type: 'url', label: 'API base URL', help: 'Leave empty; for testing against a local server.', required: false },
  ],
  capabilities: { statusWebhooks: true },
};

export const STATUS_WEBHOOK_PATH = '/api/webhooks/messaging/twilio';

/** Twilio's MessageStatus values (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values) as ours; others are ignored. */
const STATES: Record<string, DeliveryState> = {
  accepted: 'sent',
  scheduled: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

type CallContext = Pick<SendContext, 'timeoutMs' | 'signal'>;

const SENDER_MISSING = 'Fill in a sender number or a messaging service SID.';

/**
 * Runs one call through a Twilio client made for it: the SDK's own request client, with our
 * deadline and the platform's abort signal attached to its HTTP requests, pointed at `apiBaseUrl`
 * when set. Whatever goes wrong comes out as a ConnectorError.
 */
async function withClient<T>(config: ConnectorConfig, context: CallContext, call: (client: twilio.Twilio) => Promise<T>): Promise<T> {
  const deadline = AbortSignal.timeout(context.timeoutMs);
  const signal = AbortSignal.any([context.signal, deadline]);
  // One client per call, so no idle connection outlives it.
  const httpClient = new twilio.RequestClient({ timeout: context.timeoutMs, keepAlive: false });
  httpClient.axios.interceptors.request.use((request) => Object.assign(request, { signal }));
  try {
    const client = twilio(String(config.accountSid), String(config.authToken), { httpClient });
    if (config.apiBaseUrl) client.api.baseUrl = String(config.apiBaseUrl);
    return await call(client);
  } catch (error) {
    throw toConnectorError(error, { headers: httpClient.lastResponse?.headers, timedOut: deadline.aborted, timeoutMs: context.timeoutMs });
  }
}

function sender(config: ConnectorConfig): { from?: string; messagingServiceSid?: string } {
  if (!config.from && !config.messagingServiceSid) throw new BadConfigError(SENDER_MISSING);
  return {
    ...(config.from ? { from: String(config.from) } : {}),
    ...(config.messagingServiceSid ? { messagingServiceSid: String(config.messagingServiceSid) } : {}),
  };
}

/** Form fields of a webhook body; a repeated field becomes a list, as Twilio's signature scheme expects. */
function formParams(rawBody: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    const seen = params[key];
    params[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

export const twilioConnector: Connector = {
  manifest,

  async send(message, config, context) {
    if (message.channel !== 'sms') throw new BadConfigError('The Twilio connector sends SMS only.');
    const from = sender(config);
    const statusCallback = config.statusCallback !== false && context.publicUrl ? `${context.publicUrl.replace(/\/+$/, '')}${STATUS_WEBHOOK_PATH}` : undefined;
    const sent = await withClient(config, context, (client) =>
      client.messages.create({ to: message.to, body: message.body, ...from, ...(statusCallback ? { statusCallback } : {}) }),
    );
    context.log(`Twilio accepted message ${sent.sid} (status ${sent.status}).`);
    return { providerMessageId: sent.sid };
  },

  async verify(config, context): Promise<VerifyResult> {
    if (!config.from && !config.messagingServiceSid) return { ok: false, message: SENDER_MISSING };
    try {
      const account = await withClient(config, context, (client) => client.api.v2010.accounts(String(config.accountSid)).fetch());
      if (account.status !== 'active') return { ok: false, message: `The Twilio account is ${account.status}.` };
      return { ok: true };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  },

  async parseStatusWebhook(request: WebhookRequest, config: ConnectorConfig): Promise<StatusUpdate[]> {
    const signature = request.headers['x-twilio-signature'];
    const params = formParams(request.rawBody);
    if (!signature || !twilio.validateRequest(String(config.authToken), signature, request.url, params)) throw new InvalidSignatureError();
    const state = STATES[String(params.MessageStatus)];
    if (!state || typeof params.MessageSid !== 'string') return [];
    const update: StatusUpdate = { providerMessageId: params.MessageSid, state };
    if (state === 'failed') update.reason = typeof params.ErrorCode === 'string' ? params.ErrorCode : String(params.MessageStatus);
    return [update];
  },
};
