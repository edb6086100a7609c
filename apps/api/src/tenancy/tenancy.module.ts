import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EnvironmentAccessGuard } from './environment-access.guard';
import { TenancyService } from './tenancy.service';
import { TenantTransactionInterceptor } from './tenant-transaction.interceptor';

@Global()
@Module({
  providers: [TenancyService, EnvironmentAccessGuard, { provide: APP_INTERCEPTOR, useClass: TenantTransactionInterceptor }],
  exports: [TenancyService, EnvironmentAccessGuard],
})
export class TenancyModule {}
