import { randomUUID } from 'node:crypto';
import { Connector, ConnectorConfig, OutboundMessage, SendContext, SendResult, VerifyResult } from '../connector';
import { validateConfig } from '../config-validation';
import { ConformanceOptions, ProviderFake } from './provider-fake';

/** A conformance check failed; the message says what the connector did and what was expected. */
export class ConformanceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
  }
}

export function fail(message: string): never {
  throw new ConformanceFailure(message);
}

/** A send context for tests that keeps every log line the connector writes. */
export interface RecordingSendContext extends SendContext {
  logs: string[];
}

export function testSendContext(overrides: Partial<Omit<SendContext, 'log'>> = {}): RecordingSendContext {
  const logs: string[] = [];
  return {
    idempotencyKey: `conformance-${randomUUID()}`,
    timeoutMs: 5_000,
    signal: new AbortController().signal,
    ...overrides,
    log: (line: string) => logs.push(String(line)),
    logs,
  };
}

/** What a send or verify call came to, with everything the connector said on the way. */
export type Outcome<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { logs: string[]; elapsedMs: number };

const SMS_TEXT = 'Fieldbook: your technician arrives on 14 May between 09:00 and 11:00. Grüße, Müller Heating';
const EMAIL_TEXT = 'Hello Ada,\n\nyour technician arrives on 14 May between 09:00 and 11:00.\n\nExample Heating';
const EMAIL_HTML = '<p>Hello Ada,</p><p>your technician arrives on <strong>14 May</strong> between 09:00 and 11:00.</p>';
const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Fieldbook//Conformance//EN', 'BEGIN:VEVENT', 'UID:conformance@fieldbook', 'DTSTART:20300514T090000Z', 'DTEND:20300514T110000Z', 'SUMMARY:Heating service', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

/** The message the kit sends: an SMS, or an email with HTML and an attachment when the connector declares them. */
export function sampleMessage(connector: Connector, recipient: string): OutboundMessage {
  if (connector.manifest.channel === 'sms') return { channel: 'sms', to: recipient, body: SMS_TEXT };
  const { html, attachments } = connector.manifest.capabilities;
  return {
    channel: 'email',
    to: recipient,
    from: 'bookings@example.com',
    fromName: 'Example Heating',
    replyTo: 'office@example.com',
    subject: 'Your booking on 14 May is confirmed',
    text: EMAIL_TEXT,
    ...(html ? { html: EMAIL_HTML } : {}),
    ...(attachments ? { attachments: [{ filename: 'booking.ics', contentType: 'text/calendar', content: Buffer.from(ICS).toString('base64') }] } : {}),
  };
}

/** Rejects with a clear failure when `promise` has not settled after `ms`, instead of leaving it to the test timeout. */
function settleWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConformanceFailure(`${what} did not settle within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** How long the kit waits for any single call before calling the connector stuck. */
const CALL_LIMIT_MS = 10_000;

/**
 * One run of the kit against a started fake: hands out validated settings and calls the connector
 * the way the platform does, recording logs, results and errors.
 */
export class Probe {
  constructor(
    readonly options: ConformanceOptions,
    readonly fake: ProviderFake,
  ) {}

  get connector(): Connector {
    return this.options.connector;
  }

  /** The fake's settings after schema validation (defaults filled in), as the platform would pass them. */
  config(which: 'good' | 'bad-credentials' | 'unreachable' = 'good'): ConnectorConfig {
    const raw = which === 'good' ? this.fake.config() : which === 'bad-credentials' ? this.fake.badCredentialsConfig() : this.fake.unreachableConfig();
    const result = validateConfig(this.connector.manifest.configSchema, raw);
    if (!result.ok) {
      const method = { good: 'config()', 'bad-credentials': 'badCredentialsConfig()', unreachable: 'unreachableConfig()' }[which];
      fail(`The fake's ${method} does not pass the connector's own config schema: ${result.issues.map((issue) => issue.message).join(' ')}`);
    }
    return result.config;
  }

  async send(config: ConnectorConfig, context: Partial<Omit<SendContext, 'log'>> = {}, message = sampleMessage(this.connector, this.options.recipient)): Promise<Outcome<SendResult>> {
    const mailbox = this.fake.mailbox?.();
    const full = testSendContext({ ...(mailbox ? { mailbox } : {}), ...context });
    const limit = (context.timeoutMs ?? full.timeoutMs) + CALL_LIMIT_MS;
    return this.observe(full.logs, () => settleWithin(this.connector.send(message, config, full), limit, 'send()'));
  }

  async verify(config: ConnectorConfig): Promise<Outcome<VerifyResult>> {
    const verify = this.connector.verify;
    if (!verify) return fail('The connector has no verify().');
    const full = testSendContext();
    const { idempotencyKey: _key, logs, ...context } = full;
    return this.observe(logs, () => settleWithin(verify.call(this.connector, config, context), full.timeoutMs + CALL_LIMIT_MS, 'verify()'));
  }

  private async observe<T>(logs: string[], call: () => Promise<T>): Promise<Outcome<T>> {
    const started = performance.now();
    try {
      const value = await call();
      return { ok: true, value, logs, elapsedMs: performance.now() - started };
    } catch (error) {
      if (error instanceof ConformanceFailure) throw error;
      return { ok: false, error, logs, elapsedMs: performance.now() - started };
    }
  }
}
