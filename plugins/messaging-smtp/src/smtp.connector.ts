import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import {
  ConfigField,
  Connector,
  ConnectorConfig,
  ConnectorManifest,
  EmailMessage,
  PermanentError,
  SendContext,
  VerifyResult,
} from '@fieldbook/plugin-sdk';
import { toConnectorError } from './smtp-errors';

const configSchema: ConfigField[] = [
  {
    key: 'host',
    type: 'string',
    label: 'SMTP server',
    help: 'Host name of the SMTP server, e.g. smtp.example.com.',
    required: true,
    maxLength: 253,
    pattern: { source: '^[A-Za-z0-9][A-Za-z0-9.:-]*$', message: 'SMTP server must be a host name such as smtp.example.com.' },
  },
  { key: 'port', type: 'number', label: 'Port', help: 'Usually 587 for STARTTLS and 465 for TLS.', required: false, default: 587, min: 1, max: 65535 },
  {
    key: 'security',
    type: 'select',
    label: 'Encryption',
    help: 'STARTTLS encrypts after connecting, TLS from the first byte. None sends everything, the password too, in clear text.',
    required: false,
    default: 'starttls',
    options: [
      { value: 'starttls', label: 'STARTTLS (required)' },
      { value: 'tls', label: 'TLS from the start' },
      { value: 'none', label: 'None' },
    ],
  },
  { key: 'username', type: 'string', label: 'User name', help: 'Leave empty for a server that needs no login.', required: false, maxLength: 320 },
  { key: 'password', type: 'secret', label: 'Password', help: 'Password or API key of the SMTP login.', required: false, maxLength: 1000 },
  {
    key: 'fromAddress',
    type: 'email',
    label: 'Sender address',
    help: 'Messages are sent from this address; the SMTP account must be allowed to send as it.',
    required: true,
    maxLength: 320,
  },
  { key: 'fromName', type: 'string', label: 'Sender name', help: 'Shown as the sender when a message names none.', required: false, maxLength: 200 },
  {
    key: 'caCertificate',
    type: 'string',
    label: 'CA certificate (PEM)',
    help: 'Only for a server whose certificate comes from a private authority: that authority’s certificate.',
    required: false,
    maxLength: 20000,
    pattern: {
      source: '^-----BEGIN CERTIFICATE-----[\\s\\S]+-----END CERTIFICATE-----\\s*$',
      message: 'CA certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----).',
    },
  },
  {
    key: 'rejectUnauthorized',
    type: 'boolean',
    label: 'Verify the server certificate',
    help: 'Turn off only for a test server: anyone on the way could then read the mail and the password.',
    required: false,
    default: true,
  },
];

export const manifest: ConnectorManifest = {
  id: 'smtp',
  displayName: 'SMTP',
  channel: 'email',
  version: '0.1.0',
  description: 'Email through any SMTP server: your own, or a provider’s SMTP relay.',
  configSchema,
  capabilities: { html: true, attachments: true, providerIdempotency: false, statusWebhooks: false },
};

const SECURITY = {
  starttls: { secure: false, requireTLS: true },
  tls: { secure: true },
  none: { secure: false, ignoreTLS: true },
} as const;

function transportFor(config: ConnectorConfig, timeoutMs: number) {
  const ca = config.caCertificate ? String(config.caCertificate) : undefined;
  const user = config.username ? String(config.username) : undefined;
  return createTransport({
    host: String(config.host),
    port: Number(config.port ?? 587),
    ...SECURITY[(config.security as keyof typeof SECURITY) ?? 'starttls'],
    tls: { rejectUnauthorized: config.rejectUnauthorized !== false, ...(ca ? { ca } : {}) },
    // A configured login is always used, even where the server does not advertise AUTH.
    ...(user ? { auth: { user, pass: String(config.password ?? '') }, forceAuth: true } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    socketCloseTimeout: 0,
    logger: false,
  });
}

/** Every attempt at one notification carries the same Message-ID, so receivers can drop a repeat. */
export function messageIdFor(idempotencyKey: string, fromAddress: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${digest}@${fromAddress.split('@').pop()}>`;
}

function mailFor(message: EmailMessage, config: ConnectorConfig, context: SendContext) {
  const address = String(config.fromAddress);
  const name = message.fromName ?? (config.fromName ? String(config.fromName) : undefined);
  return {
    messageId: messageIdFor(context.idempotencyKey, address),
    from: name ? { name, address } : address,
    // The account sends as its own address; replies still reach the sender the message names.
    replyTo: message.replyTo ?? (message.from && message.from !== address ? message.from : undefined),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map(({ filename, contentType, content }) => ({
      filename,
      contentType,
      content: Buffer.from(content, 'base64'),
    })),
  };
}

/** Aborted by the platform, or after timeoutMs for the whole exchange. */
function deadline(context: Pick<SendContext, 'signal' | 'timeoutMs'>): AbortSignal {
  return AbortSignal.any([context.signal, AbortSignal.timeout(context.timeoutMs)]);
}

export const smtpConnector: Connector = {
  manifest,

  async send(message, config, context) {
    if (message.channel !== 'email') throw new PermanentError('The SMTP connector sends email only.');
    const transport = transportFor(config, context.timeoutMs);
    context.log(`smtp: sending through ${config.host}:${config.port ?? 587} (${config.security ?? 'starttls'})`);
    try {
      const info = await transport.sendMail({ ...mailFor(message, config, context), signal: deadline(context) });
      // Servers that replace the Message-ID (Microsoft 365, Amazon SES) name theirs in the 250 reply.
      const providerMessageId = info.serverMessageId ?? info.messageId;
      context.log(`smtp: accepted as ${providerMessageId}`);
      return { providerMessageId };
    } catch (error) {
      throw toConnectorError(error, config, context);
    } finally {
      transport.close();
    }
  },

  /** Connects, upgrades with STARTTLS and logs in, without sending anything. */
  async verify(config, context): Promise<VerifyResult> {
    const transport = transportFor(config, context.timeoutMs);
    context.log(`smtp: verifying ${config.host}:${config.port ?? 587}`);
    try {
      // verify() takes no signal: stop waiting on abort; its connection ends by its own timeouts.
      await untilAborted(transport.verify(), deadline(context));
      return { ok: true };
    } catch (error) {
      return { ok: false, message: toConnectorError(error, config, context).message };
    } finally {
      transport.close();
    }
  },
};

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('Aborted'), { code: 'EABORT' }));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
