import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  BOOKING_STATUSES,
  BookingStatus,
  CancelBookingRequest,
  ChangeBookingStatusRequest,
  CreateBookingRequest,
  RescheduleBookingRequest,
} from '@fieldbook/contracts';
import { IntField, OneOfField, TextField } from '../../common/validation';
import { ServiceLocationDto } from '../../scheduling/dto/slot-query.dto';

export class CreateBookingDto extends ServiceLocationDto implements CreateBookingRequest {
  @TextField({ max: 36, description: 'The service type (incident type) id' })
  @IsUUID()
  serviceTypeId: string;

  @TextField({ max: 40, example: '2026-12-01T09:00:00-05:00', description: 'Start of a slot offered by the slots endpoint, ISO 8601 with offset' })
  start: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The account's contact who reports the work and receives every message about it" })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @TextField({ max: 2000, optional: true, description: 'Additional details from the customer; kept as the first note' })
  details?: string;
}

export class RescheduleBookingDto implements RescheduleBookingRequest {
  @TextField({ max: 40, example: '2026-12-02T13:00:00-05:00', description: 'Start of a newly offered slot, ISO 8601 with offset' })
  start: string;
}

export class CancelBookingDto implements CancelBookingRequest {
  @TextField({ max: 500, example: 'No longer needed' })
  reason: string;
}

export class ChangeBookingStatusDto implements ChangeBookingStatusRequest {
  @OneOfField(['traveling', 'in_progress', 'completed'] as const)
  status: 'traveling' | 'in_progress' | 'completed';
}

export class AddBookingNoteDto {
  @TextField({ max: 2000 })
  text: string;
}

export class BookingListQueryDto {
  @TextField({ max: 40, optional: true, description: 'Bookings ending after this instant (ISO 8601)' })
  from?: string;

  @TextField({ max: 40, optional: true, description: 'Bookings starting before this instant (ISO 8601)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  technicianId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES })
  @IsOptional()
  @IsIn([...BOOKING_STATUSES])
  status?: BookingStatus;

  @IntField({ min: 1, max: 200, optional: true, default: 50 })
  limit?: number;

  @IntField({ min: 0, max: 1_000_000, optional: true, default: 0 })
  offset?: number;
}
