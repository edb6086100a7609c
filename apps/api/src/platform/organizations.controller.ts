import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnvironmentSummary, OrganizationSummary } from '@fieldbook/contracts';
import type { Request } from 'express';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { OrganizationScoped } from './organization-access.guard';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('organizations')
  @ApiOperation({ summary: 'The organizations the signed-in admin belongs to' })
  list(@Req() req: Request): Promise<OrganizationSummary[]> {
    return this.organizations.listForUser(req.user!.id);
  }

  @Get('organizations/:organizationId')
  @OrganizationScoped()
  @ApiOperation({ summary: 'One organization with its environments' })
  get(@Req() req: Request): Promise<OrganizationSummary> {
    return this.organizations.getForUser(req.user!.id, req.organization!.id);
  }

  @Get('environments/:environmentId')
  @EnvironmentScoped()
  @ApiOperation({ summary: 'One environment' })
  getEnvironment(@Req() req: Request): Promise<EnvironmentSummary> {
    return this.organizations.getEnvironment(req.environment!.id);
  }
}
