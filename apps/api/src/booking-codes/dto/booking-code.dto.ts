import { BOOKING_CODE_STATES, BookingCodeListQuery, BookingCodeState, ExtendBookingCodeRequest } from '@fieldbook/contracts';
import { PageQueryDto } from '../../common/pagination';
import { UuidField } from '../../common/structured-fields';
import { OneOfField, TextField } from '../../common/validation';

export class BookingCodeListQueryDto extends PageQueryDto implements BookingCodeListQuery {
  @UuidField({ optional: true, description: 'Only codes of this booking' })
  bookingId?: string;

  @UuidField({ optional: true, description: 'Only codes sent to this contact' })
  contactId?: string;

  @OneOfField(BOOKING_CODE_STATES, { optional: true, description: 'The state as it stands now: an active code past its expiry counts as expired' })
  state?: BookingCodeState;
}

export class ExtendBookingCodeDto implements ExtendBookingCodeRequest {
  @TextField({ max: 40, example: '2026-12-08T18:00:00-05:00', description: 'The new expiry, ISO 8601 with offset; in the future and at most a year ahead' })
  expiresAt: string;
}

/** Reschedule options for the booking behind a code. */
export class BookingCodeSlotQueryDto {
  @TextField({ max: 10, example: '2026-12-01', description: "First local date (YYYY-MM-DD) in the service location's zone" })
  from: string;

  @TextField({ max: 10, example: '2026-12-14', description: 'Last local date (YYYY-MM-DD), inclusive' })
  to: string;
}
