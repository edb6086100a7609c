import {
  BadConfigError,
  callProvider,
  Connector,
  ConnectorConfig,
  ConnectorError,
  ConnectorManifest,
  OutboundMessage,
  PermanentError,
  ProviderAnswer,
  RateLimitedError,
  RetryableError,
  retryAfterSeconds,
  SendContext,
  SendResult,
  VerifyResult,
} from '@fieldbook/plugin-sdk';
import { parseVonageReceipt } from './vonage-webhook';

const DEFAULT_BASE_URL = 'https://rest.nexmo.com';
/** Vonage limits an account to a number of requests per second; one second is the documented window. */
const THROTTLE_SECONDS = 1;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Vonage keeps at most 100 characters of client-ref. */
const CLIENT_REF_MAX = 100;
/** Where the platform receives delivery receipts, below its public URL. */
export const STATUS_WEBHOOK_PATH = '/api/webhooks/messaging/vonage';

export const vonageManifest: ConnectorManifest = {
  id: 'vonage',
  displayName: 'Vonage SMS',
  channel: 'sms',
  version: '0.1.0',
  description: 'Sends SMS through the Vonage SMS API; signed delivery receipts update the notification log.',
  configSchema: [
    { key: 'apiKey', type: 'string', label: 'API key', help: 'At the top of your Vonage API dashboard.', required: true, maxLength: 40, pattern: { source: '^[A-Za-z0-9]+$', message: 'API key must be letters and digits only.' } },
    { key: 'apiSecret', type: 'secret', label: 'API secret', help: 'Next to the API key in the Vonage dashboard.', required: true, maxLength: 100 },
    {
      key: 'from',
      type: 'string',
      label: 'Sender',
      help: 'A Vonage number in international format (+14155550100) or a sender name of up to 11 letters and digits, where the destination country allows one.',
      required: true,
      maxLength: 16,
      pattern: { source: '^(?:\\+?[1-9]\\d{5,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$', message: 'Sender must be a phone number in international format or up to 11 letters, digits and spaces.' },
    },
    {
      key: 'signatureSecret',
      type: 'secret',
      label: 'Signature secret',
      help: 'Needed for delivery receipts: in the Vonage dashboard choose "SHA-256 HMAC" as the signature method and copy the signature secret. Without it, delivery receipts are refused.',
      required: false,
      maxLength: 200,
    },
    { key: 'apiBaseUrl', type: 'url', label: 'API address', help: 'Leave as it is; only for testing against a local stand-in for Vonage.', required: false, default: DEFAULT_BASE_URL },
  ],
  capabilities: { html: false, attachments: false, providerIdempotency: false, statusWebhooks: true },
};

type Kind = 'rate-limited' | 'retryable' | 'permanent' | 'bad-config';

/** The SMS API's `status` values other than 0 (success), and what the platform does about each. */
const STATUS: Record<string, [Kind, string]> = {
  '1': ['rate-limited', 'Vonage is throttling this account (more messages per second than its limit)'],
  '2': ['permanent', 'The message lacks a required part (recipient, sender or text)'],
  '3': ['permanent', 'Vonage refused a value of the message, usually the recipient number'],
  '4': ['bad-config', 'Vonage refused the API key or API secret'],
  '5': ['retryable', 'Vonage had an internal error'],
  '6': ['permanent', 'Vonage cannot route a message to this number (unknown number prefix)'],
  '7': ['permanent', 'The recipient number is barred from receiving messages'],
  '8': ['bad-config', 'The Vonage account is suspended; contact Vonage support'],
  '9': ['bad-config', 'The Vonage account has not enough credit; top it up'],
  '10': ['retryable', 'Too many connections to Vonage at once'],
  '11': ['bad-config', 'The Vonage account is not enabled for the SMS API over HTTP'],
  '12': ['permanent', 'The message is too long for Vonage'],
  '14': ['bad-config', 'This Vonage account only accepts signed requests'],
  '15': ['bad-config', 'Vonage refused the sender; use a Vonage number or a sender name allowed for this country'],
  '22': ['permanent', 'Vonage refused the network code of the message'],
  '23': ['bad-config', 'Vonage refused the delivery receipt address; check the public URL of the platform'],
  '29': ['bad-config', 'The Vonage account is in trial mode and only sends to the test numbers registered in its dashboard'],
  '32': ['bad-config', 'This Vonage account does not accept the API secret for sending; ask Vonage support to allow it'],
  '33': ['permanent', 'The recipient number has been deactivated'],
};

function endpoint(config: ConnectorConfig, path: string): string {
  return `${String(config['apiBaseUrl'] ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}${path}`;
}

function withoutSecrets(text: string, config: ConnectorConfig): string {
  let clean = text;
  for (const key of ['apiSecret', 'signatureSecret']) {
    const secret = config[key];
    if (typeof secret === 'string' && secret.length > 0) clean = clean.split(secret).join('••••');
  }
  return clean.slice(0, 300);
}

/** Maps a non-zero `status` of one message in a 200 answer (see README: "How Vonage's answers map"). */
export function vonageStatusError(status: string, errorText: string | undefined, config: ConnectorConfig): ConnectorError {
  const [kind, words] = STATUS[status] ?? ['permanent', 'Vonage refused the message'];
  const detail = errorText ? ` (${withoutSecrets(errorText, config)})` : '';
  const options = { providerCode: status };
  if (kind === 'rate-limited') return new RateLimitedError(`${words}; the message will be tried again in ${THROTTLE_SECONDS} second.`, THROTTLE_SECONDS, options);
  if (kind === 'retryable') return new RetryableError(`${words}${detail}; the message will be tried again.`, options);
  if (kind === 'bad-config') return new BadConfigError(`${words}${detail}.`, options);
  return new PermanentError(`${words}${detail}.`, options);
}

/** Maps an HTTP answer other than 200. */
export function vonageHttpError(answer: ProviderAnswer): ConnectorError {
  const providerCode = String(answer.status);
  if (answer.status === 401) return new BadConfigError('Vonage refused the API key or API secret.', { providerCode });
  if (answer.status === 429) {
    const seconds = retryAfterSeconds(answer.retryAfter, THROTTLE_SECONDS);
    return new RateLimitedError(`Vonage asked to slow down; the message will be tried again in ${seconds} seconds.`, seconds, { providerCode });
  }
  if (answer.status >= 500 || answer.status === 408) return new RetryableError(`Vonage is unavailable right now (HTTP ${answer.status}); the message will be tried again.`, { providerCode });
  if (answer.status === 404) return new BadConfigError('The API address does not point at the Vonage SMS API. Check the API address setting.', { providerCode });
  return new PermanentError(`Vonage refused the request (HTTP ${answer.status}).`, { providerCode });
}

/** GSM 03.38: the basic alphabet and its extension table. Anything else goes out as `type=unicode`. */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€',
);

export function isGsm7(text: string): boolean {
  for (const character of text) if (!GSM7.has(character)) return false;
  return true;
}

function form(message: { to: string; body: string }, config: ConnectorConfig, context: SendContext): URLSearchParams {
  const params = new URLSearchParams({
    api_key: String(config['apiKey'] ?? ''),
    api_secret: String(config['apiSecret'] ?? ''),
    from: String(config['from'] ?? '').replace(/^\+/, ''),
    to: message.to.slice(1),
    text: message.body,
    'client-ref': context.idempotencyKey.slice(0, CLIENT_REF_MAX),
  });
  if (!isGsm7(message.body)) params.set('type', 'unicode');
  // Receipts are only asked for where they can be checked: a signature secret is needed to trust them.
  if (context.publicUrl && config['signatureSecret']) params.set('callback', `${context.publicUrl.replace(/\/+$/, '')}${STATUS_WEBHOOK_PATH}`);
  return params;
}

async function send(message: OutboundMessage, config: ConnectorConfig, context: SendContext): Promise<SendResult> {
  if (message.channel !== 'sms') throw new PermanentError('Vonage SMS sends text messages only; this message is an email.');
  if (!E164.test(message.to)) throw new PermanentError('The recipient is not a phone number in international format (such as +14155550123).');
  if (message.body.trim() === '') throw new PermanentError('The text message is empty.');
  const init = { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(message, config, context) };
  const answer = await callProvider('Vonage', endpoint(config, '/sms/json'), init, context);
  if (answer.status !== 200) {
    const error = vonageHttpError(answer);
    context.log(`vonage: refused with HTTP ${answer.status} (${error.kind})`);
    throw error;
  }
  const parts = Array.isArray(answer.body?.['messages']) ? (answer.body['messages'] as Record<string, unknown>[]) : [];
  const refused = parts.find((part) => String(part?.['status']) !== '0');
  if (refused) {
    const error = vonageStatusError(String(refused['status']), typeof refused['error-text'] === 'string' ? refused['error-text'] : undefined, config);
    context.log(`vonage: refused with status ${error.providerCode} (${error.kind})`);
    throw error;
  }
  const messageId = parts[0]?.['message-id'];
  if (typeof messageId !== 'string' || messageId === '') {
    context.log('vonage: HTTP 200 without a message-id');
    throw new RetryableError('Vonage answered without a message ID; the message will be tried again.', { providerCode: '200' });
  }
  context.log(`vonage: accepted as ${messageId} in ${parts.length} part(s)`);
  return { providerMessageId: messageId };
}

async function verify(config: ConnectorConfig, context: Omit<SendContext, 'idempotencyKey' | 'mailbox'>): Promise<VerifyResult> {
  // Basic authentication (documented for the Account API) keeps the secret out of the URL.
  const credentials = Buffer.from(`${config['apiKey'] ?? ''}:${config['apiSecret'] ?? ''}`).toString('base64');
  try {
    const answer = await callProvider('Vonage', endpoint(config, '/account/get-balance'), { method: 'GET', headers: { Accept: 'application/json', Authorization: `Basic ${credentials}` } }, context);
    if (answer.status !== 200) return { ok: false, message: vonageHttpError(answer).message };
    const balance = answer.body?.['value'];
    if (typeof balance !== 'number') return { ok: false, message: 'Vonage answered with something other than an account balance. Check the API address setting.' };
    if (balance <= 0) return { ok: false, message: `The Vonage account has no credit left (balance ${balance.toFixed(2)} EUR); top it up before sending.` };
    return { ok: true, message: `Connected to Vonage; the account balance is ${balance.toFixed(2)} EUR.` };
  } catch (error) {
    return { ok: false, message: error instanceof ConnectorError ? error.message : 'Vonage could not be checked.' };
  }
}

export const vonageConnector: Connector = {
  manifest: vonageManifest,
  send,
  verify,
  parseStatusWebhook: async (request, config) => parseVonageReceipt(request, config),
};
