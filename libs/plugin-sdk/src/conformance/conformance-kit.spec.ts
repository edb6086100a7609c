import { Connector, ConnectorConfig, DeliveryState, StatusUpdate, WebhookRequest } from '../connector';
import { BadConfigError, InvalidSignatureError, RateLimitedError, RetryableError } from '../errors';
import { relaySmsConnector } from './example/relay-sms.connector';
import { tamperedSignature } from './expectations';
import { RelaySmsFake } from './example/relay-sms.fake';
import { ConformanceCheckId, ConformanceFailure, conformanceCheck, conformanceChecks, ConformanceOptions, runConformanceCheck } from './index';

const recipient = '+14155550123';

function options(connector: Connector, fake: () => RelaySmsFake = () => new RelaySmsFake()): ConformanceOptions {
  return { connector, fake, recipient };
}

/** The example connector with `send` replaced by a wrapper around the real one. */
function withSend(send: Connector['send']): Connector {
  return { ...relaySmsConnector, send };
}

async function failureOf(id: ConformanceCheckId, connector: Connector, fake?: () => RelaySmsFake): Promise<string> {
  try {
    await runConformanceCheck(id, options(connector, fake));
  } catch (error) {
    expect(error).toBeInstanceOf(ConformanceFailure);
    return (error as Error).message;
  }
  throw new Error(`The "${id}" check passed a connector it should have failed.`);
}

describe('the conformance kit', () => {
  it('passes the example connector check by check', async () => {
    for (const check of conformanceChecks) {
      await expect(runConformanceCheck(check.id, options(relaySmsConnector))).resolves.toBeUndefined();
    }
  }, 15_000);

  it('fails an invalid manifest and names each problem', async () => {
    const broken = { ...relaySmsConnector, manifest: { ...relaySmsConnector.manifest, id: 'Relay SMS', version: 'one' } };
    const message = await failureOf('manifest', broken);
    expect(message).toContain('manifest.id');
    expect(message).toContain('manifest.version');
  });

  it('fails a connector that declares status webhooks without parsing them', async () => {
    const { parseStatusWebhook: _dropped, ...broken } = relaySmsConnector;
    expect(await failureOf('manifest', broken)).toContain('parseStatusWebhook');
  });

  it('fails a recipient that does not suit the channel', async () => {
    await expect(runConformanceCheck('manifest', { ...options(relaySmsConnector), recipient: 'ada@example.com' })).rejects.toThrow('E.164');
  });

  it('fails a fake whose settings do not pass the connector schema', async () => {
    class LooseFake extends RelaySmsFake {
      override config(): ConnectorConfig {
        return { ...super.config(), sender: 'Far too long a sender name' };
      }
    }
    expect(await failureOf('config-schema', relaySmsConnector, () => new LooseFake())).toMatch(/config\(\) does not pass the connector's own config schema: Sender must be/);
  });

  it('fails a connector that sends the wrong text', async () => {
    const broken = withSend((message, config, context) => relaySmsConnector.send(message.channel === 'sms' ? { ...message, body: message.body.slice(0, 20) } : message, config, context));
    expect(await failureOf('send', broken)).toContain('The message text arrived as');
  });

  it('fails a connector that returns no provider message id', async () => {
    const broken = withSend(async (message, config, context) => {
      await relaySmsConnector.send(message, config, context);
      return { providerMessageId: '' };
    });
    expect(await failureOf('send', broken)).toContain('non-empty providerMessageId');
  });

  it('fails a connector that reports refused credentials as retryable', async () => {
    const broken = withSend(async (message, config, context) => {
      try {
        return await relaySmsConnector.send(message, config, context);
      } catch (error) {
        throw error instanceof BadConfigError ? new RetryableError(error.message) : error;
      }
    });
    expect(await failureOf('bad-credentials', broken)).toMatch(/should throw BadConfigError but threw RetryableError/);
  });

  it('fails a connector that maps a 429 to RetryableError', async () => {
    const broken = withSend(async (message, config, context) => {
      try {
        return await relaySmsConnector.send(message, config, context);
      } catch (error) {
        throw error instanceof RateLimitedError ? new RetryableError(error.message) : error;
      }
    });
    expect(await failureOf('rate-limit', broken)).toMatch(/should throw RateLimitedError but threw RetryableError/);
  });

  it('fails a rate limit without a usable retry-after', async () => {
    const broken = withSend(async (message, config, context) => {
      try {
        return await relaySmsConnector.send(message, config, context);
      } catch (error) {
        throw error instanceof RateLimitedError ? new RateLimitedError(error.message, Number.NaN) : error;
      }
    });
    expect(await failureOf('rate-limit', broken)).toContain('retryAfterSeconds should be a positive number');
  });

  it('fails a connector that treats a provider outage as permanent, or throws plain errors', async () => {
    const broken = withSend(async (message, config, context) => {
      try {
        return await relaySmsConnector.send(message, config, context);
      } catch (error) {
        throw new Error(`HTTP failure: ${(error as Error).message}`);
      }
    });
    expect(await failureOf('server-error', broken)).toMatch(/should throw RetryableError but threw Error: HTTP failure/);
    expect(await failureOf('unreachable', broken)).toMatch(/should throw RetryableError but threw Error/);
    expect(await failureOf('bad-recipient', broken)).toMatch(/should throw PermanentError but threw Error/);
  });

  it('fails a connector that ignores context.timeoutMs and waits longer', async () => {
    const broken = withSend((message, config, context) => relaySmsConnector.send(message, config, { ...context, timeoutMs: 2_500 }));
    expect(await failureOf('timeout', broken)).toMatch(/gave up after \d+ ms although context.timeoutMs was 300/);
  }, 10_000);

  it('fails a connector that ignores context.signal', async () => {
    const broken = withSend((message, config, context) => relaySmsConnector.send(message, config, { ...context, signal: new AbortController().signal }));
    expect(await failureOf('abort', broken)).toContain('When context.signal is already aborted, send() resolved');
  });

  it('fails a connector that puts a secret in an error message', async () => {
    const broken = withSend(async (message, config, context) => {
      try {
        return await relaySmsConnector.send(message, config, context);
      } catch (error) {
        throw error instanceof BadConfigError ? new BadConfigError(`The key ${String(config['apiKey'])} was refused.`) : error;
      }
    });
    expect(await failureOf('secrets', broken)).toMatch(/The secret "apiKey" appears in the error of a send in scenario 'reject-auth'/);
  });

  it('fails a connector that logs a secret', async () => {
    const broken = withSend((message, config, context) => {
      context.log(`sending with ${String(config['apiKey'])}`);
      return relaySmsConnector.send(message, config, context);
    });
    expect(await failureOf('secrets', broken)).toContain('The secret "apiKey" appears in log line 1');
  });

  it('fails a connector that puts a secret in a provider code', async () => {
    const broken = withSend(async (message, config, context) => {
      try {
        return await relaySmsConnector.send(message, config, context);
      } catch (error) {
        throw error instanceof RetryableError ? new RetryableError('Try again.', { providerCode: `auth=${encodeURIComponent(String(config['apiKey']))}` }) : error;
      }
    });
    expect(await failureOf('secrets', broken)).toContain('The secret "apiKey" appears in the error providerCode');
  });

  it('fails a fake with secrets too short to search for', async () => {
    class ShortKeyFake extends RelaySmsFake {
      override badCredentialsConfig(): ConnectorConfig {
        return { ...super.config(), apiKey: 'nope' };
      }
    }
    expect(await failureOf('secrets', relaySmsConnector, () => new ShortKeyFake())).toContain('sets the secret "apiKey" to only 4 characters');
  });

  it('fails a verify() that accepts any credentials', async () => {
    const broken: Connector = { ...relaySmsConnector, verify: async () => ({ ok: true }) };
    expect(await failureOf('verify', broken)).toContain('verify() should refuse badCredentialsConfig()');
  });

  it('fails a verify() that refuses without saying why, or throws', async () => {
    const silent: Connector = { ...relaySmsConnector, verify: async (config, context) => ((await relaySmsConnector.verify!(config, context)).ok ? { ok: true } : { ok: false }) };
    expect(await failureOf('verify', silent)).toContain('without a message saying why');
    const throwing: Connector = {
      ...relaySmsConnector,
      verify: async (config, context) => {
        const result = await relaySmsConnector.verify!(config, context);
        if (!result.ok) throw new BadConfigError(result.message ?? 'refused');
        return result;
      },
    };
    expect(await failureOf('verify', throwing)).toContain('it should resolve with { ok: false, message } instead');
  });

  it('fails a connector that does not check webhook signatures', async () => {
    const broken: Connector = {
      ...relaySmsConnector,
      async parseStatusWebhook(request): Promise<StatusUpdate[]> {
        const body = JSON.parse(request.rawBody) as { messageId: string; status: string };
        return [{ providerMessageId: body.messageId, state: body.status === 'undelivered' ? 'failed' : 'delivered' }];
      },
    };
    expect(await failureOf('status-webhook', broken)).toMatch(/A status webhook with a changed body was accepted/);
  });

  it('fails a connector whose webhooks parse to the wrong state', async () => {
    const broken: Connector = {
      ...relaySmsConnector,
      parseStatusWebhook: async (request, config) => (await relaySmsConnector.parseStatusWebhook!(request, config)).map((update) => ({ ...update, state: 'sent' as const })),
    };
    expect(await failureOf('status-webhook', broken)).toContain("A 'delivered' status webhook");
  });

  describe('for providers that authenticate webhooks with credentials instead of a body signature', () => {
    const basic = (config: ConnectorConfig) => `Basic ${Buffer.from(`fieldbook:${String(config['apiKey'])}`).toString('base64')}`;
    class BasicAuthFake extends RelaySmsFake {
      override statusWebhook(providerMessageId: string, state: DeliveryState, config: ConnectorConfig): WebhookRequest {
        const rawBody = JSON.stringify({ messageId: providerMessageId, status: state === 'failed' ? 'undelivered' : state });
        return { url: 'https://fieldbook.example/api/webhooks/relay-sms', method: 'POST', headers: { 'content-type': 'application/json', authorization: basic(config) }, rawBody };
      }
    }
    const parse = (rawBody: string): StatusUpdate[] => {
      const body = JSON.parse(rawBody) as { messageId: string; status: string };
      return [{ providerMessageId: body.messageId, state: body.status === 'undelivered' ? 'failed' : 'delivered' }];
    };
    const basicAuthConnector: Connector = {
      ...relaySmsConnector,
      async parseStatusWebhook(request, config) {
        if (request.headers['authorization'] !== basic(config)) throw new InvalidSignatureError();
        return parse(request.rawBody);
      },
    };
    const trusting: Connector = { ...basicAuthConnector, parseStatusWebhook: async (request) => parse(request.rawBody) };

    it('passes when changed or missing credentials are refused', async () => {
      await expect(runConformanceCheck('status-webhook', { ...options(basicAuthConnector, () => new BasicAuthFake()), webhookAuthentication: 'credentials' })).resolves.toBeUndefined();
    });

    it('still expects a changed body to be refused unless told otherwise', async () => {
      expect(await failureOf('status-webhook', basicAuthConnector, () => new BasicAuthFake())).toContain('A status webhook with a changed body was accepted');
    });

    it('fails a connector that accepts any credentials', async () => {
      await expect(runConformanceCheck('status-webhook', { ...options(trusting, () => new BasicAuthFake()), webhookAuthentication: 'credentials' })).rejects.toThrow('A status webhook with a changed authorization header was accepted');
    });

    it('fails a fake that sends no credentials at all', async () => {
      class BareFake extends BasicAuthFake {
        override statusWebhook(providerMessageId: string, state: DeliveryState, config: ConnectorConfig): WebhookRequest {
          const { authorization: _dropped, ...headers } = super.statusWebhook(providerMessageId, state, config).headers;
          return { ...super.statusWebhook(providerMessageId, state, config), headers };
        }
      }
      await expect(runConformanceCheck('status-webhook', { ...options(trusting, () => new BareFake()), webhookAuthentication: 'credentials' })).rejects.toThrow("must send the credentials in a header");
    });
  });

  it('forges signatures that really decode differently', () => {
    const hex = 'f00dcafe'.repeat(8).slice(0, 63) + 'a';
    const tamperedHex = tamperedSignature(hex);
    expect(tamperedHex).toHaveLength(hex.length);
    expect(Buffer.from(tamperedHex, 'hex').equals(Buffer.from(hex, 'hex'))).toBe(false);
    expect(Buffer.from(tamperedSignature(hex.toUpperCase()), 'hex').equals(Buffer.from(hex, 'hex'))).toBe(false);
    for (const bytes of [1, 2, 3, 20, 32]) {
      const base64 = Buffer.alloc(bytes, 0xab).toString('base64');
      expect(Buffer.from(tamperedSignature(base64), 'base64').equals(Buffer.from(base64, 'base64'))).toBe(false);
    }
    const basic = `Basic ${Buffer.from('fieldbook:relay-test-key').toString('base64')}`;
    expect(tamperedSignature(basic)).not.toBe(basic);
    expect(tamperedSignature('sha256=00000000')).toBe('sha256=00010000');
    expect(tamperedSignature('sha256=abcdef12')).toBe('sha256=abc0ef12');
    expect(tamperedSignature('')).toBe('0');
  });

  it('skips what a connector does not offer', () => {
    const { verify: _verify, parseStatusWebhook: _parse, ...plain } = relaySmsConnector;
    const bare: Connector = { ...plain, manifest: { ...relaySmsConnector.manifest, capabilities: {}, configSchema: [{ key: 'baseUrl', type: 'url', label: 'Base URL', required: true }] } };
    expect(conformanceCheck('verify').appliesTo(bare)).toBe(false);
    expect(conformanceCheck('status-webhook').appliesTo(bare)).toBe(false);
    expect(conformanceCheck('secrets').appliesTo(bare)).toBe(false);
    expect(conformanceCheck('verify').appliesTo(relaySmsConnector)).toBe(true);
    expect(conformanceCheck('status-webhook').appliesTo(relaySmsConnector)).toBe(true);
    expect(conformanceCheck('secrets').appliesTo(relaySmsConnector)).toBe(true);
  });

  it('refuses an unknown check by name', async () => {
    await expect(runConformanceCheck('nonsense' as ConformanceCheckId, options(relaySmsConnector))).rejects.toThrow('There is no conformance check "nonsense"');
  });
});
