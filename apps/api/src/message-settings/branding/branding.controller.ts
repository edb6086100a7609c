import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Branding } from '@fieldbook/contracts';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin } from '../../common/current';
import { AdminPrincipal } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { BrandingService } from './branding.service';
import { UpdateBrandingDto } from './dto/branding.dto';

@ApiTags('message settings')
@EnvironmentScoped()
@Controller('environments/:environmentId/branding')
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Get()
  @ApiOperation({ summary: 'Colours, font, logo and header image of the portal and of messages' })
  get(): Promise<Branding> {
    return this.branding.get();
  }

  @Patch()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Change the branding (owners and admins); fields left out keep their value' })
  update(@Body() body: UpdateBrandingDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Branding> {
    return this.branding.update(body, admin.id);
  }
}
