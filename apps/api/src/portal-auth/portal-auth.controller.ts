import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { PortalSession } from '@fieldbook/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/access';
import { AuthStrategyRegistry } from '../auth/auth-strategy.registry';
import { logOut } from '../common/passport-session';
import { PortalAccess, PortalPrincipal } from '../common/request-context';
import { ChangePasswordDto, ForgotPasswordDto, PortalSignInDto, ResetPasswordDto } from './dto/portal-auth.dto';
import { CurrentContact, CurrentPortal, PortalScoped, SignedInContact } from './portal-access';
import { toPortalSession } from './portal-accounts.service';
import { PortalPasswordsService } from './portal-passwords.service';
import { PORTAL_SESSION_COOKIE, portalCookiePath } from './sessions/portal-session';
import { portalLogIn } from './sessions/portal-passport';

/**
 * Signing in to one portal as one of its environment's contacts. Sessions of this realm never open
 * an admin route, and an admin's session never opens these.
 */
@ApiTags('portal accounts')
@PortalScoped()
@Controller('portal/:slug/auth')
export class PortalAuthController {
  constructor(
    private readonly registry: AuthStrategyRegistry,
    private readonly passwords: PortalPasswordsService,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password (5 failures lock the email for 15 minutes)' })
  @ApiTooManyRequestsResponse({ description: 'Locked for a while after too many failures' })
  async signIn(@Body() _body: PortalSignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PortalSession> {
    const contact = await this.registry.authenticate<PortalPrincipal>('portal', 'local', req, res);
    await portalLogIn(req, contact);
    return toPortalSession(contact);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out (safe to call when already signed out)' })
  async signOut(@CurrentPortal() portal: PortalAccess, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await logOut(req);
    res.clearCookie(PORTAL_SESSION_COOKIE, { path: portalCookiePath(portal.slug) });
  }

  @SignedInContact()
  @Get('session')
  @ApiOperation({ summary: 'The signed-in contact, and whether the profile step is still to do' })
  session(@CurrentContact() contact: PortalPrincipal): PortalSession {
    return toPortalSession(contact);
  }

  @Public()
  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Email a password reset link (valid 60 minutes) when the address has an account here; the answer is the same either way' })
  @ApiAcceptedResponse({ description: 'Always, whether or not the address has an account' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this client' })
  forgotPassword(@Body() body: ForgotPasswordDto, @Req() req: Request): Promise<void> {
    return this.passwords.requestReset(body.email, req.ip);
  }

  @Public()
  @Post('reset-password')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Set a new password with a reset link's token (single use); ends the contact's other sessions and signs in" })
  @ApiNotFoundResponse({ description: 'No such reset link here' })
  @ApiConflictResponse({ description: 'The reset link was used already' })
  @ApiGoneResponse({ description: 'The reset link has expired' })
  async resetPassword(@Body() body: ResetPasswordDto, @Req() req: Request): Promise<PortalSession> {
    const contact = await this.passwords.reset(body.token, body.password, req.sessionID);
    await portalLogIn(req, contact);
    return toPortalSession(contact);
  }

  @SignedInContact()
  @Post('change-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Change the password (the current one is checked under the sign-in limits); ends the contact's other sessions" })
  async changePassword(@CurrentContact() contact: PortalPrincipal, @Body() body: ChangePasswordDto, @Req() req: Request): Promise<void> {
    await this.passwords.change(contact, body.currentPassword, body.newPassword, req.ip, req.sessionID);
  }
}
