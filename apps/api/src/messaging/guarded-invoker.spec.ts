import {
  BadConfigError,
  Connector,
  ConnectorConfig,
  ConnectorManifest,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendContext,
} from '@fieldbook/plugin-sdk';
import { ConnectorMisbehavedError, InvokerLog, guardedSend, guardedVerify, scrub, secretValues } from './guarded-invoker';

const SECRET = 'pa55-w0rd/with spaces&symbols';
const manifest: ConnectorManifest = {
  id: 'relay',
  displayName: 'Relay',
  channel: 'sms',
  version: '1.0.0',
  configSchema: [
    { key: 'accountId', type: 'string', label: 'Account', required: true },
    { key: 'token', type: 'secret', label: 'Token', required: true },
    { key: 'pin', type: 'string', label: 'PIN', required: false, secret: true },
  ],
  capabilities: {},
};
const config: ConnectorConfig = { accountId: 'AC-public-account', token: SECRET, pin: '4321' };
const message = { channel: 'sms' as const, to: '+14155550123', body: 'Your visit is at 9.' };

class RecordingLog implements InvokerLog {
  lines: string[] = [];
  log(line: string): void {
    this.lines.push(line);
  }
  warn(line: string): void {
    this.lines.push(line);
  }
}

function connector(send: Connector['send'], verify?: Connector['verify']): Connector {
  return { manifest, send, ...(verify ? { verify } : {}) };
}

/** An error class from another copy of the SDK: same `kind`, different class. */
class ForeignError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }
}

function sendWith(target: Connector, logger = new RecordingLog(), timeoutMs = 2000) {
  return guardedSend({ connector: target, config, message, idempotencyKey: 'key-1', timeoutMs, logger });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('guarded invoker', () => {
  it('passes the message, config and a send context through and returns a valid answer', async () => {
    let seen: { context?: SendContext; config?: ConnectorConfig } = {};
    const result = await sendWith(
      connector(async (_message, given, context) => {
        seen = { context, config: given };
        return { providerMessageId: 'SM123' };
      }),
    );
    expect(result).toEqual({ providerMessageId: 'SM123' });
    expect(seen.config).toBe(config);
    expect(seen.context).toMatchObject({ idempotencyKey: 'key-1', timeoutMs: 2000 });
    expect(seen.context!.signal.aborted).toBe(true);
  });

  it('abandons a connector that never answers, aborts its signal and reports a timeout', async () => {
    let signal: AbortSignal | undefined;
    const error = await failure(sendWith(connector((_message, _config, context) => {
      signal = context.signal;
      return new Promise(() => undefined);
    }), new RecordingLog(), 150));
    expect(error).toBeInstanceOf(ConnectorMisbehavedError);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ reason: 'timeout', timeoutMs: 150 });
    expect(signal?.aborted).toBe(true);
  });

  it('ignores what a connector does after it was abandoned', async () => {
    const late = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('late failure')), 250));
    const error = await failure(sendWith(connector(() => late), new RecordingLog(), 100));
    expect(error).toMatchObject({ reason: 'timeout' });
    // The late rejection lands on a settled race: no unhandled rejection, nothing thrown here.
    await expect(late).rejects.toThrow('late failure');
  });

  it.each<[string, Connector['send']]>([
    ['throws synchronously', () => {
      throw new TypeError(`Cannot read properties of undefined (token ${SECRET})`);
    }],
    ['rejects with an Error', async () => {
      throw new Error(`socket hang up for ${Buffer.from(SECRET).toString('base64')}`);
    }],
    ['rejects with a string', () => Promise.reject(`nope ${encodeURIComponent(SECRET)}`)],
    ['rejects with undefined', () => Promise.reject(undefined)],
  ])('turns a connector that %s into a retryable failure, logged without secrets', async (_case, send) => {
    const log = new RecordingLog();
    const error = await failure(sendWith(connector(send), log));
    expect(error).toBeInstanceOf(ConnectorMisbehavedError);
    expect(error).toMatchObject({ reason: 'crashed', message: 'The connector relay failed unexpectedly.' });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^relay: send failed unexpectedly: /);
    const everything = log.lines.join('\n') + error.message;
    for (const form of [SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64')]) expect(everything).not.toContain(form);
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a number', 42],
    ['an empty id', { providerMessageId: '' }],
    ['an id that is not text', { providerMessageId: 17 }],
    ['an endless id', { providerMessageId: 'x'.repeat(501) }],
    ['an id carrying a secret', { providerMessageId: `msg-${SECRET}` }],
  ])('refuses an answer that is %s', async (_case, answer) => {
    const log = new RecordingLog();
    const error = await failure(sendWith(connector(async () => answer as never), log));
    expect(error).toMatchObject({ reason: 'garbage' });
    expect(log.lines).toEqual(['relay: send returned something that is not a valid answer']);
  });

  it.each([
    ['retryable', RetryableError],
    ['permanent', PermanentError],
    ['bad-config', BadConfigError],
  ] as const)('rebuilds a %s error from another SDK copy as the API’s own class, scrubbed', async (kind, type) => {
    const thrown = new ForeignError(kind, `Provider said no to token ${SECRET}`, { providerCode: `E-${SECRET}` });
    const error = await failure(sendWith(connector(async () => Promise.reject(thrown))));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe('Provider said no to token [secret]');
    expect(error).toMatchObject({ providerCode: 'E-[secret]' });
  });

  it('keeps a sensible retry-after from a rate-limited error and replaces a nonsensical one', async () => {
    const polite = await failure(sendWith(connector(async () => Promise.reject(new RateLimitedError('Slow down.', 7.2, { providerCode: '429' })))));
    expect(polite).toBeInstanceOf(RateLimitedError);
    expect(polite).toMatchObject({ retryAfterSeconds: 8, providerCode: '429', message: 'Slow down.' });
    const rude = await failure(sendWith(connector(async () => Promise.reject(new ForeignError('rate-limited', 'Slow down.', { retryAfterSeconds: -3 })))));
    expect(rude).toMatchObject({ retryAfterSeconds: 60 });
  });

  it('writes the connector’s own log lines with its id and without its secrets', async () => {
    const log = new RecordingLog();
    await sendWith(
      connector(async (_message, given, context) => {
        context.log(`authenticating as ${given['accountId']} with ${given['token']} and pin ${given['pin']}`);
        context.log('relay: accepted');
        return { providerMessageId: 'SM1' };
      }),
      log,
    );
    expect(log.lines).toEqual(['relay: authenticating as AC-public-account with [secret] and pin [secret]', 'relay: accepted']);
  });

  it('verifies through the same guard: answers, garbage, crashes and hangs', async () => {
    const verifyWith = (verify: Connector['verify'], timeoutMs = 2000) =>
      guardedVerify({ connector: connector(async () => ({ providerMessageId: 'x' }), verify), config, timeoutMs, logger: new RecordingLog() });
    await expect(verifyWith(async () => ({ ok: true }))).resolves.toEqual({ ok: true });
    await expect(verifyWith(async () => ({ ok: false, message: `Token ${SECRET} was refused.` }))).resolves.toEqual({ ok: false, message: 'Token [secret] was refused.' });
    await expect(verifyWith(async () => 'yes' as never)).rejects.toMatchObject({ reason: 'garbage' });
    await expect(verifyWith(async () => ({ ok: true, message: 3 }) as never)).rejects.toMatchObject({ reason: 'garbage' });
    await expect(verifyWith(() => {
      throw new Error('verify exploded');
    })).rejects.toMatchObject({ reason: 'crashed' });
    await expect(verifyWith(() => new Promise(() => undefined), 100)).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('lets a connector without verify pass: it has nothing to check', async () => {
    await expect(guardedVerify({ connector: connector(async () => ({ providerMessageId: 'x' })), config, timeoutMs: 100, logger: new RecordingLog() })).resolves.toEqual({ ok: true });
  });

  it('finds secrets by the schema, in plain, URL-encoded and base64 form, and cuts long text', () => {
    const secrets = secretValues(manifest.configSchema, config);
    expect(secrets).toEqual(expect.arrayContaining([SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64'), '4321']));
    expect(secrets).not.toContain('AC-public-account');
    expect(scrub('x'.repeat(600), [])).toHaveLength(500);
  });
});
