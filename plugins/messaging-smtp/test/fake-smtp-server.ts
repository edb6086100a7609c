import { AddressInfo, createServer } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { generate } from 'selfsigned';
import type { ConnectorConfig } from '@fieldbook/plugin-sdk';
import type { DeliveredMessage, FakeScenario, ProviderFake } from '@fieldbook/plugin-sdk/conformance';
import { MimePart, parseMessage } from './mime';

/** The conformance scenarios, plus a server that takes the message and never answers it. */
export type SmtpScenario = FakeScenario | 'hang-on-data';

/** One SMTP command answered with an error reply, for mapping tests beyond the standard scenarios. */
export interface Refusal {
  at: 'MAIL FROM' | 'RCPT TO' | 'DATA';
  code: number;
  text: string;
}

export interface ReceivedMessage {
  to: string;
  from: string;
  subject?: string;
  text: string;
  html?: string;
  attachments: number;
  /** The session was upgraded with STARTTLS (or was TLS from the start) before the message. */
  secure: boolean;
  /** The user the client logged in as. */
  user?: string;
  headers: Map<string, string>;
  attachmentParts: MimePart[];
}

export const SMTP_USER = 'bookings-mailer';
export const SMTP_PASSWORD = 'pw-Xq7!correct-horse';

let certificate: Promise<{ cert: string; key: string }> | undefined;

/** A certificate for localhost and 127.0.0.1, made once per test run; clients trust it as their CA. */
function testCertificate(): Promise<{ cert: string; key: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  }).then((pems) => ({ cert: pems.cert, key: pems.private }));
  return certificate;
}

function replyError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * A real SMTP server (the `smtp-server` package) on a free local port: STARTTLS with a
 * self-signed certificate, AUTH PLAIN/LOGIN required before any mail, and the error replies a
 * real provider gives when it refuses a login, a recipient or a message, or asks to slow down.
 */
export class FakeSmtpServer implements ProviderFake {
  private server?: SMTPServer;
  private port = 0;
  private unusedPort = 0;
  private cert = '';
  private scenario: SmtpScenario = 'accept';
  private refusal?: Refusal;
  private connectionWaiters: (() => void)[] = [];
  readonly received: ReceivedMessage[] = [];
  /** Every login attempt, by user name, accepted or not. */
  readonly logins: { user: string; method: string; secure: boolean; accepted: boolean }[] = [];
  /**
   * Connections that broke mid-transaction (e.g. a client killed while sending: ECONNRESET). A real
   * server logs them and carries on; without a listener the server would throw them.
   */
  readonly connectionErrors: Error[] = [];

  /** `offerStartTls: false` plays an old server that only speaks clear text. */
  constructor(private readonly options: { offerStartTls?: boolean } = {}) {}

  async start(): Promise<void> {
    const { cert, key } = await testCertificate();
    this.cert = cert;
    this.server = new SMTPServer({
      key,
      cert,
      authMethods: ['PLAIN', 'LOGIN'],
      banner: 'Fieldbook test SMTP server',
      logger: false,
      closeTimeout: 100,
      disabledCommands: this.options.offerStartTls === false ? ['STARTTLS'] : [],
      onConnect: (_session, callback) => {
        this.connectionWaiters.splice(0).forEach((wake) => wake());
        // 'hang': the connection is accepted but the greeting never comes.
        if (this.scenario !== 'hang') callback();
      },
      onAuth: (auth, session, callback) => {
        const accepted = this.scenario !== 'reject-auth' && auth.username === SMTP_USER && auth.password === SMTP_PASSWORD;
        this.logins.push({ user: auth.username ?? '', method: auth.method, secure: session.secure, accepted });
        if (!accepted) return callback(replyError(535, '5.7.8 Authentication credentials invalid'));
        callback(null, { user: auth.username });
      },
      onMailFrom: (_address, _session, callback) => {
        if (this.scenario === 'rate-limit') return callback(replyError(421, '4.7.0 Too many messages from this account, try again in 7 seconds'));
        callback(this.refused('MAIL FROM'));
      },
      onRcptTo: (_address, _session, callback) => {
        if (this.scenario === 'reject-recipient') return callback(replyError(550, '5.1.1 No such user here'));
        callback(this.refused('RCPT TO'));
      },
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    const server = this.server;
    server.on('error', (error: Error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.unusedPort = await freePort();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves when the next client has connected. */
  nextConnection(): Promise<void> {
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  config(): ConnectorConfig {
    return {
      host: '127.0.0.1',
      port: this.port,
      security: 'starttls',
      username: SMTP_USER,
      password: SMTP_PASSWORD,
      fromAddress: 'bookings@fieldbook.test',
      fromName: 'Fieldbook Bookings',
      caCertificate: this.cert,
      rejectUnauthorized: true,
    };
  }

  badCredentialsConfig(): ConnectorConfig {
    return { ...this.config(), password: 'pw-wrong-Kd93-battery' };
  }

  unreachableConfig(): ConnectorConfig {
    return { ...this.config(), port: this.unusedPort };
  }

  behave(scenario: SmtpScenario): void {
    this.scenario = scenario;
    this.refusal = undefined;
  }

  /** From now on, answer `refusal.at` with the given reply. */
  refuse(refusal: Refusal): void {
    this.scenario = 'accept';
    this.refusal = refusal;
  }

  delivered(): DeliveredMessage[] {
    return this.received.map(({ to, text, subject, html, attachments }) => ({ to, text, subject, html, attachments }));
  }

  private refused(at: Refusal['at']): Error | null {
    return this.refusal?.at === at ? replyError(this.refusal.code, this.refusal.text) : null;
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (this.scenario === 'hang-on-data') return;
      if (this.scenario === 'server-error') return callback(replyError(451, '4.3.0 Temporary local problem, please try again'));
      const refusal = this.refused('DATA');
      if (refusal) return callback(refusal);
      const parsed = parseMessage(Buffer.concat(chunks).toString('utf8'));
      const from = session.envelope.mailFrom;
      this.received.push({
        to: session.envelope.rcptTo[0]?.address ?? '',
        from: from ? from.address : '',
        subject: parsed.subject,
        text: parsed.text ?? '',
        html: parsed.html,
        attachments: parsed.attachments.length,
        secure: session.secure,
        user: session.user,
        headers: parsed.headers,
        attachmentParts: parsed.attachments,
      });
      callback(null, `2.0.0 Ok: queued as Q${this.received.length}`);
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
