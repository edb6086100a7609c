import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageSettings } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { UpdateMessageSettingsDto } from './dto/message-settings.dto';
import { MessageSettingsService } from './message-settings.service';

@ApiTags('message settings')
@EnvironmentScoped()
@Controller('environments/:environmentId/message-settings')
export class MessageSettingsController {
  constructor(private readonly settings: MessageSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Which messages this environment sends, by which channel, and when reminders and SMS go out (defaults until first changed)' })
  get(): Promise<MessageSettings> {
    return this.settings.current();
  }

  @Patch()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Change message settings (owners and admins); fields left out keep their value' })
  update(@Body() body: UpdateMessageSettingsDto, @CurrentAdmin() admin: AdminPrincipal): Promise<MessageSettings> {
    return this.settings.update(body, admin.id);
  }
}
