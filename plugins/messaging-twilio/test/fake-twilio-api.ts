import { ConnectorConfig, DeliveryState, WebhookRequest } from '@fieldbook/plugin-sdk';
import { type FakeScenario, LocalHttpProvider, type ProviderFake } from '@fieldbook/plugin-sdk/conformance';
import { createHmac, randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

/** An answer the test chooses itself, for Twilio errors the standard scenarios do not cover. */
export interface CustomAnswer {
  status: number;
  /** Without a code the fake answers with an HTML page, as a gateway in front of Twilio would. */
  code?: number;
  message: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case names, as Node received them. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Where the platform receives Twilio's status callbacks, as the fake signs them. */
export const WEBHOOK_URL = 'https://fieldbook.example/api/webhooks/messaging/twilio';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * A local stand-in for Twilio's REST API (2010-04-01): creates messages and fetches the account,
 * with HTTP basic auth, form bodies and Twilio's JSON error shape. It records every raw request.
 */
export class FakeTwilioApi implements ProviderFake {
  readonly accountSid = `AC${hex(16)}`;
  readonly authToken = hex(16);
  readonly from = '+15005550006';
  /** The account status the account resource reports. */
  accountStatus = 'active';
  private readonly requestsSeen: RecordedRequest[] = [];
  private readonly accepted: { sid: string; to: string; text: string }[] = [];
  private scenario: FakeScenario | CustomAnswer = 'accept';
  private readonly http = new LocalHttpProvider((request, response) => this.handle(request, response));
  private readonly arrivals: ((request: RecordedRequest) => void)[] = [];

  start(): Promise<void> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  config(): ConnectorConfig {
    return { accountSid: this.accountSid, authToken: this.authToken, from: this.from, statusCallback: true, apiBaseUrl: this.http.url };
  }

  badCredentialsConfig(): ConnectorConfig {
    return { ...this.config(), authToken: hex(16) };
  }

  unreachableConfig(): ConnectorConfig {
    return { ...this.config(), apiBaseUrl: this.http.unreachableUrl };
  }

  behave(scenario: FakeScenario | CustomAnswer): void {
    this.scenario = scenario;
  }

  delivered(): { to: string; text: string }[] {
    return this.accepted.map(({ to, text }) => ({ to, text }));
  }

  /** Every request the fake received, oldest first. */
  requests(): RecordedRequest[] {
    return [...this.requestsSeen];
  }

  /** Resolves when the next request has arrived (before it is answered). */
  nextRequest(): Promise<RecordedRequest> {
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  /** A status callback as Twilio posts it, signed with `config`'s auth token. */
  statusWebhook(providerMessageId: string, state: DeliveryState, config: ConnectorConfig): WebhookRequest {
    const status = { sent: 'sent', delivered: 'delivered', failed: 'undelivered' }[state];
    const params: Record<string, string> = {
      ApiVersion: '2010-04-01',
      AccountSid: String(config.accountSid),
      MessageSid: providerMessageId,
      SmsSid: providerMessageId,
      MessageStatus: status,
      SmsStatus: status,
      From: String(config.from),
      To: '+14155550123',
      ...(state === 'failed' ? { ErrorCode: '30003' } : {}),
    };
    return {
      url: WEBHOOK_URL,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(String(config.authToken), WEBHOOK_URL, params),
        'i-twilio-idempotency-token': hex(16),
      },
      rawBody: new URLSearchParams(params).toString(),
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += chunk;
    const recorded: RecordedRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
    this.requestsSeen.push(recorded);
    this.arrivals.splice(0).forEach((notify) => notify(recorded));
    const answer = (status: number, json: object, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(json));
    };
    const error = (status: number, code: number, message: string, headers?: Record<string, string>) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);

    const route = /^\/2010-04-01\/Accounts\/([^/]+?)(\/Messages)?\.json$/.exec(recorded.path);
    if (!route) return error(404, 20404, 'The requested resource was not found');
    const scenario = this.scenario;
    if (scenario === 'hang') return this.http.hold(response);
    if (scenario === 'reject-auth' || !this.authorised(request.headers.authorization, route[1])) return error(401, 20003, 'Authenticate');
    if (scenario === 'rate-limit') return error(429, 20429, 'Too Many Requests', { 'retry-after': '7' });
    if (scenario === 'server-error') return answer(500, { code: 20500, message: 'Internal Server Error', status: 500 });
    if (typeof scenario === 'object') {
      if (scenario.code !== undefined) return error(scenario.status, scenario.code, scenario.message, scenario.headers);
      response.writeHead(scenario.status, { 'content-type': 'text/html', ...scenario.headers });
      return void response.end(`<html><body><h1>${scenario.message}</h1></body></html>`);
    }
    if (!route[2] && request.method === 'GET') return answer(200, this.account());
    if (!route[2] || request.method !== 'POST') return error(405, 20004, 'Method not allowed');

    const form = new URLSearchParams(body);
    const to = form.get('To') ?? '';
    if (!form.get('From') && !form.get('MessagingServiceSid')) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
    if (!form.get('Body')) return error(400, 21602, 'Message body is required.');
    if (scenario === 'reject-recipient' || !E164.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const sid = `SM${hex(16)}`;
    this.accepted.push({ sid, to, text: form.get('Body') ?? '' });
    answer(201, this.message(sid, form));
  }

  private authorised(header: string | undefined, pathSid: string): boolean {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    return header === expected && pathSid === this.accountSid;
  }

  private account(): object {
    const now = new Date().toUTCString();
    return { sid: this.accountSid, friendly_name: 'Fieldbook test account', status: this.accountStatus, type: 'Full', date_created: now, date_updated: now, uri: `/2010-04-01/Accounts/${this.accountSid}.json` };
  }

  private message(sid: string, form: URLSearchParams): object {
    const now = new Date().toUTCString();
    return {
      sid,
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: form.get('Body'),
      date_created: now,
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.get('From'),
      messaging_service_sid: form.get('MessagingServiceSid'),
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      status: form.get('MessagingServiceSid') ? 'accepted' : 'queued',
      to: form.get('To'),
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
    };
  }
}

/**
 * Twilio's request signature, computed from its documentation rather than the SDK: the full URL,
 * then each POST parameter's name and value with names in sorted order, HMAC-SHA1 with the auth
 * token as key, base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
