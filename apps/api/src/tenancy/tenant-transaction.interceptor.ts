import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, from, lastValueFrom } from 'rxjs';
import { TenancyService } from './tenancy.service';

/**
 * Runs the whole handler of a request that addresses an environment in one transaction scoped to
 * that environment, so every query the request makes sees that environment's rows and no other's.
 * Admin routes address it by id (EnvironmentAccessGuard), portal routes by the portal's slug (PortalGuard).
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(private readonly tenancy: TenancyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const environmentId = req.environment?.id ?? req.portal?.environmentId;
    if (!environmentId) return next.handle();
    return from(this.tenancy.run(environmentId, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
