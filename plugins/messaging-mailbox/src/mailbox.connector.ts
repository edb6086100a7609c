import {
  BadConfigError,
  Channel,
  Connector,
  ConnectorCapabilities,
  ConnectorError,
  ConnectorManifest,
  MailboxSink,
  OutboundMessage,
  PermanentError,
  RetryableError,
  SendContext,
  SendResult,
} from '@fieldbook/plugin-sdk';

const VERSION = '0.1.0';

const CAPABILITIES: Record<Channel, ConnectorCapabilities> = {
  email: { html: true, attachments: true, providerIdempotency: false, statusWebhooks: false },
  sms: { providerIdempotency: false, statusWebhooks: false },
};

const NAMES: Record<Channel, string> = { email: 'Mailbox (email)', sms: 'Mailbox (SMS)' };

function manifestFor(channel: Channel): ConnectorManifest {
  return {
    id: `mailbox-${channel}`,
    displayName: NAMES[channel],
    channel,
    version: VERSION,
    description:
      channel === 'email'
        ? 'Sends nothing: every email is kept in the environment’s mailbox, where the admin console shows it like a mail catcher. For development and sandbox environments.'
        : 'Sends nothing: every SMS is kept in the environment’s mailbox, where the admin console shows it. For development and sandbox environments.',
    configSchema: [],
    capabilities: CAPABILITIES[channel],
  };
}

function aborted(channel: Channel): RetryableError {
  return new RetryableError(`The ${NAMES[channel]} did not store the message in time.`);
}

/** Resolves with `work`, or rejects as soon as `signal` aborts (the sink is the platform's storage; it may be slow). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, channel: Channel): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(channel));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function store(channel: Channel, message: OutboundMessage, mailbox: MailboxSink | undefined, context: SendContext): Promise<SendResult> {
  if (!mailbox) throw new BadConfigError('The mailbox is not available here.');
  if (message?.channel !== channel) throw new PermanentError(`The ${NAMES[channel]} keeps ${channel === 'email' ? 'email' : 'SMS'} messages only.`);
  if (context.signal.aborted) throw aborted(channel);
  let stored: { id: string };
  try {
    // Stop waiting when the platform aborts or the time it gave runs out, whichever comes first.
    const deadline = AbortSignal.any([context.signal, AbortSignal.timeout(context.timeoutMs)]);
    stored = await untilAborted(Promise.resolve().then(() => mailbox.store(message)), deadline, channel);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    // The sink is the platform's own storage: a failure there is worth another try.
    throw new RetryableError(`The ${NAMES[channel]} could not store the message.`, { cause: error });
  }
  if (typeof stored?.id !== 'string' || stored.id === '') throw new RetryableError(`The ${NAMES[channel]} could not store the message.`);
  context.log(`${manifestFor(channel).id}: kept as ${stored.id}`);
  return { providerMessageId: stored.id };
}

/** A development connector for one channel: messages go to the platform's mailbox, nothing leaves. */
export function mailboxConnector(channel: Channel): Connector {
  return {
    manifest: manifestFor(channel),
    send: (message, _config, context) => store(channel, message, context.mailbox, context),
    // There is nothing to reach and nothing to log in to.
    verify: async () => ({ ok: true }),
  };
}

export const mailboxEmail = mailboxConnector('email');
export const mailboxSms = mailboxConnector('sms');
