/**
 * Errors a connector throws from `send` and `verify`; the platform acts on their class. Messages are
 * written for a tenant ("The SMTP server refused the user name or password") and never carry a
 * secret.
 */
export abstract class ConnectorError extends Error {
  abstract readonly kind: 'retryable' | 'rate-limited' | 'permanent' | 'bad-config';
  /** The provider's own code or status, for the notification log (e.g. `535`, `21211`). */
  readonly providerCode?: string;

  constructor(message: string, options: { providerCode?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.providerCode = options.providerCode;
  }
}

/** Try again later: timeouts, connection refused, 5xx. */
export class RetryableError extends ConnectorError {
  readonly kind = 'retryable' as const;
}

/** The provider asked us to slow down; try again after `retryAfterSeconds`. */
export class RateLimitedError extends ConnectorError {
  readonly kind = 'rate-limited' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options: { providerCode?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** This message will never go out as it is (invalid recipient, content refused): do not retry. */
export class PermanentError extends ConnectorError {
  readonly kind = 'permanent' as const;
}

/** The tenant's settings are wrong (authentication failed, unknown sender): fix the config, do not retry. */
export class BadConfigError extends ConnectorError {
  readonly kind = 'bad-config' as const;
}

/** A status webhook not signed with the tenant's credentials. */
export class InvalidSignatureError extends Error {
  constructor(message = 'The webhook signature is missing or does not match.') {
    super(message);
    this.name = 'InvalidSignatureError';
  }
}
