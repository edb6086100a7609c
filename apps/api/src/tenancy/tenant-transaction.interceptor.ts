import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, from, lastValueFrom } from 'rxjs';
import { TenancyService } from './tenancy.service';

/**
 * Runs the whole handler of a request that addresses an environment in one transaction scoped to
 * that environment, so every query the request makes sees that environment's rows and no other's.
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(private readonly tenancy: TenancyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const environment = context.switchToHttp().getRequest<Request>().environment;
    if (!environment) return next.handle();
    return from(this.tenancy.run(environment.id, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
