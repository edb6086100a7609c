import { CurrentAdmin } from '../common/current';
import { AdminPrincipal } from '../common/request-context';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminUserSummary, SessionResponse } from '@fieldbook/contracts';
import type { Request, Response } from 'express';
import { logIn, logOut } from '../common/passport-session';
import { AdminUsersService } from '../platform/admin-users.service';
import { OrganizationsService } from '../platform/organizations.service';
import { Public } from './access';
import { AuthStrategyRegistry } from './auth-strategy.registry';
import { SignInDto } from './dto/sign-in.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { ADMIN_SESSION_COOKIE } from './sessions/admin-session';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registry: AuthStrategyRegistry,
    private readonly organizations: OrganizationsService,
    private readonly adminUsers: AdminUsersService,
  ) {}

  @Public()
  @Get('csrf')
  @ApiOperation({ summary: 'The CSRF token to echo in X-XSRF-TOKEN (browsers read it from the XSRF-TOKEN cookie)' })
  csrf(@Res({ passthrough: true }) res: Response): { token: string } {
    return { token: String(res.locals['csrfToken']) };
  }

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  async signIn(@Body() _body: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    const user = await this.registry.authenticate('admin', 'local', req, res);
    await logIn(req, user);
    return { user, organizations: await this.organizations.listForUser(user.id) };
  }

  @Public()
  @Post('sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out (safe to call when already signed out)' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await logOut(req);
    res.clearCookie(ADMIN_SESSION_COOKIE, { path: '/' });
  }

  @Get('session')
  @ApiOperation({ summary: 'The signed-in admin and their organizations' })
  async session(@CurrentAdmin() user: AdminPrincipal): Promise<SessionResponse> {
    return { user, organizations: await this.organizations.listForUser(user.id) };
  }

  @Patch('me')
  @ApiOperation({ summary: "Change the signed-in admin's name or preferred language" })
  async updateProfile(@Body() body: UpdateProfileDto, @CurrentAdmin() user: AdminPrincipal): Promise<AdminUserSummary> {
    return this.adminUsers.updateProfile(user.id, body);
  }
}
