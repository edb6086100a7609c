import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Booking, Page } from '@fieldbook/contracts';
import type { Response } from 'express';
import { CurrentAdmin } from '../common/current';
import { BadRequestError } from '../common/domain-error';
import { EntityId } from '../common/entity-id.pipe';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { BookingChanges } from './booking-changes';
import { BookingReader } from './booking-reader';
import { BookingsService } from './bookings.service';
import { AddBookingNoteDto, BookingListQueryDto, CancelBookingDto, ChangeBookingStatusDto, CreateBookingDto, RescheduleBookingDto } from './dto/booking.dto';
import { IdempotencyService } from './idempotency.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key and body returns the first response (kept at least 24 hours); the same key with another body is refused with 422.',
};

function instant(field: 'from' | 'to', text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new BadRequestError('invalidDate', { field }, [{ field, code: 'api:errors.invalidDate', params: { field } }]);
  }
  return new Date(text).toISOString();
}

@ApiTags('bookings')
@EnvironmentScoped()
@Controller('environments/:environmentId/bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly changes: BookingChanges,
    private readonly reader: BookingReader,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Bookings overlapping [from, to), optionally of one technician, account or status; ordered by start' })
  list(@Query() query: BookingListQueryDto): Promise<Page<Booking>> {
    const from = instant('from', query.from);
    const to = instant('to', query.to);
    if (from && to && from >= to) throw new BadRequestError('rangeReversed', {}, [{ field: 'to', code: 'api:errors.rangeReversed' }]);
    return this.reader.list({ ...query, from, to });
  }

  @Get(':bookingId')
  @ApiOperation({ summary: 'One booking with its work order, technician, service address and timeline notes' })
  get(@Param('bookingId', EntityId('bookingNotFound')) id: string): Promise<Booking> {
    return this.reader.get(id);
  }

  @Post()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: 'Book for a customer (office booking)',
    description:
      'Creates the work order and its booking in one transaction. The slot is re-checked and a technician chosen by the fair rule (fewest bookings that local day, then nearest home, then id).',
  })
  @ApiConflictResponse({ description: 'The time was taken meanwhile; `alternatives` lists fresh times' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async create(
    @Body() body: CreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentAdmin() admin: AdminPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Booking> {
    const result = await this.idempotency.run('booking.create', key, body, () => this.bookings.create(body, { kind: 'admin', id: admin.id }, 'office'));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Post(':bookingId/reschedule')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Move a booking to another offered time; work order, asset and service type stay, the technician may change' })
  @ApiConflictResponse({ description: 'Not reschedulable in its status, or the time was taken (with `alternatives`)' })
  async reschedule(
    @Param('bookingId', EntityId('bookingNotFound')) id: string,
    @Body() body: RescheduleBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentAdmin() admin: AdminPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Booking> {
    const result = await this.idempotency.run(`booking.reschedule:${id}`, key, body, () => this.bookings.reschedule(id, body, { kind: 'admin', id: admin.id }));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Post(':bookingId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel with a reason; frees the technician' })
  cancel(@Param('bookingId', EntityId('bookingNotFound')) id: string, @Body() body: CancelBookingDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Booking> {
    return this.changes.cancel(id, body.reason, { kind: 'admin', id: admin.id });
  }

  @Post(':bookingId/status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Office progress: traveling, in_progress, completed (forward only)' })
  changeStatus(
    @Param('bookingId', EntityId('bookingNotFound')) id: string,
    @Body() body: ChangeBookingStatusDto,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<Booking> {
    return this.changes.changeStatus(id, body, admin.id);
  }

  @Post(':bookingId/notes')
  @ApiOperation({ summary: "Add a note to the booking's timeline" })
  async addNote(@Param('bookingId', EntityId('bookingNotFound')) id: string, @Body() body: AddBookingNoteDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Booking> {
    await this.bookings.lock(id);
    await this.bookings.note(id, { kind: 'admin', id: admin.id }, body.text);
    return this.reader.get(id);
  }
}
