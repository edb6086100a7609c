import { randomUUID } from 'node:crypto';
import {
  BadConfigError,
  ConnectorError,
  EmailMessage,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendContext,
  validateConfig,
} from '@fieldbook/plugin-sdk';
import connector from './index';
import { messageIdFor } from './smtp.connector';
import { retryAfterSeconds } from './smtp-errors';
import { FakeSmtpServer, SMTP_PASSWORD, SMTP_USER } from '../test/fake-smtp-server';

const invite = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:booking-42@fieldbook.test',
  'DTSTART:20300105T090000Z',
  'DTEND:20300105T100000Z',
  'SUMMARY:Boiler service',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

function email(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    channel: 'email',
    to: 'customer@example.test',
    from: 'bookings@fieldbook.test',
    subject: 'Your booking on 5 January',
    text: 'Your technician arrives at 09:00.',
    ...overrides,
  };
}

describe('SMTP connector against a real SMTP server', () => {
  const fake = new FakeSmtpServer();
  const logs: string[] = [];

  function context(overrides: Partial<SendContext> = {}): SendContext {
    return { idempotencyKey: randomUUID(), timeoutMs: 5000, signal: new AbortController().signal, log: (line) => logs.push(line), ...overrides };
  }

  async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.behave('accept'));
  afterAll(() => {
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(line).not.toContain(SMTP_PASSWORD);
  });

  it('accepts the settings the fake hands out and refuses an incomplete or mistyped one per field', () => {
    expect(validateConfig(connector.manifest.configSchema, fake.config())).toMatchObject({ ok: true });
    const result = validateConfig(connector.manifest.configSchema, { host: 'smtp.example.com', port: 'twenty', caCertificate: 'not a pem' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.key, issue.code])).toEqual([
      ['port', 'type'],
      ['fromAddress', 'required'],
      ['caCertificate', 'pattern'],
    ]);
  });

  it('upgrades the session with STARTTLS and logs in before sending', async () => {
    await connector.send(email(), fake.config(), context());
    const message = fake.received.at(-1)!;
    expect(message.secure).toBe(true);
    expect(message.user).toBe(SMTP_USER);
    expect(fake.logins.at(-1)).toMatchObject({ user: SMTP_USER, secure: true, accepted: true });
  });

  it('sends HTML with a text alternative, the display name and the reply-to address', async () => {
    await connector.send(
      email({ html: '<p>Your technician arrives at <b>09:00</b>.</p>', fromName: 'Acme Heating', replyTo: 'office@acme.test', subject: 'Rendez-vous confirmé' }),
      fake.config(),
      context(),
    );
    const message = fake.received.at(-1)!;
    expect(message).toMatchObject({ to: 'customer@example.test', from: 'bookings@fieldbook.test', subject: 'Rendez-vous confirmé' });
    expect(message.text).toBe('Your technician arrives at 09:00.');
    expect(message.html).toBe('<p>Your technician arrives at <b>09:00</b>.</p>');
    expect(message.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(message.headers.get('from')).toBe('Acme Heating <bookings@fieldbook.test>');
    expect(message.headers.get('reply-to')).toBe('office@acme.test');
  });

  it('sends from the configured sender name when the message has none', async () => {
    await connector.send(email(), fake.config(), context());
    expect(fake.received.at(-1)!.headers.get('from')).toBe('Fieldbook Bookings <bookings@fieldbook.test>');
  });

  it('sends as the configured address and lets replies reach a different sender of the message', async () => {
    await connector.send(email({ from: 'office@acme.test' }), fake.config(), context());
    const message = fake.received.at(-1)!;
    expect(message.from).toBe('bookings@fieldbook.test');
    expect(message.headers.get('reply-to')).toBe('office@acme.test');
  });

  it('delivers a calendar invite attachment with its content type and method intact', async () => {
    const attachment = { filename: 'booking.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8', content: Buffer.from(invite).toString('base64') };
    await connector.send(email({ attachments: [attachment] }), fake.config(), context());
    const message = fake.received.at(-1)!;
    expect(message.attachments).toBe(1);
    const part = message.attachmentParts[0];
    expect(part.filename).toBe('booking.ics');
    expect(part.contentType).toMatch(/^text\/calendar;/);
    expect(part.contentType).toMatch(/method=REQUEST/);
    expect(part.content.toString('utf8')).toBe(invite);
  });

  it('gives every attempt of one notification the same Message-ID and reports it as the provider id', async () => {
    const key = randomUUID();
    const first = await connector.send(email(), fake.config(), context({ idempotencyKey: key }));
    const second = await connector.send(email(), fake.config(), context({ idempotencyKey: key }));
    const other = await connector.send(email(), fake.config(), context());
    const [a, b, c] = fake.received.slice(-3).map((message) => message.headers.get('message-id'));
    expect(a).toBe(messageIdFor(key, 'bookings@fieldbook.test'));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(first.providerMessageId).toBe(a);
    expect(second.providerMessageId).toBe(a);
    expect(other.providerMessageId).toBe(c);
    expect(a).toMatch(/^<[0-9a-f]{32}@fieldbook\.test>$/);
  });

  it('refuses to send in clear text to a server that requires STARTTLS, saying so', async () => {
    const [received, logins] = [fake.received.length, fake.logins.length];
    const error = await failure(connector.send(email(), { ...fake.config(), security: 'none' }, context()));
    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.message).toMatch(/only accepts encrypted connections; choose STARTTLS or TLS/);
    expect(error.providerCode).toBe('538');
    expect(fake.received.length).toBe(received);
    expect(fake.logins.length).toBe(logins);
  });

  it('reports a certificate it cannot verify as a settings problem, and trusts it with its CA certificate', async () => {
    const { caCertificate: _ca, ...withoutCa } = fake.config();
    const error = await failure(connector.send(email(), withoutCa, context()));
    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.message).toMatch(/certificate of 127\.0\.0\.1:\d+ could not be verified/);
    await expect(connector.send(email(), { ...withoutCa, rejectUnauthorized: false }, context())).resolves.toHaveProperty('providerMessageId');
  });

  it('reports TLS on a STARTTLS port as a settings problem', async () => {
    const error = await failure(connector.send(email(), { ...fake.config(), security: 'tls' }, context()));
    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.message).toMatch(/encryption setting matches the port/);
  });

  it('maps a refused login (535) to bad config without the password', async () => {
    const error = await failure(connector.send(email(), fake.badCredentialsConfig(), context()));
    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.providerCode).toBe('535');
    expect(error.message).toMatch(/refused the login/);
    expect(error.message).not.toContain(String(fake.badCredentialsConfig().password));
  });

  it('maps 421 "too many messages, try again in 7 seconds" to rate-limited after 7 seconds', async () => {
    fake.behave('rate-limit');
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(7);
    expect(error.providerCode).toBe('421');
  });

  it('maps a 450 rate limit that names no time to rate-limited after 60 seconds', async () => {
    fake.refuse({ at: 'MAIL FROM', code: 450, text: '4.7.1 Sending rate limit exceeded' });
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(60);
  });

  it('maps 451 on DATA to retryable', async () => {
    fake.behave('server-error');
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe('451');
    expect(error.message).toMatch(/Temporary local problem/);
  });

  it('maps 550 on RCPT TO to permanent', async () => {
    fake.behave('reject-recipient');
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/refused the recipient address.*No such user here/);
  });

  it('maps 552 on DATA (content refused) to permanent', async () => {
    fake.refuse({ at: 'DATA', code: 552, text: '5.3.4 Message too big for system' });
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.providerCode).toBe('552');
  });

  it('maps a refused sender address to bad config', async () => {
    fake.refuse({ at: 'MAIL FROM', code: 553, text: '5.7.1 Sender address rejected: not owned by user' });
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error).toBeInstanceOf(BadConfigError);
    expect(error.message).toMatch(/refused the sender address/);
  });

  it('never repeats the password when a server echoes it back', async () => {
    fake.refuse({ at: 'RCPT TO', code: 550, text: `5.1.1 unknown user ${SMTP_PASSWORD}` });
    const error = await failure(connector.send(email(), fake.config(), context()));
    expect(error.message).not.toContain(SMTP_PASSWORD);
    expect(String((error as Error & { cause?: unknown }).cause)).not.toContain(SMTP_PASSWORD);
    expect(error.message).toContain('unknown user ••••••••');
  });

  it('maps a refused connection to retryable', async () => {
    const error = await failure(connector.send(email(), fake.unreachableConfig(), context()));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe('ECONNREFUSED');
  });

  it('gives up with retryable when the server never answers the message', async () => {
    fake.behave('hang-on-data');
    const error = await failure(connector.send(email(), fake.config(), context({ timeoutMs: 400 })));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.message).toMatch(/did not (answer in time|finish within 400 ms)/);
  });

  it('gives up with retryable when the server never sends its greeting', async () => {
    fake.behave('hang');
    const error = await failure(connector.send(email(), fake.config(), context({ timeoutMs: 300 })));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.message).toMatch(/did not (answer in time|finish within 300 ms)/);
  });

  it('refuses an SMS as a permanent failure', async () => {
    const error = await failure(connector.send({ channel: 'sms', to: '+14155550123', body: 'Hi' }, fake.config(), context()));
    expect(error).toBeInstanceOf(PermanentError);
  });

  it('stops when the platform aborts the send', async () => {
    fake.behave('hang');
    const controller = new AbortController();
    const connected = fake.nextConnection();
    const sending = connector.send(email(), fake.config(), context({ signal: controller.signal, timeoutMs: 60_000 }));
    await connected;
    controller.abort();
    const error = await failure(sending);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.message).toBe('Cancelled before the SMTP server answered.');
  });

  it('verifies good settings, and explains bad ones without the password', async () => {
    const verifyContext = { timeoutMs: 5000, signal: new AbortController().signal, log: (line: string) => logs.push(line) };
    await expect(connector.verify!(fake.config(), verifyContext)).resolves.toEqual({ ok: true });
    const bad = await connector.verify!(fake.badCredentialsConfig(), verifyContext);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/refused the login/);
    expect(bad.message).not.toContain(String(fake.badCredentialsConfig().password));
    const unreachable = await connector.verify!(fake.unreachableConfig(), verifyContext);
    expect(unreachable).toEqual({ ok: false, message: expect.stringMatching(/could not be reached/) });
  });

  it('verify stops waiting when aborted', async () => {
    fake.behave('hang');
    const controller = new AbortController();
    const connected = fake.nextConnection();
    const verifying = connector.verify!(fake.config(), { timeoutMs: 60_000, signal: controller.signal, log: () => undefined });
    await connected;
    controller.abort();
    await expect(verifying).resolves.toEqual({ ok: false, message: 'Cancelled before the SMTP server answered.' });
  });
});

describe('SMTP connector against a server without STARTTLS', () => {
  const fake = new FakeSmtpServer({ offerStartTls: false });
  const context = () => ({ idempotencyKey: randomUUID(), timeoutMs: 5000, signal: new AbortController().signal, log: () => undefined });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('refuses to send without encryption when STARTTLS is required', async () => {
    const error = await connector.send(email(), fake.config(), context()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BadConfigError);
    expect((error as BadConfigError).message).toMatch(/does not offer STARTTLS/);
    expect(fake.received).toHaveLength(0);
    expect(fake.logins).toHaveLength(0);
  });

  it('sends in clear text when encryption is set to none', async () => {
    await connector.send(email(), { ...fake.config(), security: 'none' }, context());
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]).toMatchObject({ secure: false, user: SMTP_USER });
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    ['4.7.0 Too many messages, try again in 7 seconds', 7],
    ['4.7.1 Rate limited, retry after 2 minutes', 120],
    ['4.7.1 Sending rate limit exceeded', 60],
  ])('reads "%s" as %i seconds', (reply, seconds) => {
    expect(retryAfterSeconds(reply)).toBe(seconds);
  });
});
