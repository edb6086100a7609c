import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorBody } from '@fieldbook/contracts';
import { Translator, createTranslator, negotiateLanguage } from '@fieldbook/i18n';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError, TooManyRequestsError } from './domain-error';

const logger = new Logger('Errors');

export function requestTranslator(req: Request): Translator {
  const language = negotiateLanguage({ preferred: req.user?.language, acceptLanguage: req.get('accept-language') });
  return createTranslator(language, 'api');
}

function fieldLabel(t: Translator, field: string): string {
  const last = field.split('.').pop() ?? field;
  return t.has(`fields.${last}`) ? t.t(`fields.${last}`) : field;
}

function body(status: number, message: string, code?: string, details?: ErrorBody['details']): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...(code ? { code } : {}), ...(details ? { details } : {}) };
}

function fromDomainError(error: DomainError, t: Translator): ErrorBody {
  const key = error.code.includes(':') ? error.code : `errors.${error.code}`;
  const details = error.issues.length
    ? error.issues.map((issue) => {
        const issueKey = issue.code.includes(':') ? issue.code : `validation.${issue.code}`;
        const shortCode = issue.code.split('.').pop() ?? issue.code;
        return { field: issue.field, code: shortCode, message: t.t(issueKey, { field: fieldLabel(t, issue.field), ...issue.params }) };
      })
    : undefined;
  return { ...body(error.status, t.t(key, error.params), error.code.split('.').pop(), details), ...error.extra };
}

/** Errors raised by body-parser and Express before Nest sees the request. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
}

function fromHttpLike(status: number, error: unknown, req: Request, t: Translator): ErrorBody {
  const type = (error as MiddlewareError).type;
  if (type === 'entity.parse.failed') return body(400, t.t('errors.malformedJson'), 'malformedJson');
  if (status === 413) return body(413, t.t('errors.payloadTooLarge'), 'payloadTooLarge');
  if (status === 404 && error instanceof HttpException && /^Cannot /.test(error.message)) {
    return body(404, t.t('errors.routeNotFound', { method: req.method, path: req.path }), 'routeNotFound');
  }
  const generic: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'notFound' };
  const code = generic[status];
  if (code) return body(status, t.t(`errors.${code}`), code);
  const message = error instanceof HttpException ? error.message : STATUS_CODES[status] ?? 'Error';
  return body(status, message);
}

/** Turns anything thrown while serving `req` into the one error body, in the caller's language. */
export function toErrorBody(error: unknown, req: Request): ErrorBody {
  const t = requestTranslator(req);
  if (error instanceof DomainError) return fromDomainError(error, t);
  if (error instanceof HttpException) return fromHttpLike(error.getStatus(), error, req, t);
  const status = (error as MiddlewareError)?.status ?? (error as MiddlewareError)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return fromHttpLike(status, error, req, t);
  logger.error({ err: error, path: req.path, method: req.method }, 'Unhandled error');
  return body(HttpStatus.INTERNAL_SERVER_ERROR, t.t('errors.internal'), 'internal');
}

export function sendError(error: unknown, req: Request, res: Response): void {
  const payload = toErrorBody(error, req);
  if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (res.headersSent) return;
  res.status(payload.statusCode).json(payload);
}
