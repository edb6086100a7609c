import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { PasswordsModule } from '../auth/passwords/passwords.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PortalGuard } from './portal-access';
import { PortalAccountsService } from './portal-accounts.service';
import { PortalAuthController } from './portal-auth.controller';
import { PortalInvitationsController } from './portal-invitations.controller';
import { PortalInvitationsService } from './portal-invitations.service';
import { PortalPasswordsService } from './portal-passwords.service';
import { PortalProfileController } from './portal-profile.controller';
import { PortalProfileService } from './portal-profile.service';
import { PortalPassport } from './sessions/portal-passport';

/**
 * The customer portal's accounts, per environment: invitations accepted with a password, sign-in
 * and sessions of the portal realm (own passport, own cookie), password reset and change, and the
 * contact's profile. PortalGuard and SignedInContact() are for every portal route that needs them.
 */
@Module({
  imports: [AuthModule, PasswordsModule, AccountsModule, AuditModule, NotificationsModule],
  controllers: [PortalInvitationsController, PortalAuthController, PortalProfileController],
  providers: [PortalGuard, PortalAccountsService, PortalPassport, PortalInvitationsService, PortalPasswordsService, PortalProfileService],
  exports: [PortalGuard, PortalAccountsService, PortalPassport],
})
export class PortalAuthModule {}
