import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ConnectorConfig, DeliveryState, WebhookRequest } from '@fieldbook/plugin-sdk';
import { DeliveredMessage, FakeScenario, LocalHttpProvider, ProviderFake } from '@fieldbook/plugin-sdk/conformance';

/** The kit's scenarios, and a few more for this connector's own specs. */
export type FakeBehaviour = FakeScenario | 'http-503' | 'accept-without-id' | 'out-of-credit';

/** A request as it arrived at the fake, for specs that check what the connector really sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  form: Record<string, string>;
}

/** How a delivery receipt reaches the platform; Vonage sends whichever the dashboard asks for. */
export type ReceiptMethod = 'GET' | 'POST' | 'POST-JSON';

export const API_KEY = 'a1b2c3d4';
export const API_SECRET = 'vonage-api-secret-7Hq2';
export const SIGNATURE_SECRET = 'vonage-signature-secret-Xk93pLm2';
export const SENDERS = ['FieldbookHQ', '14155550100'];

/**
 * A local stand-in for the Vonage SMS API on node:http: POST /sms/json answering HTTP 200 with a
 * per-message `status` the way Vonage does, GET /account/get-balance with basic authentication,
 * and delivery receipts signed with the "SHA-256 HMAC" method.
 */
export class FakeVonage implements ProviderFake {
  readonly requests: RecordedRequest[] = [];
  /** The message-id of every part, per accepted request, oldest first. */
  readonly messageIds: string[][] = [];
  private readonly accepted: { to: string; text: string; messageId: string; from: string }[] = [];
  private readonly http = new LocalHttpProvider((request, response) => this.handle(request, response));
  private scenario: FakeBehaviour = 'accept';

  start(): Promise<void> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  config(): ConnectorConfig {
    return { apiKey: API_KEY, apiSecret: API_SECRET, from: 'FieldbookHQ', signatureSecret: SIGNATURE_SECRET, apiBaseUrl: this.http.url };
  }

  badCredentialsConfig(): ConnectorConfig {
    return { ...this.config(), apiSecret: 'vonage-wrong-secret-0000' };
  }

  unreachableConfig(): ConnectorConfig {
    return { ...this.config(), apiBaseUrl: this.http.unreachableUrl };
  }

  behave(scenario: FakeBehaviour): void {
    this.scenario = scenario;
  }

  delivered(): DeliveredMessage[] {
    return this.accepted.map(({ to, text }) => ({ to: `+${to}`, text }));
  }

  /** A signed delivery receipt; 'sent' is Vonage's "accepted", 'failed' a failure with err-code 3. */
  statusWebhook(providerMessageId: string, state: DeliveryState, config: ConnectorConfig, method: ReceiptMethod = 'POST-JSON'): WebhookRequest {
    const message = this.accepted.find((entry) => entry.messageId === providerMessageId);
    const params: Record<string, string> = {
      msisdn: message?.to ?? '14155550123',
      to: message?.from ?? 'FieldbookHQ',
      'network-code': '310260',
      messageId: providerMessageId,
      price: '0.00780000',
      status: { sent: 'accepted', delivered: 'delivered', failed: 'failed' }[state],
      scts: '2405141003',
      'err-code': state === 'failed' ? '3' : '0',
      'api-key': String(config['apiKey']),
      'client-ref': 'notification-42',
      'message-timestamp': '2024-05-14 10:03:11',
      timestamp: String(Math.floor(Date.now() / 1000)),
      nonce: randomUUID(),
    };
    return this.receipt(params, config, method);
  }

  /** Any receipt parameters, signed with `config`'s signature secret and sent the way `method` says. */
  receipt(fields: Record<string, string>, config: ConnectorConfig, method: ReceiptMethod = 'POST-JSON'): WebhookRequest {
    const params = { ...fields, sig: sign(fields, String(config['signatureSecret'] ?? '')) };
    const url = 'https://fieldbook.example.com/api/webhooks/vonage';
    if (method === 'GET') return { url: `${url}?${new URLSearchParams(params)}`, method: 'GET', headers: {}, rawBody: '' };
    if (method === 'POST') return { url, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: new URLSearchParams(params).toString() };
    return { url, method: 'POST', headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(params) };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const form = String(request.headers['content-type']).startsWith('application/json') ? (JSON.parse(rawBody || '{}') as Record<string, string>) : Object.fromEntries(new URLSearchParams(rawBody));
    this.requests.push({ method: request.method ?? '', path: url.pathname + url.search, headers: request.headers, rawBody, form });
    if (this.scenario === 'hang') {
      this.http.hold(response);
      return;
    }
    if (this.scenario === 'http-503') return answer(response, 503, { error: 'Service Unavailable' });
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /account/get-balance') return this.balance(request, response);
    if (route === 'POST /sms/json') return this.sms(form, response);
    answer(response, 404, { type: 'https://developer.vonage.com/api-errors#not-found', title: 'Not Found' });
  }

  private balance(request: IncomingMessage, response: ServerResponse): void {
    const expected = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
    if (this.scenario === 'reject-auth' || request.headers['authorization'] !== expected) {
      return answer(response, 401, { type: 'https://developer.vonage.com/api-errors#unauthorized', title: 'Unauthorized' });
    }
    answer(response, 200, { value: this.scenario === 'out-of-credit' ? 0 : 12.5, autoReload: false });
  }

  /** Vonage answers 200 and puts the outcome of each message part in `messages[].status`. */
  private sms(form: Record<string, string>, response: ServerResponse): void {
    const refuse = (status: string, errorText: string) => answer(response, 200, { 'message-count': '1', messages: [{ status, 'error-text': errorText }] });
    if (!form['api_key'] || !form['api_secret'] || !form['from'] || !form['to'] || !form['text']) return refuse('2', 'Missing Parameters');
    if (this.scenario === 'reject-auth' || form['api_key'] !== API_KEY || form['api_secret'] !== API_SECRET) return refuse('4', 'Bad Credentials');
    if (this.scenario === 'rate-limit') return refuse('1', 'Throughput Rate Exceeded - please wait [ 1 ] and retry');
    if (this.scenario === 'server-error') return refuse('5', 'Internal Error');
    if (this.scenario === 'out-of-credit') return refuse('9', 'Partner quota exceeded');
    if (!SENDERS.includes(form['from'])) return refuse('15', 'Illegal Sender Address - rejected');
    if (!/^[1-9]\d{6,14}$/.test(form['to'])) return refuse('3', 'Invalid to address');
    if (this.scenario === 'reject-recipient') return refuse('6', 'Unroutable message - rejected');
    if (this.scenario === 'accept-without-id') return answer(response, 200, { 'message-count': '1', messages: [{ to: form['to'], status: '0' }] });
    const single = form['type'] === 'unicode' ? 70 : 160;
    const perPart = form['type'] === 'unicode' ? 67 : 153;
    const count = form['text'].length <= single ? 1 : Math.ceil(form['text'].length / perPart);
    const messages = Array.from({ length: count }, () => ({
      to: form['to'],
      'message-id': randomBytes(8).toString('hex').toUpperCase(),
      status: '0',
      'remaining-balance': '12.49220000',
      'message-price': '0.00780000',
      network: '310260',
    }));
    this.accepted.push({ to: form['to'], text: form['text'], messageId: messages[0]['message-id'], from: form['from'] });
    this.messageIds.push(messages.map((part) => part['message-id']));
    answer(response, 200, { 'message-count': String(count), messages });
  }
}

/**
 * Vonage's "SHA-256 HMAC" signature as its documentation describes it, written apart from the
 * connector's so that a mistake in one is not repeated in the other: for each parameter in name
 * order, "&name=value" with "&" and "=" in the value turned into "_"; HMAC-SHA256; upper-case hex.
 */
function sign(params: Record<string, string>, secret: string): string {
  const hmac = createHmac('sha256', secret);
  for (const name of Object.keys(params).sort()) hmac.update(`&${name}=${params[name].replaceAll('&', '_').replaceAll('=', '_')}`);
  return hmac.digest('hex').toUpperCase();
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
