import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnvironmentSummary, OrganizationSummary } from '@fieldbook/contracts';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { OrganizationScoped } from './organization-access.guard';
import { OrganizationsService } from './organizations.service';
import { CurrentAdmin, CurrentEnvironment, CurrentOrganization } from '../common/current';
import { AdminPrincipal, EnvironmentAccess, OrganizationAccess } from '../common/request-context';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get('organizations')
  @ApiOperation({ summary: 'The organizations the signed-in admin belongs to' })
  list(@CurrentAdmin() admin: AdminPrincipal): Promise<OrganizationSummary[]> {
    return this.organizations.listForUser(admin.id);
  }

  @Get('organizations/:organizationId')
  @OrganizationScoped()
  @ApiOperation({ summary: 'One organization with its environments' })
  get(@CurrentAdmin() admin: AdminPrincipal, @CurrentOrganization() organization: OrganizationAccess): Promise<OrganizationSummary> {
    return this.organizations.getForUser(admin.id, organization.id);
  }

  @Get('environments/:environmentId')
  @EnvironmentScoped()
  @ApiOperation({ summary: 'One environment' })
  getEnvironment(@CurrentEnvironment() environment: EnvironmentAccess): Promise<EnvironmentSummary> {
    return this.organizations.getEnvironment(environment.id);
  }
}
