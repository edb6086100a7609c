import {
  BadConfigError,
  callProvider,
  Connector,
  ConnectorConfig,
  ConnectorError,
  ConnectorManifest,
  EmailMessage,
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
import { parsePostmarkWebhook } from './postmark-webhook';

/** Postmark has no idempotency of its own; the key travels in this header so a duplicate can be traced. */
export const IDEMPOTENCY_HEADER = 'X-Fieldbook-Idempotency-Key';
const DEFAULT_BASE_URL = 'https://api.postmarkapp.com';
/** Postmark documents no wait for HTTP 429; a minute is gentle on the server's sending limits. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

export const postmarkManifest: ConnectorManifest = {
  id: 'postmark',
  displayName: 'Postmark',
  channel: 'email',
  version: '0.1.0',
  description: 'Sends email through the Postmark API; delivery and bounce webhooks update the notification log.',
  configSchema: [
    { key: 'serverToken', type: 'secret', label: 'Server API token', help: 'In Postmark: your server → API Tokens.', required: true, maxLength: 200 },
    {
      key: 'fromAddress',
      type: 'email',
      label: 'Sender address',
      help: 'Must be a confirmed sender signature, or an address on a verified domain, in your Postmark account.',
      required: true,
      maxLength: 254,
    },
    { key: 'fromName', type: 'string', label: 'Sender name', help: 'Shown as the sender; when empty, your company name is used.', required: false, maxLength: 100 },
    {
      key: 'messageStream',
      type: 'string',
      label: 'Message stream',
      help: 'The ID of a transactional stream of the server; "outbound" is the default stream.',
      required: false,
      default: 'outbound',
      maxLength: 100,
      pattern: { source: '^[A-Za-z0-9_-]+$', message: 'Message stream must be a stream ID such as outbound (letters, digits, dashes, underscores).' },
    },
    {
      key: 'webhookUsername',
      type: 'string',
      label: 'Webhook user name',
      help: 'Put this user name and the password below into the delivery and bounce webhook URL in Postmark (https://name:password@…). Webhooks without them are refused.',
      required: false,
      maxLength: 100,
    },
    { key: 'webhookPassword', type: 'secret', label: 'Webhook password', help: 'A long random password for the webhook URL.', required: false, maxLength: 200 },
    {
      key: 'apiBaseUrl',
      type: 'url',
      label: 'API address',
      help: 'Leave as it is; only for testing against a local stand-in for Postmark.',
      required: false,
      default: DEFAULT_BASE_URL,
    },
  ],
  capabilities: { html: true, attachments: true, providerIdempotency: false, statusWebhooks: true },
};

function endpoint(config: ConnectorConfig, path: string): string {
  return `${String(config['apiBaseUrl'] ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}${path}`;
}

function headers(config: ConnectorConfig): Record<string, string> {
  return { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Postmark-Server-Token': String(config['serverToken'] ?? '') };
}

/** Postmark needs a display name with punctuation quoted: "Smith, Jones & Co" <a@b.c>. */
function sender(address: string, name: string | undefined): string {
  if (!name) return address;
  return `"${name.replace(/[\\"]/g, (character) => `\\${character}`)}" <${address}>`;
}

function emailBody(message: EmailMessage, config: ConnectorConfig, idempotencyKey: string): Record<string, unknown> {
  const fromName = (config['fromName'] as string | undefined) || message.fromName;
  return {
    From: sender(String(config['fromAddress']), fromName),
    To: message.to,
    ReplyTo: message.replyTo,
    Subject: message.subject,
    HtmlBody: message.html,
    TextBody: message.text,
    MessageStream: config['messageStream'] ?? 'outbound',
    Headers: [{ Name: IDEMPOTENCY_HEADER, Value: idempotencyKey }],
    Attachments: message.attachments?.map((file) => ({ Name: file.filename, Content: file.content, ContentType: file.contentType })),
  };
}

/** Postmark's own words, with any secret of the config taken out, for the tenant. */
function providerWords(answer: ProviderAnswer, config: ConnectorConfig): string {
  let text = typeof answer.body?.['Message'] === 'string' ? answer.body['Message'] : `HTTP ${answer.status}`;
  for (const key of ['serverToken', 'webhookPassword']) {
    const secret = config[key];
    if (typeof secret === 'string' && secret.length > 0) text = text.split(secret).join('••••');
  }
  return text.slice(0, 300);
}

/** Maps a refusal to the error the platform acts on (see README: "How Postmark's answers map"). */
export function postmarkError(answer: ProviderAnswer, config: ConnectorConfig): ConnectorError {
  const { status } = answer;
  const code = typeof answer.body?.['ErrorCode'] === 'number' ? answer.body['ErrorCode'] : undefined;
  const providerCode = code === undefined ? String(status) : String(code);
  const words = providerWords(answer, config);
  if (status === 401 || code === 10) return new BadConfigError('Postmark refused the server API token. Check the token in the connector settings.', { providerCode });
  if (status === 429 || code === 429) {
    const seconds = retryAfterSeconds(answer.retryAfter, DEFAULT_RETRY_AFTER_SECONDS);
    return new RateLimitedError(`Postmark asked to slow down; the message will be tried again in ${seconds} seconds.`, seconds, { providerCode });
  }
  if (status >= 500 || code === 100) return new RetryableError(`Postmark is unavailable right now (${words}); the message will be tried again.`, { providerCode });
  if (code === 400 || code === 401) {
    return new BadConfigError(`The sender address is not a confirmed sender signature in Postmark (${words}). Confirm it in Postmark or change the sender address.`, { providerCode });
  }
  if (code === 405 || code === 412 || code === 413) return new BadConfigError(`Postmark does not let this account send right now: ${words}`, { providerCode });
  if (code === 406) {
    return new PermanentError(`Postmark will not send to this recipient because the address bounced or marked earlier mail as spam: ${words}`, { providerCode });
  }
  if (status === 404) return new BadConfigError('The API address does not point at the Postmark API. Check the API address setting.', { providerCode });
  if (status === 408) return new RetryableError('Postmark took too long to read the request; the message will be tried again.', { providerCode });
  return new PermanentError(`Postmark refused the message: ${words}`, { providerCode });
}

async function send(message: OutboundMessage, config: ConnectorConfig, context: SendContext): Promise<SendResult> {
  if (message.channel !== 'email') throw new PermanentError('Postmark sends email only; this message is an SMS.');
  const body = JSON.stringify(emailBody(message, config, context.idempotencyKey));
  const answer = await callProvider('Postmark', endpoint(config, '/email'), { method: 'POST', headers: headers(config), body }, context);
  const messageId = answer.body?.['MessageID'];
  if (answer.status >= 200 && answer.status < 300) {
    if (typeof messageId !== 'string' || messageId === '') {
      context.log(`postmark: HTTP ${answer.status} without a MessageID`);
      throw new RetryableError('Postmark answered without a message ID; the message will be tried again.', { providerCode: String(answer.status) });
    }
    context.log(`postmark: accepted as ${messageId}`);
    return { providerMessageId: messageId };
  }
  const error = postmarkError(answer, config);
  context.log(`postmark: refused with HTTP ${answer.status}, code ${error.providerCode} (${error.kind})`);
  throw error;
}

async function verify(config: ConnectorConfig, context: Omit<SendContext, 'idempotencyKey' | 'mailbox'>): Promise<VerifyResult> {
  try {
    const answer = await callProvider('Postmark', endpoint(config, '/server'), { method: 'GET', headers: headers(config) }, context);
    if (answer.status === 200) {
      const name = typeof answer.body?.['Name'] === 'string' ? ` "${answer.body['Name']}"` : '';
      return { ok: true, message: `Connected to the Postmark server${name}.` };
    }
    return { ok: false, message: postmarkError(answer, config).message };
  } catch (error) {
    return { ok: false, message: error instanceof ConnectorError ? error.message : 'Postmark could not be checked.' };
  }
}

export const postmarkConnector: Connector = {
  manifest: postmarkManifest,
  send,
  verify,
  parseStatusWebhook: async (request, config) => parsePostmarkWebhook(request, config),
};
