import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortalInvitationPreview, PortalSession } from '@fieldbook/contracts';
import type { Request } from 'express';
import { Public } from '../auth/access';
import { AcceptPortalInvitationDto } from './dto/portal-auth.dto';
import { PortalScoped } from './portal-access';
import { toPortalSession } from './portal-accounts.service';
import { PortalInvitationsService } from './portal-invitations.service';
import { portalLogIn } from './sessions/portal-passport';

const REFUSALS = {
  notFound: { description: 'No such portal, or no invitation for this token here (also for a malformed token)' },
  used: { description: 'The invitation was used, or the contact already has an account: sign in instead' },
  expired: { description: 'The invitation has expired' },
};

/** The invited contact's side: look at the invitation link, accept it with a password. The token is the credential. */
@ApiTags('portal accounts')
@PortalScoped()
@Controller('portal/:slug/invitations')
export class PortalInvitationsController {
  constructor(private readonly invitations: PortalInvitationsService) {}

  @Public()
  @Get(':token')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Whether an invitation link can be used, with the first name and email of the contact it is for' })
  @ApiNotFoundResponse(REFUSALS.notFound)
  @ApiConflictResponse(REFUSALS.used)
  @ApiGoneResponse(REFUSALS.expired)
  preview(@Param('token') token: string): Promise<PortalInvitationPreview> {
    return this.invitations.preview(token);
  }

  @Public()
  @Post(':token/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Choose a password (the admins’ policy), create the portal account and sign in. Echo the XSRF-TOKEN cookie in X-XSRF-TOKEN.' })
  @ApiNotFoundResponse(REFUSALS.notFound)
  @ApiConflictResponse({ description: `${REFUSALS.used.description}; or the company has no email address for the contact` })
  @ApiGoneResponse(REFUSALS.expired)
  async accept(@Param('token') token: string, @Body() body: AcceptPortalInvitationDto, @Req() req: Request): Promise<PortalSession> {
    const contact = await this.invitations.accept(token, body.password);
    await portalLogIn(req, contact);
    return toPortalSession(contact);
  }
}
