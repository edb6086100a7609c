import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiGoneResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BookingByCode, SlotsResponse } from '@fieldbook/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/access';
import { CancelBookingDto, RescheduleBookingDto } from '../bookings/dto/booking.dto';
import { requestTranslator } from '../common/error-body';
import { BookingCodePortalService } from './booking-code-portal.service';
import { BookingCodeSlotQueryDto } from './dto/booking-code.dto';

const REFUSALS = {
  notFound: { description: 'No such portal, or no code for this token here (also for a malformed token)' },
  blocked: { description: 'The code was blocked' },
  expired: { description: 'The code has expired; the message says what to do next and `details`/`contact` carry the company’s email and phone when set' },
};

const WRITE_WITHOUT_SESSION =
  'No sign-in needed. Like every write, it must echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header: any earlier response (e.g. the GET of this code) sets that cookie.';

@ApiTags('portal')
@Controller('portal/:slug/booking-codes')
export class BookingCodePortalController {
  constructor(private readonly portal: BookingCodePortalService) {}

  @Public()
  @Get(':token')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The booking behind a booking code, as the customer may see it, with what they may do now (reschedule, cancel) and why not',
    description: 'Reads only: opening the link (or a mail scanner following it) changes nothing. Texts are in the Accept-Language language.',
  })
  @ApiNotFoundResponse(REFUSALS.notFound)
  @ApiForbiddenResponse(REFUSALS.blocked)
  @ApiGoneResponse(REFUSALS.expired)
  show(@Param('slug') slug: string, @Param('token') token: string, @Req() req: Request): Promise<BookingByCode> {
    return this.portal.show(slug, token, requestTranslator(req));
  }

  @Public()
  @Get(':token/slots')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Times the booking behind a booking code could move to (same service type and service address)',
    description: "Dates are local to the service location; times come back in its zone. 409 when the booking can no longer be rescheduled online.",
  })
  @ApiNotFoundResponse(REFUSALS.notFound)
  @ApiForbiddenResponse(REFUSALS.blocked)
  @ApiGoneResponse(REFUSALS.expired)
  slots(@Param('slug') slug: string, @Param('token') token: string, @Query() query: BookingCodeSlotQueryDto, @Req() req: Request): Promise<SlotsResponse> {
    return this.portal.slots(slug, token, query, requestTranslator(req));
  }

  @Public()
  @Post(':token/reschedule')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key and body returns the first response (kept at least 24 hours); the same key with another body is refused with 422.',
  })
  @ApiOperation({ summary: `Move the booking behind a booking code to an offered time, within the reschedule cut-off. ${WRITE_WITHOUT_SESSION}` })
  @ApiNotFoundResponse(REFUSALS.notFound)
  @ApiForbiddenResponse({ description: `${REFUSALS.blocked.description}, or the CSRF header is missing` })
  @ApiGoneResponse(REFUSALS.expired)
  @ApiConflictResponse({ description: 'Past the cut-off, not reschedulable in its status, or the time was taken (with `alternatives`)' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async reschedule(
    @Param('slug') slug: string,
    @Param('token') token: string,
    @Body() body: RescheduleBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BookingByCode> {
    const result = await this.portal.reschedule(slug, token, body, key, requestTranslator(req));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Public()
  @Post(':token/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: `Cancel the booking behind a booking code with a reason, within the cancel cut-off. ${WRITE_WITHOUT_SESSION}` })
  @ApiNotFoundResponse(REFUSALS.notFound)
  @ApiForbiddenResponse({ description: `${REFUSALS.blocked.description}, or the CSRF header is missing` })
  @ApiGoneResponse(REFUSALS.expired)
  @ApiConflictResponse({ description: 'Past the cut-off, or already canceled or under way' })
  cancel(@Param('slug') slug: string, @Param('token') token: string, @Body() body: CancelBookingDto, @Req() req: Request): Promise<BookingByCode> {
    return this.portal.cancel(slug, token, body, requestTranslator(req));
  }
}
