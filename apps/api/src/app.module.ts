import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { APP_FILTER } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BookingCodePortalModule } from './booking-codes/booking-code-portal.module';
import { BookingCodesModule } from './booking-codes/booking-codes.module';
import { BookingsModule } from './bookings/bookings.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { LoggingModule } from './common/logging.module';
import { MembersModule } from './members/members.module';
import { MessageSettingsModule } from './message-settings/message-settings.module';
import { MessagingModule } from './messaging/messaging.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PlatformModule } from './platform/platform.module';
import { PortalModule } from './portal/portal.module';
import { PortalAuthModule } from './portal-auth/portal-auth.module';
import { PortalBookingModule } from './portal-booking/portal-booking.module';
import { PortalSettingsModule } from './portal-settings/portal-settings.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { ServiceTypesModule } from './service-types/service-types.module';
import { SkillsModule } from './skills/skills.module';
import { TechniciansModule } from './technicians/technicians.module';
import { TenancyModule } from './tenancy/tenancy.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, appDatabaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(appDatabaseUrl),
        TenancyModule,
        AuthModule,
        PlatformModule,
        MembersModule,
        PortalSettingsModule,
        AuditModule,
        PortalModule,
        PortalAuthModule,
        PortalBookingModule,
        HealthModule,
        SkillsModule,
        AccountsModule,
        TechniciansModule,
        ServiceTypesModule,
        SchedulingModule,
        BookingsModule,
        BookingCodesModule,
        BookingCodePortalModule,
        ImportsModule,
        MessagingModule,
        MessageSettingsModule,
        NotificationsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
