import { createHash, timingSafeEqual } from 'node:crypto';
import { ConnectorConfig, InvalidSignatureError, StatusUpdate, WebhookRequest } from '@fieldbook/plugin-sdk';

/**
 * Bounce types that are notices about a message rather than a failure to deliver it (a delay that
 * Postmark keeps retrying, an out-of-office reply, …): they change nothing in the notification log.
 */
const NOT_A_FAILURE = new Set(['Transient', 'AutoResponder', 'AddressChange', 'Subscribe', 'ChallengeVerification']);

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Postmark does not sign webhooks; it authenticates them with the HTTP basic credentials the tenant
 * puts in the webhook URL. Both are compared in constant time (as digests, so lengths do not leak).
 */
function checkCredentials(request: WebhookRequest, config: ConnectorConfig): void {
  const username = config['webhookUsername'];
  const password = config['webhookPassword'];
  if (typeof username !== 'string' || !username || typeof password !== 'string' || !password) {
    throw new InvalidSignatureError('Postmark webhooks are refused until a webhook user name and password are set in the connector settings.');
  }
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers['authorization'] ?? '');
  if (!match) throw new InvalidSignatureError('The Postmark webhook came without the user name and password of the webhook URL.');
  const given = Buffer.from(match[1], 'base64').toString('utf8');
  if (!timingSafeEqual(digest(given), digest(`${username}:${password}`))) {
    throw new InvalidSignatureError('The Postmark webhook came with a wrong user name or password.');
  }
}

function text(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Delivery → delivered; Bounce → failed with Postmark's description; other record types → nothing. */
export function parsePostmarkWebhook(request: WebhookRequest, config: ConnectorConfig): StatusUpdate[] {
  checkCredentials(request, config);
  let record: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(request.rawBody);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    record = value as Record<string, unknown>;
  } catch {
    return [];
  }
  const providerMessageId = text(record, 'MessageID');
  if (!providerMessageId) return [];
  if (record['RecordType'] === 'Delivery') return [{ providerMessageId, state: 'delivered' }];
  if (record['RecordType'] !== 'Bounce' || NOT_A_FAILURE.has(String(record['Type']))) return [];
  const name = text(record, 'Name');
  const description = text(record, 'Description') ?? 'The message bounced.';
  return [{ providerMessageId, state: 'failed', reason: (name ? `${name}: ${description}` : description).slice(0, 500) }];
}
