import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PortalSettingsController } from './portal-settings.controller';
import { PortalSettingsService } from './portal-settings.service';

@Module({
  imports: [AuditModule],
  controllers: [PortalSettingsController],
  providers: [PortalSettingsService],
  exports: [PortalSettingsService],
})
export class PortalSettingsModule {}
