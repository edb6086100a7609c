import { CurrentAdmin } from '../common/current';
import { AdminPrincipal } from '../common/request-context';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortalSettings } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { UpdatePortalSettingsDto } from './dto/update-portal-settings.dto';
import { PortalSettingsService } from './portal-settings.service';

@ApiTags('portal settings')
@EnvironmentScoped()
@Controller('environments/:environmentId/portal-settings')
export class PortalSettingsController {
  constructor(private readonly settings: PortalSettingsService) {}

  @Get()
  @ApiOperation({ summary: "This environment's portal settings" })
  get(): Promise<PortalSettings> {
    return this.settings.get();
  }

  @Patch()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Change portal settings (owners and admins)' })
  update(@Body() body: UpdatePortalSettingsDto, @CurrentAdmin() admin: AdminPrincipal): Promise<PortalSettings> {
    return this.settings.update(body, admin.id);
  }
}
