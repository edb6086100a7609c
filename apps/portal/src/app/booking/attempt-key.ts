/** A random v4 UUID; `crypto.randomUUID` exists only in secure contexts, so plain http falls back to `getRandomValues`. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes.set([((bytes[6] ?? 0) & 0x0f) | 0x40], 6);
  bytes.set([((bytes[8] ?? 0) & 0x3f) | 0x80], 8);
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Idempotency-Key of a booking or reschedule attempt. Sending the same request again (a double
 * click, a retry after the connection dropped) reuses the key, so the server does it once; a
 * different request, or one after the server answered, is a new attempt with a new key.
 */
export class AttemptKey {
  private current?: { request: string; key: string };

  constructor(private readonly generate: () => string = newIdempotencyKey) {}

  for(request: unknown): string {
    const text = JSON.stringify(request);
    if (this.current?.request !== text) this.current = { request: text, key: this.generate() };
    return this.current.key;
  }

  /**
   * After an answer that settles the attempt. An unanswered attempt (no connection, a server
   * failure) keeps its key: it may have gone through, and sending it again must not do it twice.
   */
  settle(status: number): void {
    if (status >= 200 && status < 500) this.current = undefined;
  }
}
