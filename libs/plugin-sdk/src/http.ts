import { RetryableError } from './errors';

/** A provider's HTTP answer, for the connector to map to a result or an error. */
export interface ProviderAnswer {
  status: number;
  /** The Retry-After header, if any. */
  retryAfter: string | null;
  /** The parsed JSON body, or undefined when the body is not a JSON object. */
  body: Record<string, unknown> | undefined;
}

/**
 * One request to a provider's HTTP API, within the platform's deadline. Network failures, the
 * timeout and the platform giving up all become `RetryableError` (worded with `providerName`);
 * any HTTP answer is returned, whatever its status. Redirects are refused.
 */
export async function callProvider(
  providerName: string,
  url: string,
  init: RequestInit,
  context: { timeoutMs: number; signal: AbortSignal },
): Promise<ProviderAnswer> {
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(context.timeoutMs)]);
  try {
    const response = await fetch(url, { ...init, signal, redirect: 'error' });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: parseObject(text) };
  } catch (error) {
    if (context.signal.aborted) throw new RetryableError(`Sending was stopped before ${providerName} answered.`, { cause: error });
    if (signal.aborted) {
      throw new RetryableError(`${providerName} did not answer within ${Math.ceil(context.timeoutMs / 1000)} seconds.`, { providerCode: 'timeout', cause: error });
    }
    throw new RetryableError(`${providerName} could not be reached; the message will be tried again.`, { providerCode: networkCode(error), cause: error });
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Seconds from a Retry-After header (seconds or an HTTP date), or `fallback` when absent or unreadable. */
export function retryAfterSeconds(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallback : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}
