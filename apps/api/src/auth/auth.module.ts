import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PlatformModule } from '../platform/platform.module';
import { AdminSessionGuard } from './access';
import { AdminAuthService } from './admin-auth.service';
import { AdminPassport } from './admin-passport';
import { AuthController } from './auth.controller';
import { AuthStrategyRegistry } from './auth-strategy.registry';
import { PasswordsModule } from './passwords/passwords.module';
import { SignInThrottleService } from './sessions/sign-in-throttle.service';

@Module({
  imports: [PlatformModule, PasswordsModule],
  controllers: [AuthController],
  providers: [AuthStrategyRegistry, AdminAuthService, AdminPassport, SignInThrottleService, { provide: APP_GUARD, useClass: AdminSessionGuard }],
  exports: [AdminAuthService, AuthStrategyRegistry, AdminPassport, SignInThrottleService],
})
export class AuthModule {}
