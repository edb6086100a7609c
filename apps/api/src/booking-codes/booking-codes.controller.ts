import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookingCode, Page, Role } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { BookingCodesService } from './booking-codes.service';
import { BookingCodeListQueryDto, ExtendBookingCodeDto } from './dto/booking-code.dto';

/** Every member sees the codes; owners and admins change them. */
const CODE_EDITORS: Role[] = ['owner', 'admin'];
const CODE_ID = EntityId('bookingCodeNotFound');

@ApiTags('booking codes')
@EnvironmentScoped()
@Controller('environments/:environmentId/booking-codes')
export class BookingCodesController {
  constructor(private readonly codes: BookingCodesService) {}

  @Get()
  @ApiOperation({ summary: 'Booking codes sent to customers, newest first; filter by booking, contact or current state (an active code past its expiry reads expired)' })
  list(@Query() query: BookingCodeListQueryDto): Promise<Page<BookingCode>> {
    return this.codes.list(query);
  }

  @Post(':codeId/extend')
  @RequireRole(...CODE_EDITORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Set a new expiry (future, at most a year ahead); reactivates an expired code. Later reschedules no longer move it' })
  @ApiConflictResponse({ description: 'The code is blocked; blocked is final' })
  extend(@Param('codeId', CODE_ID) id: string, @Body() body: ExtendBookingCodeDto, @CurrentAdmin() admin: AdminPrincipal): Promise<BookingCode> {
    return this.codes.extend(id, body, admin.id);
  }

  @Post(':codeId/expire')
  @RequireRole(...CODE_EDITORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Make a code stop working now (it can be extended again later); an expired code stays as it is' })
  @ApiConflictResponse({ description: 'The code is blocked; blocked is final' })
  expire(@Param('codeId', CODE_ID) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<BookingCode> {
    return this.codes.expire(id, admin.id);
  }

  @Post(':codeId/block')
  @RequireRole(...CODE_EDITORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Block a code for good (e.g. a forwarded link): it never works again and cannot be extended' })
  block(@Param('codeId', CODE_ID) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<BookingCode> {
    return this.codes.block(id, admin.id);
  }
}
