import { BadConfigError, ConnectorError, PermanentError, RateLimitedError, RetryableError } from '@fieldbook/plugin-sdk';

/** Wait this long when Twilio says "too many requests" without a Retry-After header. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Twilio error codes (https://www.twilio.com/docs/api/errors) that mean this message can never go out. */
const RECIPIENT_ERRORS: Record<number, string> = {
  21211: 'Twilio says the recipient is not a valid phone number.',
  21614: 'Twilio says the recipient is not a mobile number that can receive SMS.',
  21610: 'The recipient has unsubscribed from messages from this sender (replied STOP).',
};

/** Twilio error codes that mean the tenant's sender setting is wrong. */
const SENDER_ERRORS: Record<number, string> = {
  21606: 'Twilio does not allow sending SMS from this sender number; use a number of this Twilio account that can send SMS.',
  21212: 'Twilio says the sender number is not valid.',
};

export interface FailureContext {
  /** Response headers of the failed call, when there was a response. */
  headers?: Record<string, unknown>;
  /** True when our own deadline (not the platform's signal) cut the call off. */
  timedOut: boolean;
  timeoutMs: number;
}

/** Turns whatever the Twilio SDK threw into one of the errors the platform acts on. */
export function toConnectorError(error: unknown, failure: FailureContext): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (isApiError(error)) return fromApiError(error, failure.headers);
  // A transport failure: the SDK's HTTP client (axios) reports it with a string code. Its error
  // holds the request configuration, Authorization header included, so it is not kept as the cause.
  const code = (error as { code?: unknown } | null)?.code;
  if (failure.timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new RetryableError(`Twilio did not answer within ${failure.timeoutMs} ms.`, { providerCode: 'timeout' });
  }
  if (code === 'ERR_CANCELED') return new RetryableError('Sending through Twilio was cancelled before Twilio answered.', { providerCode: 'cancelled' });
  const providerCode = typeof code === 'string' ? code : undefined;
  return new RetryableError(`Could not reach Twilio${providerCode ? ` (${providerCode})` : ''}.`, { providerCode });
}

/** Twilio answered with an error: the SDK's RestException (or its newer RFC 9457 form), with HTTP status and Twilio code. */
interface ApiError {
  status: number;
  code?: number;
  message: string;
}

function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && typeof (error as Partial<ApiError>).status === 'number';
}

function fromApiError(error: ApiError, headers: Record<string, unknown> | undefined): ConnectorError {
  const { status, code } = error;
  const providerCode = String(code ?? status);
  const options = { providerCode, cause: error };
  if (status === 401 || code === 20003) return new BadConfigError('Twilio refused the account SID or auth token.', options);
  if (status === 404 && code === 20404) return new BadConfigError('Twilio does not know this account SID.', options);
  if (status === 429 || code === 20429) {
    return new RateLimitedError('Twilio asked to slow down (too many requests).', retryAfterSeconds(headers?.['retry-after']), options);
  }
  if (code !== undefined && RECIPIENT_ERRORS[code]) return new PermanentError(RECIPIENT_ERRORS[code], options);
  if (code !== undefined && SENDER_ERRORS[code]) return new BadConfigError(SENDER_ERRORS[code], options);
  if (status >= 500) return new RetryableError(`Twilio had a server error (HTTP ${status}).`, options);
  return new PermanentError(`Twilio refused the message: ${error.message}`, options);
}

function retryAfterSeconds(header: unknown): number {
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds);
  const date = typeof header === 'string' ? Date.parse(header) : NaN;
  if (Number.isFinite(date) && date > Date.now()) return Math.ceil((date - Date.now()) / 1000);
  return DEFAULT_RETRY_AFTER_SECONDS;
}
