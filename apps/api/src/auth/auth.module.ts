import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { PlatformModule } from '../platform/platform.module';
import { AdminSessionGuard } from './access';
import { AdminAuthService } from './admin-auth.service';
import { AdminLocalStrategy } from './admin-local.strategy';
import { AuthController } from './auth.controller';
import { AuthStrategyRegistry } from './auth-strategy.registry';
import { PasswordsModule } from './passwords/passwords.module';
import { AdminSessionSerializer } from './session.serializer';
import { SignInThrottleService } from './sessions/sign-in-throttle.service';

@Module({
  imports: [PassportModule.register({ session: true }), PlatformModule, PasswordsModule],
  controllers: [AuthController],
  providers: [
    AuthStrategyRegistry,
    AdminAuthService,
    AdminLocalStrategy,
    AdminSessionSerializer,
    SignInThrottleService,
    { provide: APP_GUARD, useClass: AdminSessionGuard },
  ],
  exports: [AdminAuthService, AuthStrategyRegistry],
})
export class AuthModule {}
