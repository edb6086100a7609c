import { PortalCreateBookingRequest, PortalSlotQuery } from '@fieldbook/contracts';
import { UuidField } from '../../common/structured-fields';
import { TextField } from '../../common/validation';

/** The most characters the additional details of a portal booking may have (booking_note holds 2000). */
export const DETAILS_MAX_LENGTH = 2000;

export class PortalAppearanceQueryDto {
  @TextField({ max: 35, optional: true, example: 'de', description: 'The language of the texts (en, de, fr, es); wins over Accept-Language' })
  language?: string;
}

export class PortalSlotQueryDto implements PortalSlotQuery {
  @UuidField({ description: 'A service type the portal offers' })
  serviceTypeId: string;

  @UuidField({ optional: true, description: "An asset of the customer's account (required when asset selection is on, refused when it is off)" })
  assetId?: string;

  @TextField({ max: 10, example: '2026-12-01', description: "First local date (YYYY-MM-DD) in the service location's zone" })
  from: string;

  @TextField({ max: 10, example: '2026-12-14', description: 'Last local date (YYYY-MM-DD), inclusive' })
  to: string;
}

export class PortalCreateBookingDto implements PortalCreateBookingRequest {
  @UuidField({ description: 'A service type the portal offers' })
  serviceTypeId: string;

  @UuidField({ optional: true, description: "An asset of the customer's account (required when asset selection is on, refused when it is off)" })
  assetId?: string;

  @TextField({ max: 40, example: '2026-12-01T09:00:00-05:00', description: 'Start of a slot offered by the slots endpoint, ISO 8601 with offset' })
  start: string;

  @TextField({ max: DETAILS_MAX_LENGTH, optional: true, description: 'Additional details, kept as the first note (refused when additional details are off)' })
  details?: string;
}

/** Times the signed-in customer's booking could move to. */
export class PortalBookingSlotQueryDto {
  @TextField({ max: 10, example: '2026-12-01', description: "First local date (YYYY-MM-DD) in the service location's zone" })
  from: string;

  @TextField({ max: 10, example: '2026-12-14', description: 'Last local date (YYYY-MM-DD), inclusive' })
  to: string;
}
