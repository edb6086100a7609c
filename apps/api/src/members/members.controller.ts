import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvitationCreated, InvitationSummary, MemberSummary } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { EntityId } from '../common/entity-id.pipe';
import { OrganizationScoped } from '../platform/organization-access.guard';
import { ChangeRoleDto, InviteMemberDto } from './dto/members.dto';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { CurrentAdmin, CurrentOrganization } from '../common/current';
import { AdminPrincipal, OrganizationAccess } from '../common/request-context';

@ApiTags('members')
@OrganizationScoped()
@Controller('organizations/:organizationId')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('members')
  @ApiOperation({ summary: 'Members of the organization with their roles' })
  list(@CurrentOrganization() organization: OrganizationAccess): Promise<MemberSummary[]> {
    return this.members.list(organization.id);
  }

  @Patch('members/:adminUserId')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: "Change a member's role (only owners grant or remove the owner role; the last owner stays)" })
  changeRole(@Param('adminUserId', EntityId('memberNotFound')) adminUserId: string, @Body() body: ChangeRoleDto, @CurrentOrganization() organization: OrganizationAccess): Promise<MemberSummary> {
    return this.members.changeRole(organization, adminUserId, body.role);
  }

  @Delete('members/:adminUserId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member (never the last owner)' })
  remove(@Param('adminUserId', EntityId('memberNotFound')) adminUserId: string, @CurrentOrganization() organization: OrganizationAccess): Promise<void> {
    return this.members.remove(organization, adminUserId);
  }

  @Get('invitations')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Pending invitations' })
  listInvitations(@CurrentOrganization() organization: OrganizationAccess): Promise<InvitationSummary[]> {
    return this.invitations.listPending(organization.id);
  }

  @Post('invitations')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Invite an admin; the single-use link is returned once' })
  invite(@Body() body: InviteMemberDto, @CurrentOrganization() organization: OrganizationAccess, @CurrentAdmin() admin: AdminPrincipal): Promise<InvitationCreated> {
    return this.invitations.invite(organization, admin.id, body);
  }

  @Delete('invitations/:invitationId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  revoke(@Param('invitationId', EntityId('invitationNotFound')) invitationId: string, @CurrentOrganization() organization: OrganizationAccess): Promise<void> {
    return this.invitations.revoke(organization.id, invitationId);
  }
}
