import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PortalBooking, PortalBookingList, SlotsResponse } from '@fieldbook/contracts';
import type { Request, Response } from 'express';
import { CancelBookingDto, RescheduleBookingDto } from '../bookings/dto/booking.dto';
import { EntityId } from '../common/entity-id.pipe';
import { requestTranslator } from '../common/error-body';
import { PortalAccess, PortalPrincipal } from '../common/request-context';
import { CurrentContact, CurrentPortal, PortalScoped, SignedInContact } from '../portal-auth/portal-access';
import { PortalBookingSlotQueryDto, PortalCreateBookingDto } from './dto/portal-booking.dto';
import { PortalBookingsService } from './portal-bookings.service';
import { PortalCalendarService } from './portal-calendar.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key and body returns the first response (kept at least 24 hours) with Idempotent-Replayed: true; the same key with another body is refused with 422.',
};
const NOT_YOURS = { description: "No such booking among the contact's own (also for a malformed id or another contact's booking)" };
const CSRF = { description: 'The CSRF header (X-XSRF-TOKEN echoing the XSRF-TOKEN cookie) is missing or wrong' };
const TOO_LATE =
  'Not possible in its status, or past the cut-off: then `details` and `contact` say how to reach the company (from its contact snippets)';

/** The signed-in contact's own bookings: book, list, look at, move, cancel, add to a calendar. */
@ApiTags('portal')
@PortalScoped()
@Controller('portal/:slug/bookings')
export class PortalBookingsController {
  constructor(
    private readonly bookings: PortalBookingsService,
    private readonly calendar: PortalCalendarService,
  ) {}

  @SignedInContact()
  @Post()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: 'Book an offered time for the signed-in contact (source portal, the contact reports the work order)',
    description: 'The slot is re-checked and a technician chosen by the fair rule. The confirmation message goes out like for every portal booking.',
  })
  @ApiCreatedResponse({ description: 'The booking as the customer sees it' })
  @ApiBadRequestResponse({ description: 'Invalid fields, details too long or not asked for, an asset missing (asset selection on) or given (off), a start not on offer' })
  @ApiNotFoundResponse({ description: 'The service type is not offered in the portal, or the asset is not one of the account’s' })
  @ApiForbiddenResponse(CSRF)
  @ApiConflictResponse({ description: 'The time was taken meanwhile; `alternatives` lists fresh times' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async create(
    @CurrentContact() contact: PortalPrincipal,
    @Body() body: PortalCreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PortalBooking> {
    const result = await this.bookings.create(contact.contactId, body, key, requestTranslator(req));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @SignedInContact()
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The bookings the signed-in contact reported: upcoming (soonest first) and past or canceled (latest first, at most 50)' })
  list(@CurrentContact() contact: PortalPrincipal, @Req() req: Request): Promise<PortalBookingList> {
    return this.bookings.list(contact.contactId, requestTranslator(req));
  }

  @SignedInContact()
  @Get(':bookingId')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'One of the contact’s bookings, with what they may do now (reschedule, cancel) and why not' })
  @ApiNotFoundResponse(NOT_YOURS)
  get(@CurrentContact() contact: PortalPrincipal, @Param('bookingId', EntityId('bookingNotFound')) id: string, @Req() req: Request): Promise<PortalBooking> {
    return this.bookings.get(contact.contactId, id, requestTranslator(req));
  }

  @SignedInContact()
  @Get(':bookingId/slots')
  @ApiOperation({
    summary: 'Times the booking could move to (same service type and service address; it does not block itself)',
    description: 'Dates are local to the service location; times come back in its zone.',
  })
  @ApiNotFoundResponse(NOT_YOURS)
  @ApiBadRequestResponse({ description: 'Bad or reversed dates, or a range longer than the booking window' })
  @ApiConflictResponse({ description: `It can no longer be rescheduled online. ${TOO_LATE}` })
  slots(
    @CurrentContact() contact: PortalPrincipal,
    @Param('bookingId', EntityId('bookingNotFound')) id: string,
    @Query() query: PortalBookingSlotQueryDto,
    @Req() req: Request,
  ): Promise<SlotsResponse> {
    return this.bookings.slots(contact.contactId, id, query, requestTranslator(req));
  }

  @SignedInContact()
  @Post(':bookingId/reschedule')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Move the booking to a newly offered time, within the reschedule cut-off' })
  @ApiNotFoundResponse(NOT_YOURS)
  @ApiForbiddenResponse(CSRF)
  @ApiConflictResponse({ description: `${TOO_LATE}; or the time was taken (with \`alternatives\`)` })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async reschedule(
    @CurrentContact() contact: PortalPrincipal,
    @Param('bookingId', EntityId('bookingNotFound')) id: string,
    @Body() body: RescheduleBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PortalBooking> {
    const result = await this.bookings.reschedule(contact.contactId, id, body, key, requestTranslator(req));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @SignedInContact()
  @Post(':bookingId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel the booking with a reason, within the cancel cut-off' })
  @ApiNotFoundResponse(NOT_YOURS)
  @ApiForbiddenResponse(CSRF)
  @ApiConflictResponse({ description: TOO_LATE })
  cancel(
    @CurrentContact() contact: PortalPrincipal,
    @Param('bookingId', EntityId('bookingNotFound')) id: string,
    @Body() body: CancelBookingDto,
    @Req() req: Request,
  ): Promise<PortalBooking> {
    return this.bookings.cancel(contact.contactId, id, body, requestTranslator(req));
  }

  @SignedInContact()
  @Get(':bookingId/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The booking as an iCalendar file to add to a calendar',
    description: 'Same UID and SEQUENCE as the invitations the messages carry, so it updates the emailed event; METHOD:CANCEL once the booking is canceled.',
  })
  @ApiNotFoundResponse(NOT_YOURS)
  async ics(
    @CurrentContact() contact: PortalPrincipal,
    @CurrentPortal() portal: PortalAccess,
    @Param('bookingId', EntityId('bookingNotFound')) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const file = await this.calendar.file(contact.contactId, id, portal.slug, requestTranslator(req));
    res.setHeader('Content-Type', `text/calendar; charset=utf-8; method=${file.method}`);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    return file.content;
  }
}
