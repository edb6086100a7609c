import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PasswordsModule } from '../auth/passwords/passwords.module';
import { PlatformModule } from '../platform/platform.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [PlatformModule, PasswordsModule, AuthModule],
  controllers: [MembersController, InvitationsController],
  providers: [MembersService, InvitationsService],
})
export class MembersModule {}
