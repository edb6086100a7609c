import {
  BadConfigError,
  ConfigField,
  Connector,
  ConnectorConfig,
  ConnectorError,
  MailboxSink,
  OutboundMessage,
  PermanentError,
  RateLimitedError,
  RetryableError,
  SendResult,
  VerifyResult,
  isSecretField,
} from '@fieldbook/plugin-sdk';
import { inConnectorScope } from './fault-containment';

/** Where the invoker writes: the connector's own log lines and what went wrong with it. */
export interface InvokerLog {
  log(message: string): void;
  warn(message: string): void;
}

export type PlatformFailureReason = 'timeout' | 'garbage' | 'crashed';

/**
 * A connector that broke its contract — hung, threw something that is not a ConnectorError, or
 * answered with garbage. Retryable: the next attempt may find it working.
 */
export class ConnectorMisbehavedError extends RetryableError {
  constructor(
    readonly reason: PlatformFailureReason,
    message: string,
    readonly timeoutMs?: number,
  ) {
    super(message);
  }
}

export interface InvokeOptions {
  connector: Connector;
  config: ConnectorConfig;
  timeoutMs: number;
  logger: InvokerLog;
}

export interface SendOptions extends InvokeOptions {
  message: OutboundMessage;
  idempotencyKey: string;
  mailbox?: MailboxSink;
  publicUrl?: string;
}

const KINDS = ['retryable', 'rate-limited', 'permanent', 'bad-config'] as const;
/**
 * Why a call's signal aborts once the call is over: whatever the connector left running stops.
 * One shared reason, since building an error (with its stack) for every call costs more than the
 * call itself when the connector is the local mailbox.
 */
const CALL_OVER = new DOMException('The call is over.', 'AbortError');
const MAX_TEXT = 500;

/** Every secret value of `config` (by the connector's schema), in the forms a leak would take. */
export function secretValues(schema: ConfigField[], config: ConnectorConfig): string[] {
  const values = new Set<string>();
  for (const field of schema) {
    const value = config[field.key];
    if (!isSecretField(field) || value === undefined || value === null || String(value) === '') continue;
    const text = String(value);
    values.add(text);
    values.add(encodeURIComponent(text));
    values.add(Buffer.from(text, 'utf8').toString('base64'));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced, cut to a length fit for a log line or an error message. */
export function scrub(text: string, secrets: string[], max = MAX_TEXT): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join('[secret]');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `thrown value ${JSON.stringify(error)}`;
  } catch {
    return `thrown value ${String(error)}`;
  }
}

/**
 * A ConnectorError of the API's own classes, built from what the connector threw. Connectors may
 * bring their own copy of the SDK, so errors are recognised by their `kind`, not their class; the
 * message and provider code are scrubbed of secrets on the way.
 */
function normalize(error: unknown, connectorId: string, what: string, secrets: string[], logger: InvokerLog): ConnectorError {
  if (error instanceof ConnectorMisbehavedError) return error;
  const candidate = error as { kind?: unknown; message?: unknown; providerCode?: unknown; retryAfterSeconds?: unknown } | null;
  const kind = typeof candidate === 'object' && candidate !== null ? candidate.kind : undefined;
  if (KINDS.includes(kind as (typeof KINDS)[number]) && typeof candidate?.message === 'string') {
    const message = scrub(candidate.message, secrets) || 'The provider gave no reason.';
    const providerCode = typeof candidate.providerCode === 'string' || typeof candidate.providerCode === 'number' ? scrub(String(candidate.providerCode), secrets, 100) : undefined;
    const options = { providerCode };
    switch (kind) {
      case 'rate-limited': {
        const seconds = Number(candidate.retryAfterSeconds);
        return new RateLimitedError(message, Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), 86_400) : 60, options);
      }
      case 'permanent':
        return new PermanentError(message, options);
      case 'bad-config':
        return new BadConfigError(message, options);
      default:
        return new RetryableError(message, options);
    }
  }
  logger.warn(`${connectorId}: ${what} failed unexpectedly: ${scrub(describe(error), secrets)}`);
  return new ConnectorMisbehavedError('crashed', `The connector ${connectorId} failed unexpectedly.`);
}

/**
 * Runs one call into a connector so that whatever it does cannot hurt the API: the call is aborted
 * and abandoned after `timeoutMs`; anything it throws (synchronously or not) becomes a
 * ConnectorError; its answer is checked by `accept` (undefined = garbage); its log lines and error
 * messages lose every secret of its config.
 */
async function guarded<T>(
  what: string,
  options: InvokeOptions,
  call: (signal: AbortSignal, log: (line: string) => void) => unknown,
  accept: (value: unknown, secrets: string[]) => T | undefined,
): Promise<T> {
  const { connector, config, timeoutMs, logger } = options;
  const id = connector.manifest.id;
  const secrets = secretValues(connector.manifest.configSchema, config);
  const log = (line: string) => {
    const clean = scrub(String(line), secrets);
    logger.log(clean.startsWith(`${id}:`) ? clean : `${id}: ${clean}`);
  };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new ConnectorMisbehavedError('timeout', `The connector ${id} did not answer within ${timeoutMs} ms.`, timeoutMs));
      controller.abort();
    }, timeoutMs);
  });
  try {
    // `then` turns a synchronous throw into a rejection; `race` stops waiting at the deadline.
    const value = await Promise.race([Promise.resolve().then(() => inConnectorScope(id, () => call(controller.signal, log))), deadline]);
    const accepted = accept(value, secrets);
    if (accepted === undefined) {
      logger.warn(`${id}: ${what} returned something that is not a valid answer`);
      throw new ConnectorMisbehavedError('garbage', `The connector ${id} gave an answer Fieldbook does not understand.`);
    }
    return accepted;
  } catch (error) {
    throw normalize(error, id, what, secrets, logger);
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort(CALL_OVER);
  }
}

function acceptSendResult(value: unknown, secrets: string[]): SendResult | undefined {
  const id = (value as Partial<SendResult> | null)?.providerMessageId;
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_TEXT) return undefined;
  // An id that carries a secret is not passed on.
  if (scrub(id, secrets) !== id) return undefined;
  return { providerMessageId: id };
}

function acceptVerifyResult(value: unknown, secrets: string[]): VerifyResult | undefined {
  const result = value as Partial<VerifyResult> | null;
  if (typeof result?.ok !== 'boolean') return undefined;
  if (result.message !== undefined && typeof result.message !== 'string') return undefined;
  return result.message ? { ok: result.ok, message: scrub(result.message, secrets) } : { ok: result.ok };
}

/** `connector.send`, guarded. Rejects only with a ConnectorError of the API's classes. */
export function guardedSend(options: SendOptions): Promise<SendResult> {
  const { connector, config, message, idempotencyKey, mailbox, publicUrl, timeoutMs } = options;
  return guarded('send', options, (signal, log) => connector.send(message, config, { idempotencyKey, timeoutMs, signal, log, mailbox, publicUrl }), acceptSendResult);
}

/** `connector.verify`, guarded; a connector without `verify` has nothing to check, so it passes. */
export function guardedVerify(options: InvokeOptions): Promise<VerifyResult> {
  const { connector, config, timeoutMs } = options;
  const verify = connector.verify;
  if (typeof verify !== 'function') return Promise.resolve({ ok: true });
  return guarded('verify', options, (signal, log) => verify.call(connector, config, { timeoutMs, signal, log }), acceptVerifyResult);
}
