import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Paths that carry a secret token (invitations, booking codes): the token never reaches a log line. */
const TOKEN_IN_PATH = /(\/(?:invitations|portal\/[^/?#]+\/booking-codes)\/)[^/?#]+/g;

/** A request URL as logged: tokens in the path replaced. */
export function loggableUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[token]');
}

/** JSON logs with a request id on every line; pretty in development. Never cookies, tokens or bodies. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage, res) => {
              const incoming = req.headers['x-request-id'];
              const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            customProps: (req: IncomingMessage) => {
              const request = req as IncomingMessage & { user?: { id: string }; environment?: { id: string } };
              return { adminUserId: request.user?.id, environmentId: request.environment?.id };
            },
            serializers: {
              req: (req: { url?: string }) => ({ ...req, url: req.url === undefined ? undefined : loggableUrl(req.url) }),
            },
            redact: {
              paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            transport: config.nodeEnv === 'development' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
          forRoutes: ['*path'],
        }),
      ],
    };
  }
}
