import { HttpErrorResponse } from '@angular/common/http';
import { ErrorBody } from '@fieldbook/contracts';

/** What a form or page shows when a request fails: one sentence, and sentences per field. */
export interface ApiProblem {
  status: number;
  /** Machine-readable code from the API (`lastOwner`, `emailTaken`…), when there is one. */
  code?: string;
  message: string;
  fields: Record<string, string>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).message === 'string';
}

/**
 * Reads a failed request. The API already speaks the person's language, so its `message` and
 * per-field `details` are shown as they are; `translate` only covers failures that never reached
 * it (network down) or answers that are not ours (a proxy's error page).
 */
export function toApiProblem(error: unknown, translate: (key: string) => string): ApiProblem {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return { status: 0, message: translate('common:errors.network'), fields: {} };
    if (isErrorBody(error.error)) {
      const fields: Record<string, string> = {};
      for (const detail of error.error.details ?? []) {
        // First message per field wins: one clear sentence beats a list.
        fields[detail.field] ??= detail.message;
      }
      return { status: error.status, code: error.error.code, message: error.error.message, fields };
    }
    return { status: error.status, message: translate('common:errors.unexpected'), fields: {} };
  }
  return { status: -1, message: translate('common:errors.unexpected'), fields: {} };
}
