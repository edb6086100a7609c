import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConnectorConfig, DeliveryState, WebhookRequest } from '../../connector';
import { DeliveredMessage, FakeScenario, ProviderFake } from '../provider-fake';
import { relaySignature } from './relay-sms.connector';

const API_KEY = 'relay-test-key-5f2c81d0';
const WRONG_KEY = 'relay-wrong-key-0b7e44a9';

/** Relay's HTTP API on a local port, answering the way the current scenario says. */
export class RelaySmsFake implements ProviderFake {
  private server?: Server;
  private port = 0;
  private closedPort = 0;
  private scenario: FakeScenario = 'accept';
  private readonly accepted: DeliveredMessage[] = [];
  /** Requests as they arrived, for provider-specific tests. */
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[] = [];

  async start(): Promise<void> {
    this.closedPort = await freePort();
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  config(): ConnectorConfig {
    return { baseUrl: `http://127.0.0.1:${this.port}/v1`, apiKey: API_KEY, sender: 'Fieldbook' };
  }

  badCredentialsConfig(): ConnectorConfig {
    return { ...this.config(), apiKey: WRONG_KEY };
  }

  unreachableConfig(): ConnectorConfig {
    return { ...this.config(), baseUrl: `http://127.0.0.1:${this.closedPort}/v1` };
  }

  behave(scenario: FakeScenario): void {
    this.scenario = scenario;
  }

  delivered(): DeliveredMessage[] {
    return [...this.accepted];
  }

  statusWebhook(providerMessageId: string, state: DeliveryState, config: ConnectorConfig): WebhookRequest {
    const status = state === 'failed' ? 'undelivered' : state;
    const rawBody = JSON.stringify({ messageId: providerMessageId, status, ...(state === 'failed' ? { reason: 'Handset unreachable' } : {}) });
    return {
      url: 'https://fieldbook.example/api/webhooks/relay-sms',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-relay-signature': relaySignature(rawBody, String(config['apiKey'])) },
      rawBody,
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    this.requests.push({ method: request.method ?? '', path, headers: request.headers, body });
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };
    const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}): void => reply(status, { error: { code, message } }, headers);

    if (this.scenario === 'hang') return; // keeps the request open until stop()
    if (request.headers.authorization !== `Bearer ${API_KEY}` || this.scenario === 'reject-auth') return problem(401, 'unauthorized', 'Invalid API key.');
    if (this.scenario === 'rate-limit') return problem(429, 'rate_limited', 'Too many requests.', { 'retry-after': '7' });
    if (this.scenario === 'server-error') return problem(503, 'unavailable', 'Service unavailable.');
    if (request.method === 'GET' && path === '/v1/account') return reply(200, { name: 'Test account' });
    if (request.method !== 'POST' || path !== '/v1/messages') return problem(404, 'not_found', 'No such endpoint.');
    if (!request.headers['content-type']?.startsWith('application/json')) return problem(415, 'unsupported_media_type', 'Send JSON.');
    let message: { from?: unknown; to?: unknown; text?: unknown };
    try {
      message = JSON.parse(body) as typeof message;
    } catch {
      return problem(400, 'invalid_json', 'The body is not JSON.');
    }
    if (typeof message.to !== 'string' || typeof message.text !== 'string' || typeof message.from !== 'string') return problem(400, 'invalid_request', 'from, to and text are required.');
    if (this.scenario === 'reject-recipient' || !/^\+[1-9]\d{6,14}$/.test(message.to)) return problem(422, 'invalid_recipient', `${message.to} is not a mobile number.`);
    this.accepted.push({ to: message.to, text: message.text });
    return reply(202, { id: `msg_${randomUUID()}`, status: 'queued' });
  }
}

/** A local port nobody listens on: bound once, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
