import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvitationPreview, SessionResponse } from '@fieldbook/contracts';
import type { Request } from 'express';
import { Public } from '../auth/access';
import { NotFoundError } from '../common/domain-error';
import { logIn } from '../common/passport-session';
import { OrganizationsService } from '../platform/organizations.service';
import { AcceptInvitationDto } from './dto/members.dto';
import { InvitationsService } from './invitations.service';

function checkedToken(token: string): string {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('invitationInvalid');
  return token;
}

/** The invitee's side: look at an invitation, accept it. The token is the credential. */
@ApiTags('members')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'What an invitation is for (organization, email, role)' })
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(checkedToken(token));
  }

  @Public()
  @Post(':token/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept an invitation and sign in' })
  async accept(@Param('token') token: string, @Body() body: AcceptInvitationDto, @Req() req: Request): Promise<SessionResponse> {
    const user = await this.invitations.accept(checkedToken(token), body, req.ip);
    await logIn(req, user);
    return { user, organizations: await this.organizations.listForUser(user.id) };
  }
}
