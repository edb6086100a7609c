import {
  BadConfigError,
  ConnectorConfig,
  ConnectorError,
  InvalidSignatureError,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendContext,
  validateConfig,
} from '@fieldbook/plugin-sdk';
import twilio from 'twilio';
import { CustomAnswer, FakeTwilioApi, twilioSignature, WEBHOOK_URL } from '../test/fake-twilio-api';
import connector, { manifest } from './index';

const TO = '+14155550123';
const SMS = { channel: 'sms' as const, to: TO, body: 'Your booking FB-7Q2K is confirmed for Tue 10:00.' };
const MG = `MG${'a1'.repeat(16)}`;

let fake: FakeTwilioApi;
let logLines: string[];

function context(overrides: Partial<SendContext> = {}): SendContext {
  return {
    idempotencyKey: 'notification-1:attempt-1',
    timeoutMs: 5000,
    signal: new AbortController().signal,
    log: (line) => logLines.push(line),
    publicUrl: 'https://book.example.com/',
    ...overrides,
  };
}

function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

function flipFirst(text: string): string {
  return (text.startsWith('A') ? 'B' : 'A') + text.slice(1);
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConnectorError)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  logLines = [];
  fake = new FakeTwilioApi();
  await fake.start();
});

afterEach(() => fake.stop());

describe('sending through the Twilio SDK', () => {
  it('sends the request Twilio documents: path, basic auth, form body and the SDK user agent', async () => {
    const result = await connector.send(SMS, fake.config(), context());

    const [request] = fake.requests();
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['user-agent']).toMatch(/^twilio-node\/6\.2\.0 /);
    expect(form(request.body)).toEqual({
      To: TO,
      From: fake.from,
      Body: SMS.body,
      StatusCallback: 'https://book.example.com/api/webhooks/messaging/twilio',
    });
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.delivered()).toEqual([{ to: TO, text: SMS.body }]);
    expect(logLines.join('\n')).not.toContain(SMS.body);
  });

  it('sends through a messaging service when one is set instead of a number', async () => {
    await connector.send(SMS, { ...fake.config(), from: undefined, messagingServiceSid: MG }, context());

    const fields = form(fake.requests()[0].body);
    expect(fields.MessagingServiceSid).toBe(MG);
    expect(fields).not.toHaveProperty('From');
  });

  it('passes both the number and the messaging service when both are set', async () => {
    await connector.send(SMS, { ...fake.config(), messagingServiceSid: MG }, context());

    expect(form(fake.requests()[0].body)).toMatchObject({ From: fake.from, MessagingServiceSid: MG });
  });

  it.each([
    ['delivery reports are off', { statusCallback: false }, 'https://book.example.com'],
    ['the public URL is unknown', {}, undefined],
  ])('asks for no status callback when %s', async (_case, settings: ConnectorConfig, publicUrl) => {
    await connector.send(SMS, { ...fake.config(), ...settings }, context({ publicUrl }));

    expect(form(fake.requests()[0].body)).not.toHaveProperty('StatusCallback');
  });

  it('refuses to send without a sender number or messaging service, before calling Twilio', async () => {
    const error = await failure(connector.send(SMS, { ...fake.config(), from: undefined }, context()));

    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.message).toBe('Fill in a sender number or a messaging service SID.');
    expect(fake.requests()).toHaveLength(0);
  });

  it('refuses an email message as a configuration mistake', async () => {
    const email = { channel: 'email' as const, to: 'a@example.com', from: 'b@example.com', subject: 'Hi', text: 'Hi' };

    await expect(connector.send(email, fake.config(), context())).rejects.toBeInstanceOf(BadConfigError);
    expect(fake.requests()).toHaveLength(0);
  });
});

describe('mapping Twilio errors', () => {
  const answer = (status: number, code: number | undefined, message = 'Refused', headers?: Record<string, string>): CustomAnswer => ({ status, code, message, headers });

  it.each([
    ['a refused login (401, 20003)', 'reject-auth' as const, BadConfigError, '20003'],
    ['an unknown account (404, 20404)', answer(404, 20404), BadConfigError, '20404'],
    ['a server error (500)', 'server-error' as const, RetryableError, '20500'],
    ['a gateway error without a Twilio code (502)', answer(502, undefined, 'Bad Gateway'), RetryableError, '502'],
    ["an invalid 'To' number (21211)", 'reject-recipient' as const, PermanentError, '21211'],
    ['a recipient that is not a mobile number (21614)', answer(400, 21614), PermanentError, '21614'],
    ['a recipient who unsubscribed (21610)', answer(400, 21610), PermanentError, '21610'],
    ['a sender that cannot send SMS (21606)', answer(400, 21606), BadConfigError, '21606'],
    ['an invalid sender (21212)', answer(400, 21212), BadConfigError, '21212'],
    ['any other refusal (21617, body too long)', answer(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'), PermanentError, '21617'],
  ])('maps %s', async (_case, scenario, kind, providerCode) => {
    fake.behave(scenario);

    const error = await failure(connector.send(SMS, fake.config(), context()));

    expect(error).toBeInstanceOf(kind);
    expect(error.providerCode).toBe(providerCode);
  });

  it("passes Twilio's own words on for a refusal it has no rule for", async () => {
    fake.behave(answer(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'));

    const error = await failure(connector.send(SMS, fake.config(), context()));

    expect(error.message).toBe('Twilio refused the message: The concatenated message body exceeds the 1600 character limit.');
  });

  it('maps a refused auth token to bad config without revealing the token', async () => {
    const config = fake.badCredentialsConfig();

    const error = await failure(connector.send(SMS, config, context()));

    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.message).toBe('Twilio refused the account SID or auth token.');
    expect(`${error.message} ${error.providerCode} ${logLines.join(' ')}`).not.toContain(String(config.authToken));
  });

  it('reads how long to wait from Retry-After in seconds', async () => {
    fake.behave('rate-limit');

    const error = await failure(connector.send(SMS, fake.config(), context()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(7);
    expect(error.providerCode).toBe('20429');
  });

  it('reads how long to wait from Retry-After as an HTTP date', async () => {
    fake.behave(answer(429, 20429, 'Too Many Requests', { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }));

    const error = (await failure(connector.send(SMS, fake.config(), context()))) as RateLimitedError;

    expect(error.retryAfterSeconds).toBeGreaterThan(100);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('waits a minute when Twilio asks to slow down without saying how long', async () => {
    fake.behave(answer(429, 20429, 'Too Many Requests'));

    const error = (await failure(connector.send(SMS, fake.config(), context()))) as RateLimitedError;

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterSeconds).toBe(60);
  });

  it('retries later when nobody listens at the API address', async () => {
    const error = await failure(connector.send(SMS, fake.unreachableConfig(), context()));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe('ECONNREFUSED');
    expect(error.message).toBe('Could not reach Twilio (ECONNREFUSED).');
  });

  it('gives up on a Twilio that never answers after timeoutMs', async () => {
    fake.behave('hang');

    const error = await failure(connector.send(SMS, fake.config(), context({ timeoutMs: 300 })));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error.message).toBe('Twilio did not answer within 300 ms.');
    expect(fake.requests()).toHaveLength(1);
  });

  it('stops waiting as soon as the platform aborts', async () => {
    fake.behave('hang');
    const controller = new AbortController();
    void fake.nextRequest().then(() => controller.abort());

    const error = await failure(connector.send(SMS, fake.config(), context({ timeoutMs: 600_000, signal: controller.signal })));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe('cancelled');
  });

  it('sends nothing when the platform has already given up', async () => {
    const error = await failure(connector.send(SMS, fake.config(), context({ signal: AbortSignal.abort() })));

    expect(error).toBeInstanceOf(RetryableError);
    expect(fake.requests()).toHaveLength(0);
  });
});

describe('verifying settings', () => {
  const verify = (config: ConnectorConfig) => connector.verify!(config, { timeoutMs: 5000, signal: new AbortController().signal, log: (line) => logLines.push(line) });

  it('fetches the account with the configured credentials', async () => {
    await expect(verify(fake.config())).resolves.toEqual({ ok: true });

    const [request] = fake.requests();
    expect(request.method).toBe('GET');
    expect(request.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}.json`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`);
  });

  it('says the credentials are wrong, without the token', async () => {
    const config = fake.badCredentialsConfig();

    const result = await verify(config);

    expect(result).toEqual({ ok: false, message: 'Twilio refused the account SID or auth token.' });
  });

  it('says when the account is suspended', async () => {
    fake.accountStatus = 'suspended';

    await expect(verify(fake.config())).resolves.toEqual({ ok: false, message: 'The Twilio account is suspended.' });
  });

  it('says a sender is missing without calling Twilio', async () => {
    await expect(verify({ ...fake.config(), from: undefined })).resolves.toEqual({ ok: false, message: 'Fill in a sender number or a messaging service SID.' });
    expect(fake.requests()).toHaveLength(0);
  });

  it('says when Twilio cannot be reached', async () => {
    await expect(verify(fake.unreachableConfig())).resolves.toEqual({ ok: false, message: 'Could not reach Twilio (ECONNREFUSED).' });
  });
});

describe('delivery status callbacks', () => {
  const SID = `SM${'0f'.repeat(16)}`;
  const parse = (request: ReturnType<FakeTwilioApi['statusWebhook']>, config = fake.config()) => connector.parseStatusWebhook!(request, config);

  it('signs callbacks in the fake exactly as the Twilio SDK expects', () => {
    const params = { MessageSid: SID, MessageStatus: 'delivered', To: TO, Body: 'ä & = ?' };

    expect(twilioSignature(fake.authToken, WEBHOOK_URL, params)).toBe(twilio.getExpectedTwilioSignature(fake.authToken, WEBHOOK_URL, params));
  });

  it.each([
    ['sent', { providerMessageId: SID, state: 'sent' }],
    ['delivered', { providerMessageId: SID, state: 'delivered' }],
    ['failed', { providerMessageId: SID, state: 'failed', reason: '30003' }],
  ] as const)('reads a signed "%s" callback', async (state, update) => {
    await expect(parse(fake.statusWebhook(SID, state, fake.config()))).resolves.toEqual([update]);
  });

  it.each([
    ['queued', 'sent'],
    ['sending', 'sent'],
    ['failed', 'failed'],
  ])('maps Twilio status "%s" to "%s"', async (twilioStatus, state) => {
    const params = { MessageSid: SID, MessageStatus: twilioStatus, AccountSid: fake.accountSid };
    const request = { url: WEBHOOK_URL, method: 'POST', headers: { 'x-twilio-signature': twilioSignature(fake.authToken, WEBHOOK_URL, params) }, rawBody: new URLSearchParams(params).toString() };

    await expect(parse(request)).resolves.toEqual([expect.objectContaining({ providerMessageId: SID, state })]);
  });

  it('ignores a signed callback whose status is not a delivery state', async () => {
    const params = { MessageSid: SID, MessageStatus: 'received' };
    const request = { url: WEBHOOK_URL, method: 'POST', headers: { 'x-twilio-signature': twilioSignature(fake.authToken, WEBHOOK_URL, params) }, rawBody: new URLSearchParams(params).toString() };

    await expect(parse(request)).resolves.toEqual([]);
  });

  it.each([
    ['the signature is missing', (request: ReturnType<FakeTwilioApi['statusWebhook']>) => ({ ...request, headers: { ...request.headers, 'x-twilio-signature': undefined } })],
    ['the body was changed', (request: ReturnType<FakeTwilioApi['statusWebhook']>) => ({ ...request, rawBody: request.rawBody.replace('delivered', 'failed') })],
    ['the URL is another one', (request: ReturnType<FakeTwilioApi['statusWebhook']>) => ({ ...request, url: 'https://elsewhere.example/api/webhooks/messaging/twilio' })],
    ['the signature was changed', (request: ReturnType<FakeTwilioApi['statusWebhook']>) => ({ ...request, headers: { ...request.headers, 'x-twilio-signature': flipFirst(request.headers['x-twilio-signature']!) } })],
  ])('refuses a callback when %s', async (_case, tamper) => {
    await expect(parse(tamper(fake.statusWebhook(SID, 'delivered', fake.config())))).rejects.toBeInstanceOf(InvalidSignatureError);
  });

  it('refuses a callback signed with another auth token', async () => {
    const request = fake.statusWebhook(SID, 'delivered', fake.badCredentialsConfig());

    await expect(parse(request)).rejects.toBeInstanceOf(InvalidSignatureError);
  });
});

describe('settings', () => {
  it('requires the account SID and auth token, and turns delivery reports on by default', () => {
    const result = validateConfig(manifest.configSchema, { accountSid: fake.accountSid, authToken: fake.authToken, from: fake.from });

    expect(result).toEqual({ ok: true, config: { accountSid: fake.accountSid, authToken: fake.authToken, from: fake.from, statusCallback: true } });
    const empty = validateConfig(manifest.configSchema, {});
    expect(empty.ok ? [] : empty.issues.map((issue) => `${issue.key}:${issue.code}`)).toEqual(['accountSid:required', 'authToken:required']);
  });

  it('explains each malformed setting on its own field', () => {
    const result = validateConfig(manifest.configSchema, {
      accountSid: 'SK123',
      authToken: 'secret',
      from: '0041 79 123 45 67',
      messagingServiceSid: 'MG12',
      statusCallback: 'sometimes',
      apiBaseUrl: 'ftp://127.0.0.1',
    });

    expect(result.ok ? [] : result.issues.map((issue) => [issue.key, issue.message])).toEqual([
      ['accountSid', 'Account SID must be AC followed by 32 hexadecimal characters.'],
      ['from', 'Sender number must be in international format, e.g. +14155550123.'],
      ['messagingServiceSid', 'Messaging service SID must be MG followed by 32 hexadecimal characters.'],
      ['statusCallback', 'Delivery reports must be true or false.'],
      ['apiBaseUrl', 'API base URL must be an http(s) URL.'],
    ]);
  });
});
