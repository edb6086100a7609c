import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortalAppearance, PortalAsset, PortalBookingOptions, PortalServiceType, SlotsResponse } from '@fieldbook/contracts';
import type { Request } from 'express';
import { Public } from '../auth/access';
import { requestTranslator } from '../common/error-body';
import { PortalAccess, PortalPrincipal } from '../common/request-context';
import { CurrentContact, CurrentPortal, PortalScoped, SignedInContact } from '../portal-auth/portal-access';
import { PortalAppearanceQueryDto, PortalSlotQueryDto } from './dto/portal-booking.dto';
import { PortalAppearanceService } from './portal-appearance.service';
import { PortalSchedulingService } from './portal-scheduling.service';

const UNKNOWN_PORTAL = { description: 'No portal at this address (also for a malformed one)' };

/** What the portal shows before a booking is made: its look, and the schedule steps' choices. */
@ApiTags('portal')
@PortalScoped()
@Controller('portal/:slug')
export class PortalSchedulingController {
  constructor(
    private readonly appearance: PortalAppearanceService,
    private readonly scheduling: PortalSchedulingService,
  ) {}

  @Public()
  @Get('appearance')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "The portal's name, branding and the company's standard texts, in the visitor's language; no sign-in needed",
    description:
      'The language is `?language=`, else the first supported one of Accept-Language, else English. A text missing in that language falls back to English, then to any language it exists in; null when never set.',
  })
  @ApiNotFoundResponse(UNKNOWN_PORTAL)
  @ApiBadRequestResponse({ description: '`language` is not a supported language' })
  show(@CurrentPortal() portal: PortalAccess, @Query() query: PortalAppearanceQueryDto, @Req() req: Request): Promise<PortalAppearance> {
    return this.appearance.appearance(portal, this.appearance.language(query.language, req.get('accept-language')));
  }

  @SignedInContact()
  @Get('booking-options')
  @ApiOperation({ summary: 'What the schedule steps offer: asset selection, additional details, lead days and the cut-offs' })
  @ApiNotFoundResponse(UNKNOWN_PORTAL)
  options(): Promise<PortalBookingOptions> {
    return this.scheduling.options();
  }

  @SignedInContact()
  @Get('assets')
  @ApiOperation({
    summary: "The signed-in contact's account's active assets, each with the address it is served at and its time zone",
    description:
      "An asset is served at its functional location's address, else at the account's. When asset selection is off the list is empty: bookings then go to the account's address.",
  })
  @ApiNotFoundResponse(UNKNOWN_PORTAL)
  assets(@CurrentContact() contact: PortalPrincipal): Promise<PortalAsset[]> {
    return this.scheduling.assets(contact.contactId);
  }

  @SignedInContact()
  @Get('service-types')
  @ApiOperation({ summary: 'The service types the portal offers (active and portal-enabled), named in the request’s language' })
  @ApiNotFoundResponse(UNKNOWN_PORTAL)
  serviceTypes(@Req() req: Request): Promise<PortalServiceType[]> {
    return this.scheduling.serviceTypes(requestTranslator(req));
  }

  @SignedInContact()
  @Get('slots')
  @ApiOperation({
    summary: "Bookable times for a service type at the contact's asset, or at their account's address",
    description:
      "Dates are local to the service location; times come back in its zone. The range is clamped to the booking window; when nothing is free the reasons say why, in the request's language.",
  })
  @ApiNotFoundResponse({ description: 'The service type is not offered in the portal, or the asset is not one of the account’s' })
  @ApiBadRequestResponse({ description: 'Bad or reversed dates, a range longer than the booking window, or an asset missing (asset selection on) or given (off)' })
  slots(@CurrentContact() contact: PortalPrincipal, @Query() query: PortalSlotQueryDto, @Req() req: Request): Promise<SlotsResponse> {
    return this.scheduling.search(contact.contactId, query, requestTranslator(req));
  }
}
