import { HttpStatus } from '@nestjs/common';
import { ConnectorError, RateLimitedError } from '@fieldbook/plugin-sdk';
import { DomainError } from '../common/domain-error';
import { ConnectorMisbehavedError } from './guarded-invoker';

/** The provider (or the connector) would not do what was asked: a 422 with its reason. */
export class ConnectorRefusedError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
}

/**
 * The 422 a tenant sees for a failed verify or test send: what kind of failure, in their language,
 * with the provider's reason as the connector worded it (connectors write for tenants, without
 * secrets; the invoker has scrubbed them anyway).
 */
export function refusal(error: ConnectorError, connectorName: string): ConnectorRefusedError {
  let refused: ConnectorRefusedError;
  if (error instanceof ConnectorMisbehavedError) {
    const seconds = Math.max(1, Math.round((error.timeoutMs ?? 0) / 1000));
    refused = new ConnectorRefusedError(`api:connectors.failure.${error.reason}`, { connector: connectorName, seconds });
  } else if (error instanceof RateLimitedError) {
    refused = new ConnectorRefusedError('api:connectors.failure.rateLimited', { connector: connectorName, reason: error.message, seconds: error.retryAfterSeconds });
    refused.extra['retryAfterSeconds'] = error.retryAfterSeconds;
  } else {
    const key = { 'bad-config': 'badConfig', permanent: 'permanent', retryable: 'retryable', 'rate-limited': 'rateLimited' }[error.kind];
    refused = new ConnectorRefusedError(`api:connectors.failure.${key}`, { connector: connectorName, reason: error.message });
  }
  refused.extra['kind'] = error.kind;
  if (error.providerCode) refused.extra['providerCode'] = error.providerCode;
  return refused;
}
