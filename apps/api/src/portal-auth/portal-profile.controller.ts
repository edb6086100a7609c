import { Body, Controller, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortalSession } from '@fieldbook/contracts';
import { PortalPrincipal } from '../common/request-context';
import { UpdatePortalProfileDto } from './dto/portal-auth.dto';
import { CurrentContact, PortalScoped, SignedInContact } from './portal-access';
import { PortalProfileService } from './portal-profile.service';

/** The signed-in contact's own profile: the optional step after the first sign-in, and later edits. */
@ApiTags('portal accounts')
@PortalScoped()
@Controller('portal/:slug/profile')
export class PortalProfileController {
  constructor(private readonly profile: PortalProfileService) {}

  @SignedInContact()
  @Patch()
  @ApiOperation({ summary: 'Change names, phone (E.164), language or preferred channel; completes the profile step' })
  update(@CurrentContact() contact: PortalPrincipal, @Body() body: UpdatePortalProfileDto): Promise<PortalSession> {
    return this.profile.update(contact, body);
  }

  @SignedInContact()
  @Post('skip')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Skip the profile step (the portal stops asking)' })
  skip(@CurrentContact() contact: PortalPrincipal): Promise<PortalSession> {
    return this.profile.skip(contact);
  }
}
