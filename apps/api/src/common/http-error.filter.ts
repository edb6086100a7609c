import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body';

/** Every error leaves the API as `{statusCode, error, message, code?, details?}`; never a stack trace. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/** The same, for errors raised by Express middleware (body parsing, CSRF) before Nest routes. */
export function expressErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendError(error, req, res);
}
