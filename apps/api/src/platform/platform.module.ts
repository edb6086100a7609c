import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PasswordsModule } from '../auth/passwords/passwords.module';
import { PortalSettingsModule } from '../portal-settings/portal-settings.module';
import { AdminUsersService } from './admin-users.service';
import { DemoSeedService } from './demo-seed.service';
import { OrganizationAccessGuard } from './organization-access.guard';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { SignUpController } from './sign-up.controller';
import { SignUpService } from './sign-up.service';

@Module({
  imports: [PasswordsModule, PortalSettingsModule, AuditModule],
  controllers: [SignUpController, OrganizationsController],
  providers: [AdminUsersService, OrganizationsService, SignUpService, DemoSeedService, OrganizationAccessGuard],
  exports: [AdminUsersService, OrganizationsService, DemoSeedService, OrganizationAccessGuard],
})
export class PlatformModule {}
