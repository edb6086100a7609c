import {
  BadConfigError,
  ConnectorConfig,
  InvalidSignatureError,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendContext,
  SmsMessage,
  validateConfig,
} from '@fieldbook/plugin-sdk';
import { API_KEY, API_SECRET, FakeVonage, SIGNATURE_SECRET } from '../test/fake-vonage';
import connector, { isGsm7, vonageHttpError, vonageStatusError } from './index';

const sms: SmsMessage = { channel: 'sms', to: '+14155550123', body: 'Your technician arrives on 14 May at 09:00. Grüße, Müller Heating' };

function context(overrides: Partial<SendContext> = {}): SendContext & { logs: string[] } {
  const logs: string[] = [];
  return { idempotencyKey: 'notification-42-attempt-1', timeoutMs: 5000, signal: new AbortController().signal, log: (line) => logs.push(line), logs, ...overrides };
}

/** Settings as the platform passes them: validated, defaults filled in. */
function settings(raw: ConnectorConfig): ConnectorConfig {
  const result = validateConfig(connector.manifest.configSchema, raw);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join(' '));
  return result.config;
}

function withoutSig(params: Record<string, string>): Record<string, string> {
  const { sig: _sig, ...rest } = params;
  return rest;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('Vonage connector', () => {
  const fake = new FakeVonage();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.behave('accept');
    fake.requests.length = 0;
  });

  describe('sending', () => {
    it('posts a form to /sms/json with the credentials, sender, recipient without "+", text and client-ref', async () => {
      const result = await connector.send(sms, settings(fake.config()), context());
      expect(fake.requests).toHaveLength(1);
      const request = fake.requests[0];
      expect(request).toMatchObject({ method: 'POST', path: '/sms/json' });
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.form).toEqual({
        api_key: API_KEY,
        api_secret: API_SECRET,
        from: 'FieldbookHQ',
        to: '14155550123',
        text: sms.body,
        'client-ref': 'notification-42-attempt-1',
      });
      expect(result.providerMessageId).toBe(fake.messageIds.at(-1)![0]);
    });

    it('asks for delivery receipts at the platform\'s public URL only when receipts can be checked', async () => {
      await connector.send(sms, settings(fake.config()), context({ publicUrl: 'https://book.example.com/' }));
      expect(fake.requests[0].form['callback']).toBe('https://book.example.com/api/webhooks/messaging/vonage');
      await connector.send(sms, settings({ ...fake.config(), signatureSecret: '' }), context({ publicUrl: 'https://book.example.com' }));
      expect(fake.requests[1].form).not.toHaveProperty('callback');
      await connector.send(sms, settings(fake.config()), context());
      expect(fake.requests[2].form).not.toHaveProperty('callback');
    });

    it('sends text outside the GSM alphabet as unicode', async () => {
      await connector.send({ ...sms, body: 'Wizyta technika: jutro o 9:00 🙂' }, settings(fake.config()), context());
      expect(fake.requests[0].form['type']).toBe('unicode');
      expect(fake.delivered().at(-1)).toEqual({ to: '+14155550123', text: 'Wizyta technika: jutro o 9:00 🙂' });
    });

    it('tells GSM text, including its extension characters, from text that needs unicode', () => {
      expect(isGsm7('Price: €40 [incl. VAT] {ok} ~ ^ | \\ Ñoño ¿?')).toBe(true);
      expect(isGsm7('Zaplanowano wizytę')).toBe(false);
      expect(isGsm7('Termin “morgen”')).toBe(false);
    });

    it('sends a numeric sender without "+" and cuts a long idempotency key to the 100 characters Vonage keeps', async () => {
      await connector.send(sms, settings({ ...fake.config(), from: '+14155550100' }), context({ idempotencyKey: 'k'.repeat(130) }));
      expect(fake.requests[0].form['from']).toBe('14155550100');
      expect(fake.requests[0].form['client-ref']).toBe('k'.repeat(100));
    });

    it('returns the id of the first part of a long message', async () => {
      const result = await connector.send({ ...sms, body: 'Reminder. '.repeat(40) }, settings(fake.config()), context());
      const ids = fake.messageIds.at(-1)!;
      expect(ids.length).toBe(3);
      expect(result.providerMessageId).toBe(ids[0]);
    });

    it.each([
      ['an email', { channel: 'email', to: 'ada@example.com', from: 'a@b.c', subject: 'Hi', text: 'Hi' }, 'text messages only'],
      ['a number without country code', { ...sms, to: '4155550123' }, 'international format'],
      ['a number with spaces', { ...sms, to: '+1 415 555 0123' }, 'international format'],
      ['an empty text', { ...sms, body: '  ' }, 'empty'],
    ])('refuses %s as permanent without calling Vonage', async (_case, message, words) => {
      const error = await failure(connector.send(message as SmsMessage, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(PermanentError);
      expect(error.message).toContain(words);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('mapping Vonage answers', () => {
    it('status 4 (invalid credentials) is a settings problem', async () => {
      const error = await failure(connector.send(sms, settings(fake.badCredentialsConfig()), context()));
      expect(error).toBeInstanceOf(BadConfigError);
      expect(error).toMatchObject({ providerCode: '4', message: expect.stringContaining('API key or API secret') });
    });

    it('status 1 (throttled) is rate limiting for one second', async () => {
      fake.behave('rate-limit');
      const error = await failure(connector.send(sms, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ providerCode: '1', retryAfterSeconds: 1 });
    });

    it('status 5 (internal error) and HTTP 503 are retryable', async () => {
      fake.behave('server-error');
      expect(await failure(connector.send(sms, settings(fake.config()), context()))).toMatchObject({ kind: 'retryable', providerCode: '5' });
      fake.behave('http-503');
      expect(await failure(connector.send(sms, settings(fake.config()), context()))).toMatchObject({ kind: 'retryable', providerCode: '503' });
    });

    it('status 6 (unroutable recipient) is permanent and carries Vonage\'s words', async () => {
      fake.behave('reject-recipient');
      const error = await failure(connector.send(sms, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ providerCode: '6', message: expect.stringContaining('Unroutable message') });
    });

    it('status 15 (sender not allowed) and status 9 (no credit) are settings problems', async () => {
      expect(await failure(connector.send(sms, settings({ ...fake.config(), from: 'Other Co' }), context()))).toMatchObject({ kind: 'bad-config', providerCode: '15' });
      fake.behave('out-of-credit');
      expect(await failure(connector.send(sms, settings(fake.config()), context()))).toMatchObject({ kind: 'bad-config', providerCode: '9' });
    });

    it('a success answer without a message-id is retryable, not a silent success', async () => {
      fake.behave('accept-without-id');
      const error = await failure(connector.send(sms, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(RetryableError);
      expect(error.message).toContain('without a message ID');
    });

    it('a refused connection and a provider that does not answer are retryable', async () => {
      expect(await failure(connector.send(sms, settings(fake.unreachableConfig()), context()))).toMatchObject({ kind: 'retryable', providerCode: 'ECONNREFUSED' });
      fake.behave('hang');
      expect(await failure(connector.send(sms, settings(fake.config()), context({ timeoutMs: 200 })))).toMatchObject({ kind: 'retryable', providerCode: 'timeout' });
    });

    it.each([
      ['2', 'permanent'],
      ['3', 'permanent'],
      ['7', 'permanent'],
      ['8', 'bad-config'],
      ['10', 'retryable'],
      ['11', 'bad-config'],
      ['12', 'permanent'],
      ['14', 'bad-config'],
      ['22', 'permanent'],
      ['23', 'bad-config'],
      ['29', 'bad-config'],
      ['32', 'bad-config'],
      ['33', 'permanent'],
      ['98', 'permanent'],
    ])('maps status %s to a %s error', (status, kind) => {
      const error = vonageStatusError(status, 'words from Vonage', fake.config());
      expect(error.kind).toBe(kind);
      expect(error.providerCode).toBe(status);
      expect(error.message).toContain('(words from Vonage)');
    });

    it.each([
      [401, null, 'bad-config'],
      [404, null, 'bad-config'],
      [400, null, 'permanent'],
      [500, null, 'retryable'],
      [429, '12', 'rate-limited'],
    ])('maps HTTP %s (Retry-After %s) to a %s error', (status, retryAfter, kind) => {
      const error = vonageHttpError({ status, retryAfter, body: undefined });
      expect(error.kind).toBe(kind);
      if (error instanceof RateLimitedError) expect(error.retryAfterSeconds).toBe(12);
    });

    it('takes a secret out of Vonage\'s words before they reach the tenant', () => {
      const error = vonageStatusError('3', `Invalid value ${API_SECRET}`, fake.config());
      expect(error.message).not.toContain(API_SECRET);
      expect(error.message).toContain('Invalid value ••••');
    });

    it('never writes a secret, a recipient or the text to the log', async () => {
      const logs: string[] = [];
      for (const scenario of ['accept', 'reject-auth', 'rate-limit', 'server-error', 'reject-recipient', 'http-503'] as const) {
        fake.behave(scenario);
        const ctx = context();
        await connector.send(sms, settings(fake.config()), ctx).catch(() => undefined);
        logs.push(...ctx.logs);
      }
      expect(logs).toHaveLength(6);
      for (const line of logs) {
        for (const hidden of [API_SECRET, SIGNATURE_SECRET, '14155550123', 'technician']) expect(line).not.toContain(hidden);
      }
    });
  });

  describe('verify', () => {
    it('is ok with accepted credentials, sent as basic authentication rather than in the URL', async () => {
      const result = await connector.verify!(settings(fake.config()), context());
      expect(result).toEqual({ ok: true, message: 'Connected to Vonage; the account balance is 12.50 EUR.' });
      expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/account/get-balance' });
      expect(fake.requests[0].headers['authorization']).toBe(`Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`);
    });

    it('is not ok with a refused secret, saying so without the secret', async () => {
      const result = await connector.verify!(settings(fake.badCredentialsConfig()), context());
      expect(result.ok).toBe(false);
      expect(result.message).toContain('API key or API secret');
      expect(result.message).not.toContain('vonage-wrong-secret');
    });

    it('is not ok for an account without credit, or when Vonage cannot be reached', async () => {
      fake.behave('out-of-credit');
      expect(await connector.verify!(settings(fake.config()), context())).toEqual({ ok: false, message: expect.stringContaining('no credit left') });
      expect(await connector.verify!(settings(fake.unreachableConfig()), context())).toEqual({ ok: false, message: expect.stringContaining('could not be reached') });
    });
  });

  describe('delivery receipts', () => {
    const config = () => settings(fake.config());

    it.each(['GET', 'POST', 'POST-JSON'] as const)('reads a signed receipt sent with %s', async (method) => {
      const { providerMessageId } = await connector.send(sms, config(), context());
      const parse = (state: 'sent' | 'delivered' | 'failed') => connector.parseStatusWebhook!(fake.statusWebhook(providerMessageId, state, config(), method), config());
      expect(await parse('sent')).toEqual([{ providerMessageId, state: 'sent' }]);
      expect(await parse('delivered')).toEqual([{ providerMessageId, state: 'delivered' }]);
      expect(await parse('failed')).toEqual([{ providerMessageId, state: 'failed', reason: 'Vonage reports the message failed: the phone number is not in service' }]);
    });

    it('refuses every receipt while no signature secret is set, saying why', async () => {
      const request = fake.statusWebhook('0B00000012345678', 'delivered', config());
      const unsigned = settings({ ...fake.config(), signatureSecret: '' });
      await expect(connector.parseStatusWebhook!(request, unsigned)).rejects.toBeInstanceOf(InvalidSignatureError);
      await expect(connector.parseStatusWebhook!(request, unsigned)).rejects.toThrow('unsigned status updates are never trusted');
    });

    it('refuses a receipt without sig, signed with another secret, with a changed field, or unreadable', async () => {
      const good = fake.statusWebhook('0B00000012345678', 'delivered', config());
      const params = JSON.parse(good.rawBody) as Record<string, string>;
      const { sig: _sig, ...unsignedParams } = params;
      const otherSecret = fake.statusWebhook('0B00000012345678', 'delivered', { ...config(), signatureSecret: 'another-signature-secret' });
      for (const rawBody of [JSON.stringify(unsignedParams), otherSecret.rawBody, JSON.stringify({ ...params, status: 'failed' }), '{"messageId": ', '[]']) {
        await expect(connector.parseStatusWebhook!({ ...good, rawBody }, config())).rejects.toBeInstanceOf(InvalidSignatureError);
      }
    });

    it('refuses a correctly signed receipt for another Vonage account', async () => {
      const foreign = fake.statusWebhook('0B00000012345678', 'delivered', { ...config(), apiKey: 'ffff0000' });
      await expect(connector.parseStatusWebhook!(foreign, config())).rejects.toThrow('another Vonage account');
    });

    it('ignores a signed receipt with an unknown status or without a messageId', async () => {
      const params = JSON.parse(fake.statusWebhook('0B00000012345678', 'delivered', config()).rawBody) as Record<string, string>;
      const { sig: _sig, messageId: _id, ...withoutId } = params;
      expect(await connector.parseStatusWebhook!(fake.receipt({ ...withoutSig(params), status: 'unknown' }, config(), 'GET'), config())).toEqual([]);
      expect(await connector.parseStatusWebhook!(fake.receipt(withoutId, config(), 'POST'), config())).toEqual([]);
    });

    it('keeps "&" and "=" in values signable, the way Vonage replaces them', async () => {
      const params = withoutSig(JSON.parse(fake.statusWebhook('0B00000012345678', 'delivered', config()).rawBody) as Record<string, string>);
      const request = fake.receipt({ ...params, 'client-ref': 'a=b&c' }, config(), 'POST');
      expect(await connector.parseStatusWebhook!(request, config())).toEqual([{ providerMessageId: '0B00000012345678', state: 'delivered' }]);
    });
  });
});
