import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SessionResponse } from '@fieldbook/contracts';
import type { Request } from 'express';
import { Public } from '../auth/access';
import { logIn } from '../common/passport-session';
import { SignUpDto } from './dto/sign-up.dto';
import { OrganizationsService } from './organizations.service';
import { SignUpService } from './sign-up.service';

@ApiTags('auth')
@Controller('auth')
export class SignUpController {
  constructor(
    private readonly signUps: SignUpService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Public()
  @Post('sign-up')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an organization with production and sandbox environments, and sign in as its owner' })
  async signUp(@Body() body: SignUpDto, @Req() req: Request): Promise<SessionResponse> {
    const { user } = await this.signUps.signUp(body);
    await logIn(req, user);
    return { user, organizations: await this.organizations.listForUser(user.id) };
  }
}
