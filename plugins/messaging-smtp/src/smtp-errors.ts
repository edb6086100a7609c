import {
  BadConfigError,
  ConnectorConfig,
  ConnectorError,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendContext,
} from '@fieldbook/plugin-sdk';

/** Why a send failed, as nodemailer reports it. */
interface SmtpFailure extends Error {
  code?: string;
  /** The system's code under nodemailer's, e.g. ECONNREFUSED under ESOCKET. */
  originalCode?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

type ErrorOptions = { providerCode?: string; cause?: unknown };

const CERTIFICATE_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
const TLS_PROBLEM = /^ERR_(SSL|TLS)_/;
const RATE_WORDING = /\brate\b|rate.?limit|too many|throttl|slow down|limit exceeded/i;

/**
 * Turns nodemailer's error into the class the platform acts on (README, "How SMTP answers map").
 * Messages name the server and quote its reply, never a secret.
 */
export function toConnectorError(
  error: unknown,
  config: ConnectorConfig,
  context: Pick<SendContext, 'signal' | 'timeoutMs'>,
): ConnectorError {
  const failure = error as SmtpFailure;
  const server = `${config.host}:${config.port ?? 587}`;
  const lowLevel = failure.originalCode ?? failure.code ?? '';
  const options: ErrorOptions = {
    providerCode: failure.responseCode ? String(failure.responseCode) : lowLevel || undefined,
    cause: redactedCause(failure, config),
  };
  if (failure.responseCode) {
    return fromReply(failure.responseCode, failure.command ?? '', replyText(failure, config), options);
  }
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH') {
    return new BadConfigError('The SMTP server refused the login; check the user name and password.', options);
  }
  if (CERTIFICATE_PROBLEM.test(lowLevel)) {
    return new BadConfigError(
      `The certificate of ${server} could not be verified (${lowLevel}); ` +
        'add the CA certificate of the server or correct the host name.',
      options,
    );
  }
  if (failure.code === 'ETLS' || TLS_PROBLEM.test(lowLevel)) {
    return new BadConfigError(
      `The encrypted connection to ${server} failed; check that the encryption setting matches the port.`,
      options,
    );
  }
  if (failure.code === 'EABORT') {
    const why = context.signal.aborted
      ? 'Cancelled before the SMTP server answered.'
      : `The SMTP server ${server} did not finish within ${context.timeoutMs} ms.`;
    return new RetryableError(why, options);
  }
  if (failure.code === 'ETIMEDOUT') {
    return new RetryableError(`The SMTP server ${server} did not answer in time.`, options);
  }
  return new RetryableError(`The SMTP server ${server} could not be reached (${lowLevel || 'no connection'}).`, options);
}

function fromReply(code: number, command: string, reply: string, options: ErrorOptions): ConnectorError {
  const said = `The SMTP server answered: ${reply}`;
  if (command === 'STARTTLS') {
    return new BadConfigError(`The SMTP server does not offer STARTTLS; choose TLS and its TLS port. ${said}`, options);
  }
  if (code >= 500 && /STARTTLS|TLS required/i.test(reply)) {
    return new BadConfigError(`The SMTP server only accepts encrypted connections; choose STARTTLS or TLS. ${said}`, options);
  }
  if ([530, 534, 535].includes(code) || (command.startsWith('AUTH') && code >= 500)) {
    return new BadConfigError(`The SMTP server refused the login; check the user name and password. ${said}`, options);
  }
  if (code >= 400 && code < 500) {
    if (RATE_WORDING.test(reply)) {
      return new RateLimitedError(`The SMTP server asks to slow down. ${said}`, retryAfterSeconds(reply), options);
    }
    return new RetryableError(`The SMTP server could not take the message right now. ${said}`, options);
  }
  if (code < 500) return new RetryableError(`The SMTP server gave an unexpected answer. ${said}`, options);
  if (command === 'MAIL FROM') return new BadConfigError(`The SMTP server refused the sender address. ${said}`, options);
  if (command === 'RCPT TO') return new PermanentError(`The SMTP server refused the recipient address. ${said}`, options);
  return new PermanentError(`The SMTP server refused the message. ${said}`, options);
}

/**
 * SMTP has no retry-after field; servers that rate limit often say it in words ("try again in 7
 * seconds", "retry after 2 minutes"). Without words, a minute.
 */
export function retryAfterSeconds(reply: string): number {
  const match = /(?:in|after)\s+(\d+)\s*(s|secs?|seconds?|m|mins?|minutes?)\b/i.exec(reply);
  if (!match) return 60;
  const amount = Number(match[1]);
  return Math.max(1, match[2].toLowerCase().startsWith('m') ? amount * 60 : amount);
}

/** The server's words without the reply code. */
function replyText(failure: SmtpFailure, config: ConnectorConfig): string {
  const text = (failure.response ?? '').replace(/^\d{3}[ -]/, '').trim();
  return redact(text || 'no reason given', config);
}

/** A careless server may echo what it was sent; the password never travels on. */
function redact(text: string, config: ConnectorConfig): string {
  const secret = config.password ? String(config.password) : '';
  return secret ? text.split(secret).join('••••••••') : text;
}

/** nodemailer's error, redacted, kept as the cause for the platform's log. */
function redactedCause(failure: SmtpFailure, config: ConnectorConfig): Error {
  const cause = new Error(redact(failure.message ?? String(failure), config));
  cause.name = failure.name ?? 'Error';
  return cause;
}
