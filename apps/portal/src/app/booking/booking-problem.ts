import { HttpErrorResponse } from '@angular/common/http';
import { BookingCodeExpiredBody, ErrorBody, SlotView } from '@fieldbook/contracts';
import { Observable, catchError, map, of, startWith } from 'rxjs';

/** A failed request as the booking pages show it: the API's sentence (already in the customer's language) and what came with it. */
export interface BookingProblem {
  /** HTTP status; 0 when the server was not reached, -1 when the failure was not an HTTP one. */
  status: number;
  code?: string;
  message: string;
  /** With a 409 for a time taken meanwhile: fresh times to offer instead. */
  alternatives?: SlotView[];
  /** With a 410 for an expired booking code: how to reach the company. */
  contact?: BookingCodeExpiredBody['contact'];
  /** Per-field messages, e.g. for the cancel reason. */
  fields: Record<string, string>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).message === 'string';
}

/** Reads a failed request; `translate` only covers failures the API never answered (network down, a proxy's page). */
export function toBookingProblem(error: unknown, translate: (key: string) => string): BookingProblem {
  if (!(error instanceof HttpErrorResponse)) return { status: -1, message: translate('common:errors.unexpected'), fields: {} };
  if (error.status === 0) return { status: 0, message: translate('common:errors.network'), fields: {} };
  if (!isErrorBody(error.error)) return { status: error.status, message: translate('common:errors.unexpected'), fields: {} };
  const body = error.error as ErrorBody & Partial<Pick<BookingCodeExpiredBody, 'contact'>>;
  const fields: Record<string, string> = {};
  for (const detail of body.details ?? []) fields[detail.field] ??= detail.message;
  return {
    status: error.status,
    code: body.code,
    message: body.message,
    fields,
    ...(Array.isArray(body.alternatives) ? { alternatives: body.alternatives } : {}),
    ...(body.contact ? { contact: body.contact } : {}),
  };
}

/** Something a booking page fetches: on its way, there, or failed. */
export type BookingLoad<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; problem: BookingProblem };

export const LOADING: BookingLoad<never> = { state: 'loading' };

export function toBookingLoad<T>(request: Observable<T>, translate: (key: string) => string): Observable<BookingLoad<T>> {
  return request.pipe(
    map((value): BookingLoad<T> => ({ state: 'ready', value })),
    catchError((error: unknown) => of<BookingLoad<T>>({ state: 'failed', problem: toBookingProblem(error, translate) })),
    startWith<BookingLoad<T>>(LOADING),
  );
}
