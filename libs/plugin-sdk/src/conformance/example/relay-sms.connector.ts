import { createHmac, timingSafeEqual } from 'node:crypto';
import { Connector, ConnectorConfig, DeliveryState, SendContext, StatusUpdate, WebhookRequest } from '../../connector';
import { BadConfigError, InvalidSignatureError, PermanentError, RateLimitedError, RetryableError } from '../../errors';

/**
 * An example SMS connector for "Relay", a small HTTP JSON API: `POST {baseUrl}/messages` with a
 * bearer API key and an `Idempotency-Key` header, `GET {baseUrl}/account` to check the key, and
 * status webhooks signed with `X-Relay-Signature: sha256=<hex HMAC-SHA256 of the body with the
 * API key>`. The kit's own tests run it against a local fake of that API.
 */

const NAME = 'Relay';

/** Relay's delivery states and ours. States not listed (e.g. `queued`) are ignored. */
const STATES: Record<string, DeliveryState> = { sent: 'sent', delivered: 'delivered', undelivered: 'failed', failed: 'failed' };

type Context = Pick<SendContext, 'signal' | 'timeoutMs'>;

function endpoint(config: ConnectorConfig, path: string): string {
  return `${String(config['baseUrl']).replace(/\/+$/, '')}/${path}`;
}

async function call(config: ConnectorConfig, path: string, init: RequestInit, context: Context): Promise<Response> {
  const timeout = AbortSignal.timeout(context.timeoutMs);
  try {
    return await fetch(endpoint(config, path), {
      ...init,
      headers: { authorization: `Bearer ${String(config['apiKey'])}`, accept: 'application/json', ...init.headers },
      signal: AbortSignal.any([context.signal, timeout]),
    });
  } catch (error) {
    if (context.signal.aborted) throw new RetryableError(`Sending was stopped before ${NAME} answered.`, { cause: error });
    if (timeout.aborted) throw new RetryableError(`${NAME} did not answer within ${context.timeoutMs} ms.`, { cause: error });
    throw new RetryableError(`${NAME} could not be reached at the configured base URL.`, { cause: error });
  }
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch (error) {
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw new RetryableError(`${NAME} stopped answering mid-response.`, { cause: error });
    return {};
  }
}

/** Relay's answer as the error class the platform acts on. */
async function failure(response: Response): Promise<Error> {
  const body = await readJson(response);
  const error = (typeof body['error'] === 'object' && body['error'] !== null ? body['error'] : {}) as { code?: unknown; message?: unknown };
  const code = typeof error.code === 'string' ? error.code : String(response.status);
  const reason = typeof error.message === 'string' ? ` (${error.message.slice(0, 200)})` : '';
  if (response.status === 401 || response.status === 403) return new BadConfigError(`${NAME} refused the API key.`, { providerCode: code });
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return new RateLimitedError(`${NAME} is limiting how fast messages are sent.`, Number.isFinite(seconds) && seconds > 0 ? seconds : 60, { providerCode: code });
  }
  if (response.status >= 500) return new RetryableError(`${NAME} had a problem on its side (HTTP ${response.status}).`, { providerCode: code });
  return new PermanentError(`${NAME} refused the message${reason}.`, { providerCode: code });
}

function signature(rawBody: string, apiKey: string): Buffer {
  return createHmac('sha256', apiKey).update(rawBody).digest();
}

export const relaySmsConnector: Connector = {
  manifest: {
    id: 'relay-sms',
    displayName: 'Relay SMS (example)',
    channel: 'sms',
    version: '1.0.0',
    description: 'Example connector for the conformance kit.',
    configSchema: [
      { key: 'baseUrl', type: 'url', label: 'API base URL', required: true, help: 'For example https://api.relay.example/v1.' },
      { key: 'apiKey', type: 'secret', label: 'API key', required: true, maxLength: 200 },
      { key: 'sender', type: 'string', label: 'Sender', required: true, help: 'The number or name messages come from.', pattern: { source: '^(\\+[1-9][0-9]{6,14}|[A-Za-z0-9 ]{1,11})$', message: 'Sender must be an E.164 number or up to 11 letters and digits.' } },
    ],
    capabilities: { providerIdempotency: true, statusWebhooks: true },
  },

  async send(message, config, context) {
    if (message.channel !== 'sms') throw new PermanentError('This connector sends SMS only.');
    const response = await call(
      config,
      'messages',
      { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': context.idempotencyKey }, body: JSON.stringify({ from: config['sender'], to: message.to, text: message.body }) },
      context,
    );
    if (!response.ok) throw await failure(response);
    const id = (await readJson(response))['id'];
    if (typeof id !== 'string' || id === '') throw new RetryableError(`${NAME} accepted the message but returned no message id.`);
    context.log(`${NAME} accepted message ${id}`);
    return { providerMessageId: id };
  },

  async verify(config, context) {
    let response: Response;
    try {
      response = await call(config, 'account', { method: 'GET' }, context);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : `${NAME} could not be reached.` };
    }
    if (response.ok) return { ok: true };
    const error = await failure(response);
    return { ok: false, message: error.message };
  },

  async parseStatusWebhook(request: WebhookRequest, config: ConnectorConfig): Promise<StatusUpdate[]> {
    const header = request.headers['x-relay-signature'] ?? '';
    const given = Buffer.from(header.replace(/^sha256=/, ''), 'hex');
    const expected = signature(request.rawBody, String(config['apiKey']));
    if (!header.startsWith('sha256=') || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidSignatureError();
    const body = JSON.parse(request.rawBody) as { messageId?: unknown; status?: unknown; reason?: unknown };
    const state = typeof body.status === 'string' ? STATES[body.status] : undefined;
    if (typeof body.messageId !== 'string' || !state) return [];
    return [{ providerMessageId: body.messageId, state, ...(typeof body.reason === 'string' ? { reason: body.reason } : {}) }];
  },
};

/** The signature Relay puts in `X-Relay-Signature`, for the fake. */
export function relaySignature(rawBody: string, apiKey: string): string {
  return `sha256=${signature(rawBody, apiKey).toString('hex')}`;
}
