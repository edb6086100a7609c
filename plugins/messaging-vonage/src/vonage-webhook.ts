import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConnectorConfig, DeliveryState, InvalidSignatureError, StatusUpdate, WebhookRequest } from '@fieldbook/plugin-sdk';

/** Delivery receipt `status` values and what they mean for the notification log; others change nothing. */
const STATES: Record<string, DeliveryState> = {
  accepted: 'sent',
  buffered: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  rejected: 'failed',
  expired: 'failed',
};

/** Delivery receipt `err-code` values, for the reason shown on a failed notification. */
const ERRORS: Record<string, string> = {
  '1': 'unknown error',
  '2': 'the phone was temporarily unreachable',
  '3': 'the phone number is not in service',
  '4': 'the recipient blocks these messages',
  '5': 'the number was moved to another network',
  '6': 'rejected as spam by the network',
  '7': 'the phone was busy',
  '8': 'network error',
  '9': 'the number is not valid',
  '10': 'the network refused the message',
  '11': 'the number cannot be reached by any route',
  '12': 'the destination cannot be reached',
  '13': 'the recipient is under an age restriction',
  '14': 'the carrier blocks this number',
  '15': 'the prepaid account of the recipient has no funds',
  '16': 'a gateway quota was exceeded',
  '50': 'refused by an entity filter',
  '51': 'refused by a sender header filter',
  '52': 'refused by a content filter',
  '53': 'refused because the recipient did not consent',
  '54': 'refused by regulation',
  '99': 'general error',
};

/**
 * The receipt's parameters: the query string of a GET receipt, or the form or JSON body of a POST one
 * (Vonage sends whichever the dashboard asks for).
 */
function receiptParams(request: WebhookRequest): Record<string, string> {
  const body = request.rawBody.trim();
  if (!body) return Object.fromEntries(new URL(request.url, 'http://receipt.invalid').searchParams);
  if (!(request.headers['content-type'] ?? '').includes('json') && !body.startsWith('{')) return Object.fromEntries(new URLSearchParams(body));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidSignatureError('The Vonage delivery receipt could not be read, so its signature cannot be checked.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidSignatureError('The Vonage delivery receipt could not be read, so its signature cannot be checked.');
  const params: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (['string', 'number', 'boolean'].includes(typeof field)) params[key] = String(field);
  }
  return params;
}

/**
 * Vonage's signed-callback scheme with the "SHA-256 HMAC" method: every parameter but `sig`, sorted by
 * name, written as `&name=value` with `&` and `=` in values replaced by `_`, HMAC-SHA256 with the
 * signature secret, hex.
 */
export function vonageSignature(params: Record<string, string>, secret: string): string {
  const signed = Object.keys(params)
    .filter((key) => key !== 'sig')
    .sort()
    .map((key) => `&${key}=${params[key].replace(/[&=]/g, '_')}`)
    .join('');
  return createHmac('sha256', secret).update(signed, 'utf8').digest('hex');
}

function checkSignature(params: Record<string, string>, config: ConnectorConfig): void {
  const secret = config['signatureSecret'];
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidSignatureError('Vonage delivery receipts are refused until a signature secret is set in the connector settings; unsigned status updates are never trusted.');
  }
  const given = (params['sig'] ?? '').toLowerCase();
  const expected = vonageSignature(params, secret);
  if (!given) throw new InvalidSignatureError('The Vonage delivery receipt is not signed. Ask Vonage to sign webhooks for this account.');
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    throw new InvalidSignatureError('The signature of the Vonage delivery receipt does not match the signature secret (which must use SHA-256 HMAC).');
  }
  const apiKey = params['api-key'];
  if (apiKey !== undefined && apiKey !== config['apiKey']) throw new InvalidSignatureError('The Vonage delivery receipt belongs to another Vonage account.');
}

export function parseVonageReceipt(request: WebhookRequest, config: ConnectorConfig): StatusUpdate[] {
  const params = receiptParams(request);
  checkSignature(params, config);
  const providerMessageId = params['messageId'];
  const state = STATES[params['status'] ?? ''];
  if (!providerMessageId || !state) return [];
  if (state !== 'failed') return [{ providerMessageId, state }];
  const code = params['err-code'];
  const why = code && ERRORS[code] ? `: ${ERRORS[code]}` : code && code !== '0' ? `: error code ${code}` : '';
  return [{ providerMessageId, state, reason: `Vonage reports the message ${params['status']}${why}`.slice(0, 500) }];
}
