import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ConnectorConfig, DeliveryState, WebhookRequest } from '@fieldbook/plugin-sdk';
import { DeliveredMessage, FakeScenario, LocalHttpProvider, ProviderFake } from '@fieldbook/plugin-sdk/conformance';
/** The kit's scenarios, and one more for this connector's own specs: a success answer without a MessageID. */
export type FakeBehaviour = FakeScenario | 'accept-without-id';

/** A request as it arrived at the fake, for specs that check what the connector really sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  json?: Record<string, unknown>;
}

interface PostmarkEmail {
  From?: string;
  To?: string;
  Subject?: string;
  TextBody?: string;
  HtmlBody?: string;
  Attachments?: unknown[];
}

export const SERVER_TOKEN = 'pm-server-token-5f1c9a7e';
export const WEBHOOK_PASSWORD = 'pm-webhook-pass-8d2b4c61';
export const CONFIRMED_SENDER = 'bookings@fieldbook.test';
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * A local stand-in for the Postmark API on node:http: POST /email and GET /server with the server
 * token header, Postmark's error bodies ({ ErrorCode, Message }) and status codes, and delivery or
 * bounce webhooks authenticated with basic credentials like the ones Postmark sends.
 */
export class FakePostmark implements ProviderFake {
  readonly requests: RecordedRequest[] = [];
  private readonly accepted: { email: PostmarkEmail; messageId: string }[] = [];
  private readonly http = new LocalHttpProvider((request, response) => this.handle(request, response));
  private scenario: FakeBehaviour = 'accept';

  start(): Promise<void> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  config(): ConnectorConfig {
    return {
      serverToken: SERVER_TOKEN,
      fromAddress: CONFIRMED_SENDER,
      fromName: 'Example Heating',
      webhookUsername: 'fieldbook-hooks',
      webhookPassword: WEBHOOK_PASSWORD,
      apiBaseUrl: this.http.url,
    };
  }

  badCredentialsConfig(): ConnectorConfig {
    return { ...this.config(), serverToken: 'pm-wrong-token-00000000' };
  }

  unreachableConfig(): ConnectorConfig {
    return { ...this.config(), apiBaseUrl: this.http.unreachableUrl };
  }

  behave(scenario: FakeBehaviour): void {
    this.scenario = scenario;
  }

  delivered(): DeliveredMessage[] {
    return this.accepted.map(({ email }) => ({
      to: email.To ?? '',
      text: email.TextBody ?? '',
      subject: email.Subject,
      html: email.HtmlBody,
      attachments: email.Attachments?.length ?? 0,
    }));
  }

  /** A delivery ('delivered') or bounce ('failed') webhook; Postmark sends none for 'sent'. */
  statusWebhook(providerMessageId: string, state: DeliveryState, config: ConnectorConfig): WebhookRequest {
    const recipient = this.accepted.find((entry) => entry.messageId === providerMessageId)?.email.To ?? 'ada@example.com';
    const common = { MessageID: providerMessageId, ServerID: 4711, MessageStream: 'outbound', Tag: '', Metadata: {} };
    const record =
      state === 'failed'
        ? { RecordType: 'Bounce', ID: 4242, Type: 'HardBounce', TypeCode: 1, Name: 'Hard bounce', Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).', Email: recipient, BouncedAt: new Date().toISOString(), ...common }
        : { RecordType: 'Delivery', Recipient: recipient, DeliveredAt: new Date().toISOString(), Details: 'smtp;250 2.0.0 OK', ...common };
    const credentials = Buffer.from(`${config['webhookUsername']}:${config['webhookPassword']}`).toString('base64');
    return {
      url: 'https://fieldbook.example.com/api/webhooks/postmark',
      method: 'POST',
      headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
      rawBody: JSON.stringify(record),
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, rawBody };
    try {
      recorded.json = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : undefined;
    } catch {
      recorded.json = undefined;
    }
    this.requests.push(recorded);
    if (this.scenario === 'hang') {
      this.http.hold(response);
      return;
    }
    const route = `${recorded.method} ${recorded.path}`;
    if (route !== 'POST /email' && route !== 'GET /server') return answer(response, 404, { ErrorCode: 404, Message: 'Not found.' });
    if (this.scenario === 'server-error') return answer(response, 500, { ErrorCode: 500, Message: 'Internal server error.' });
    if (this.scenario === 'reject-auth' || request.headers['x-postmark-server-token'] !== SERVER_TOKEN) {
      return answer(response, 401, { ErrorCode: 10, Message: 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.' });
    }
    if (route === 'GET /server') return answer(response, 200, { ID: 4711, Name: 'Fieldbook test server', ApiTokens: [SERVER_TOKEN] });
    if (this.scenario === 'rate-limit') return answer(response, 429, { ErrorCode: 429, Message: 'Rate limit exceeded.' }, { 'Retry-After': '7' });
    this.acceptEmail(request, recorded.json as PostmarkEmail | undefined, response);
  }

  private acceptEmail(request: IncomingMessage, email: PostmarkEmail | undefined, response: ServerResponse): void {
    if (!String(request.headers['content-type']).startsWith('application/json') || !email) {
      return answer(response, 422, { ErrorCode: 409, Message: 'JSON required.' });
    }
    if (!email.From?.includes(`<${CONFIRMED_SENDER}>`) && email.From !== CONFIRMED_SENDER) {
      return answer(response, 422, { ErrorCode: 400, Message: `The 'From' address you supplied (${email.From}) is not a Sender Signature on your account.` });
    }
    if (!email.To || !ADDRESS.test(email.To)) return answer(response, 422, { ErrorCode: 300, Message: `Invalid 'To' address: '${email.To ?? ''}'.` });
    if (!email.TextBody && !email.HtmlBody) return answer(response, 422, { ErrorCode: 300, Message: 'Provide either email TextBody or HtmlBody or both.' });
    if (this.scenario === 'reject-recipient' || email.To.startsWith('inactive')) {
      return answer(response, 422, { ErrorCode: 406, Message: 'You tried to send to recipient(s) that have been marked as inactive.' });
    }
    if (this.scenario === 'accept-without-id') return answer(response, 200, { ErrorCode: 0, Message: 'OK' });
    const messageId = randomUUID();
    this.accepted.push({ email, messageId });
    answer(response, 200, { To: email.To, SubmittedAt: new Date().toISOString(), MessageID: messageId, ErrorCode: 0, Message: 'OK' });
  }
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
