import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortalInfo } from '@fieldbook/contracts';
import { Public } from '../auth/access';
import { PortalService } from './portal.service';

@ApiTags('portal')
@Controller('portal')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Public()
  @Get(':slug')
  @ApiOperation({ summary: "What anyone may know about a portal: its name and whether it is a sandbox" })
  info(@Param('slug') slug: string): Promise<PortalInfo> {
    return this.portal.info(slug);
  }
}
