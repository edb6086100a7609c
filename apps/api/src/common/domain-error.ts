import { HttpStatus } from '@nestjs/common';
import { TranslationParams } from '@fieldbook/i18n';

export interface FieldIssue {
  field: string;
  /** Key under `api:validation.` (or a full `api:` key), e.g. `isEmail`. */
  code: string;
  params?: TranslationParams;
}

/**
 * The one error vocabulary. A domain error names its HTTP status and a catalog key under
 * `api:errors.`; the exception filter turns it into `{statusCode, error, message, details}` in the
 * caller's language.
 */
export abstract class DomainError extends Error {
  abstract readonly status: HttpStatus;
  /** Extra fields for the error body (e.g. alternative times with a 409). */
  readonly extra: Record<string, unknown> = {};

  constructor(
    readonly code: string,
    readonly params: TranslationParams = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(issues: FieldIssue[]) {
    super('validation', {}, issues);
  }
}

export class BadRequestError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
}

export class UnauthenticatedError extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(code = 'unauthenticated', params: TranslationParams = {}) {
    super(code, params);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor(code = 'forbidden', params: TranslationParams = {}) {
    super(code, params);
  }
}

export class NotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
}

export class ConflictError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
}

export class GoneError extends DomainError {
  readonly status = HttpStatus.GONE;
}

export class TooManyRequestsError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(
    code: string,
    readonly retryAfterSeconds: number,
    params: TranslationParams = {},
  ) {
    super(code, params);
  }
}
