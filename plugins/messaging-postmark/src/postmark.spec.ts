import {
  BadConfigError,
  ConnectorConfig,
  EmailMessage,
  InvalidSignatureError,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendContext,
  validateConfig,
} from '@fieldbook/plugin-sdk';
import { CONFIRMED_SENDER, FakePostmark, SERVER_TOKEN, WEBHOOK_PASSWORD } from '../test/fake-postmark';
import connector, { IDEMPOTENCY_HEADER, postmarkError } from './index';

const email: EmailMessage = {
  channel: 'email',
  to: 'ada@example.com',
  from: 'bookings@example.com',
  fromName: 'Example Heating',
  replyTo: 'office@example.com',
  subject: 'Your booking on 14 May is confirmed',
  text: 'Your technician arrives at 09:00.',
  html: '<p>Your technician arrives at <b>09:00</b>.</p>',
  attachments: [{ filename: 'booking.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR').toString('base64') }],
};

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

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('Postmark connector', () => {
  const fake = new FakePostmark();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.behave('accept');
    fake.requests.length = 0;
  });

  describe('sending', () => {
    it('posts the email to /email with the server token header and Postmark field names', async () => {
      const result = await connector.send(email, settings(fake.config()), context());
      expect(fake.requests).toHaveLength(1);
      const request = fake.requests[0];
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/email');
      expect(request.headers['accept']).toBe('application/json');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-postmark-server-token']).toBe(SERVER_TOKEN);
      expect(request.json).toEqual({
        From: `"Example Heating" <${CONFIRMED_SENDER}>`,
        To: 'ada@example.com',
        ReplyTo: 'office@example.com',
        Subject: 'Your booking on 14 May is confirmed',
        HtmlBody: '<p>Your technician arrives at <b>09:00</b>.</p>',
        TextBody: 'Your technician arrives at 09:00.',
        MessageStream: 'outbound',
        Headers: [{ Name: IDEMPOTENCY_HEADER, Value: 'notification-42-attempt-1' }],
        Attachments: [{ Name: 'booking.ics', Content: Buffer.from('BEGIN:VCALENDAR').toString('base64'), ContentType: 'text/calendar' }],
      });
      expect(result.providerMessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(fake.delivered().at(-1)).toMatchObject({ to: 'ada@example.com', subject: email.subject, attachments: 1 });
    });

    it('uses the configured message stream and an API address with a trailing slash', async () => {
      const config = settings({ ...fake.config(), messageStream: 'booking-notices', apiBaseUrl: `${fake.config()['apiBaseUrl']}/` });
      await connector.send(email, config, context());
      expect(fake.requests[0].path).toBe('/email');
      expect(fake.requests[0].json?.['MessageStream']).toBe('booking-notices');
    });

    it('quotes a sender name with punctuation and falls back to the message sender name, then to the bare address', async () => {
      await connector.send(email, settings({ ...fake.config(), fromName: 'Smith, Jones & "Sons"' }), context());
      expect(fake.requests[0].json?.['From']).toBe(`"Smith, Jones & \\"Sons\\"" <${CONFIRMED_SENDER}>`);
      await connector.send({ ...email, fromName: 'Müller Heizung' }, settings({ ...fake.config(), fromName: '' }), context());
      expect(fake.requests[1].json?.['From']).toBe(`"Müller Heizung" <${CONFIRMED_SENDER}>`);
      await connector.send({ ...email, fromName: undefined }, settings({ ...fake.config(), fromName: '' }), context());
      expect(fake.requests[2].json?.['From']).toBe(CONFIRMED_SENDER);
    });

    it('leaves out HTML, reply-to and attachments the message does not have', async () => {
      await connector.send({ channel: 'email', to: 'ada@example.com', from: 'x@example.com', subject: 'Plain', text: 'Only text' }, settings(fake.config()), context());
      const body = fake.requests[0].json!;
      expect(body).not.toHaveProperty('HtmlBody');
      expect(body).not.toHaveProperty('ReplyTo');
      expect(body).not.toHaveProperty('Attachments');
      expect(body['TextBody']).toBe('Only text');
    });

    it('refuses an SMS without calling Postmark', async () => {
      const error = await failure(connector.send({ channel: 'sms', to: '+14155550123', body: 'Hi' }, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(PermanentError);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('mapping Postmark answers', () => {
    it('a wrong server token is a settings problem (HTTP 401, ErrorCode 10)', async () => {
      const error = await failure(connector.send(email, settings(fake.badCredentialsConfig()), context()));
      expect(error).toBeInstanceOf(BadConfigError);
      expect(error).toMatchObject({ providerCode: '10', message: expect.stringContaining('server API token') });
    });

    it('a sender address that is not a confirmed signature is a settings problem (ErrorCode 400)', async () => {
      const error = await failure(connector.send(email, settings({ ...fake.config(), fromAddress: 'someone@elsewhere.test' }), context()));
      expect(error).toBeInstanceOf(BadConfigError);
      expect(error).toMatchObject({ providerCode: '400', message: expect.stringContaining('sender signature') });
    });

    it('an invalid email request is permanent (ErrorCode 300) and carries Postmark\'s reason', async () => {
      const error = await failure(connector.send({ ...email, to: 'not-an-address' }, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ providerCode: '300', message: expect.stringContaining("Invalid 'To' address") });
    });

    it('an inactive recipient is permanent (ErrorCode 406)', async () => {
      fake.behave('reject-recipient');
      const error = await failure(connector.send(email, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ providerCode: '406' });
    });

    it('HTTP 429 is rate limiting with the Retry-After of the answer', async () => {
      fake.behave('rate-limit');
      const error = await failure(connector.send(email, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterSeconds).toBe(7);
    });

    it('HTTP 5xx is retryable', async () => {
      fake.behave('server-error');
      const error = await failure(connector.send(email, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(RetryableError);
      expect(error).toMatchObject({ providerCode: '500' });
    });

    it('a refused connection is retryable with the network code', async () => {
      const error = await failure(connector.send(email, settings(fake.unreachableConfig()), context()));
      expect(error).toBeInstanceOf(RetryableError);
      expect(error).toMatchObject({ providerCode: 'ECONNREFUSED' });
    });

    it('no answer within the timeout is retryable', async () => {
      fake.behave('hang');
      const error = await failure(connector.send(email, settings(fake.config()), context({ timeoutMs: 200 })));
      expect(error).toBeInstanceOf(RetryableError);
      expect(error).toMatchObject({ providerCode: 'timeout', message: expect.stringContaining('did not answer') });
    });

    it('stops waiting when the platform aborts', async () => {
      fake.behave('hang');
      const controller = new AbortController();
      const pending = failure(connector.send(email, settings(fake.config()), context({ signal: controller.signal })));
      while (fake.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      const error = await pending;
      expect(error).toBeInstanceOf(RetryableError);
      expect(error.message).toContain('stopped');
    });

    it('a success answer without a MessageID is retryable, not a silent success', async () => {
      fake.behave('accept-without-id');
      const error = await failure(connector.send(email, settings(fake.config()), context()));
      expect(error).toBeInstanceOf(RetryableError);
      expect(error.message).toContain('without a message ID');
    });

    it('an API address that is not the Postmark API is a settings problem', async () => {
      const error = await failure(connector.send(email, settings({ ...fake.config(), apiBaseUrl: `${fake.config()['apiBaseUrl']}/v2` }), context()));
      expect(error).toBeInstanceOf(BadConfigError);
      expect(error).toMatchObject({ providerCode: '404', message: expect.stringContaining('API address') });
    });

    it.each([
      [{ status: 422, body: { ErrorCode: 405, Message: 'Not allowed to send: out of credits.' } }, BadConfigError, '405'],
      [{ status: 422, body: { ErrorCode: 412, Message: 'Account is pending approval.' } }, BadConfigError, '412'],
      [{ status: 422, body: { ErrorCode: 401, Message: 'Sender signature not confirmed.' } }, BadConfigError, '401'],
      [{ status: 422, body: { ErrorCode: 411, Message: 'Forbidden attachment type.' } }, PermanentError, '411'],
      [{ status: 503, body: undefined }, RetryableError, '503'],
      [{ status: 422, body: { ErrorCode: 100, Message: 'Maintenance.' } }, RetryableError, '100'],
      [{ status: 408, body: undefined }, RetryableError, '408'],
      [{ status: 403, body: undefined }, PermanentError, '403'],
    ])('maps %j to the right error class', (answer, kind, providerCode) => {
      const error = postmarkError({ retryAfter: null, ...answer }, fake.config());
      expect(error).toBeInstanceOf(kind);
      expect(error.providerCode).toBe(providerCode);
    });

    it('reads Retry-After as an HTTP date and falls back to 60 seconds without one', () => {
      const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
      const dated = postmarkError({ status: 429, retryAfter: inTwoMinutes, body: undefined }, fake.config()) as RateLimitedError;
      expect(dated.retryAfterSeconds).toBeGreaterThan(100);
      expect(dated.retryAfterSeconds).toBeLessThanOrEqual(120);
      const bare = postmarkError({ status: 429, retryAfter: null, body: undefined }, fake.config()) as RateLimitedError;
      expect(bare.retryAfterSeconds).toBe(60);
    });

    it('takes a secret out of Postmark\'s words before they reach the tenant', () => {
      const error = postmarkError({ status: 422, retryAfter: null, body: { ErrorCode: 300, Message: `Token ${SERVER_TOKEN} rejected` } }, fake.config());
      expect(error.message).not.toContain(SERVER_TOKEN);
      expect(error.message).toContain('Token •••• rejected');
    });

    it('never writes the token or a message body to the log', async () => {
      const logs: string[] = [];
      for (const scenario of ['accept', 'reject-auth', 'rate-limit', 'server-error', 'reject-recipient'] as const) {
        fake.behave(scenario);
        const ctx = context();
        await connector.send(email, settings(fake.config()), ctx).catch(() => undefined);
        logs.push(...ctx.logs);
      }
      expect(logs.length).toBeGreaterThanOrEqual(5);
      for (const line of logs) {
        expect(line).not.toContain(SERVER_TOKEN);
        expect(line).not.toContain(email.text);
        expect(line).not.toContain(email.to);
      }
    });
  });

  describe('verify', () => {
    it('is ok with a token Postmark accepts, naming the server', async () => {
      const result = await connector.verify!(settings(fake.config()), context());
      expect(result).toEqual({ ok: true, message: 'Connected to the Postmark server "Fieldbook test server".' });
      expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/server' });
      expect(fake.requests[0].headers['x-postmark-server-token']).toBe(SERVER_TOKEN);
    });

    it('is not ok with a refused token, and says so without the token', async () => {
      const result = await connector.verify!(settings(fake.badCredentialsConfig()), context());
      expect(result.ok).toBe(false);
      expect(result.message).toContain('server API token');
      expect(result.message).not.toContain('pm-wrong-token');
    });

    it('is not ok when Postmark cannot be reached', async () => {
      const result = await connector.verify!(settings(fake.unreachableConfig()), context());
      expect(result).toEqual({ ok: false, message: expect.stringContaining('could not be reached') });
    });
  });

  describe('status webhooks', () => {
    const config = () => settings(fake.config());

    it('turns a Delivery record into delivered and a hard Bounce into failed with its description', async () => {
      const { providerMessageId } = await connector.send(email, config(), context());
      expect(await connector.parseStatusWebhook!(fake.statusWebhook(providerMessageId, 'delivered', config()), config())).toEqual([{ providerMessageId, state: 'delivered' }]);
      expect(await connector.parseStatusWebhook!(fake.statusWebhook(providerMessageId, 'failed', config()), config())).toEqual([
        { providerMessageId, state: 'failed', reason: 'Hard bounce: The server was unable to deliver your message (ex: unknown user, mailbox not found).' },
      ]);
    });

    it('refuses a webhook with a wrong password, a wrong user name, another scheme or no credentials', async () => {
      const good = fake.statusWebhook('m-1', 'delivered', config());
      const wrongPassword = fake.statusWebhook('m-1', 'delivered', { ...config(), webhookPassword: 'pm-webhook-pass-8d2b4c62' });
      const wrongUser = fake.statusWebhook('m-1', 'delivered', { ...config(), webhookUsername: 'someone' });
      for (const headers of [wrongPassword.headers, wrongUser.headers, { authorization: `Bearer ${WEBHOOK_PASSWORD}` }, {}]) {
        await expect(connector.parseStatusWebhook!({ ...good, headers }, config())).rejects.toBeInstanceOf(InvalidSignatureError);
      }
    });

    it('refuses every webhook while no webhook credentials are set, saying what to set', async () => {
      const request = fake.statusWebhook('m-1', 'delivered', config());
      const unset = settings({ ...fake.config(), webhookPassword: '' });
      await expect(connector.parseStatusWebhook!(request, unset)).rejects.toThrow('webhook user name and password');
      await expect(connector.parseStatusWebhook!(request, settings({ ...fake.config(), webhookUsername: '' }))).rejects.toBeInstanceOf(InvalidSignatureError);
    });

    it('ignores bounce notices that are not failures, other record types and bodies that are not records', async () => {
      const base = fake.statusWebhook('m-1', 'failed', config());
      const bounce = JSON.parse(base.rawBody) as Record<string, unknown>;
      for (const rawBody of [JSON.stringify({ ...bounce, Type: 'Transient' }), JSON.stringify({ ...bounce, RecordType: 'Open' }), JSON.stringify({ ...bounce, MessageID: '' }), 'not json', '[1]']) {
        expect(await connector.parseStatusWebhook!({ ...base, rawBody }, config())).toEqual([]);
      }
    });
  });
});
