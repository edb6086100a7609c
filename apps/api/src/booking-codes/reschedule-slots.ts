import { Injectable } from '@nestjs/common';
import { BookingStatus, SlotsResponse } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-error';
import { SchedulingData } from '../scheduling/scheduling-data';
import { SearchContext, SlotsService } from '../scheduling/slots.service';
import { daysBetween, localDateRange } from '../scheduling/zoned-time';
import { TenancyService } from '../tenancy/tenancy.service';
import { Refusal, checkLocalDateRange, refusal } from './customer-booking-rules';

interface LocationRow {
  incident_type_id: string;
  account_id: string;
  account_name: string;
  asset_id: string | null;
  functional_location_id: string | null;
  address: SearchContext['location']['address'];
  lat: number;
  lng: number;
  time_zone: string;
  status: BookingStatus;
  starts_at: Date;
}

/**
 * Times a customer could move a booking to: the same service type at the address recorded on its
 * work order (not wherever the asset is now); the booking does not block itself. Used by the
 * booking-code page and by the signed-in portal, inside the portal's tenant transaction.
 */
@Injectable()
export class RescheduleSlots {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly data: SchedulingData,
    private readonly slotSearch: SlotsService,
  ) {}

  /**
   * 400 for bad dates or a range longer than the booking window; `refuse` turns a refusal (not
   * scheduled, past the reschedule cut-off) into the error to throw, a plain 409 by default.
   */
  async search(
    bookingId: string,
    range: { from: string; to: string },
    t: Translator,
    now = Date.now(),
    refuse: (refused: Refusal) => Promise<Error> | Error = (refused) => new ConflictError(refused.code, refused.params),
  ): Promise<SlotsResponse> {
    checkLocalDateRange(range);
    const { context, booking } = await this.searchContext(bookingId);
    const refused = refusal('reschedule', booking, context.settings.rescheduleCutoffHours, now);
    if (refused) throw await refuse(refused);
    const maxDays = context.settings.maxLeadDays + 1;
    if (daysBetween(range.from, range.to) + 1 > maxDays) {
      throw new BadRequestError('rangeTooLong', { days: maxDays }, [{ field: 'to', code: 'api:errors.rangeTooLong', params: { days: maxDays } }]);
    }
    const requested = localDateRange(range.from, range.to, context.location.timeZone);
    const result = await this.slotSearch.find(context, requested, now, bookingId);
    return this.slotSearch.present(result, context, t);
  }

  /** The booking's service type and the address recorded on its work order, read without a lock. */
  private async searchContext(bookingId: string): Promise<{ context: SearchContext; booking: { status: BookingStatus; startsAt: Date } }> {
    const [row]: LocationRow[] = await this.tenancy.manager.query(
      `SELECT wo.incident_type_id, wo.account_id, ac.name AS account_name, wo.asset_id, wo.functional_location_id,
              json_build_object('addressLine1', wo.address_line1, 'addressLine2', wo.address_line2, 'city', wo.city, 'region', wo.region,
                                'postalCode', wo.postal_code, 'country', wo.country) AS address,
              wo.lat, wo.lng, wo.time_zone, b.status, b.starts_at
         FROM booking b JOIN work_order wo ON wo.id = b.work_order_id JOIN account ac ON ac.id = wo.account_id
        WHERE b.id = $1`,
      [bookingId],
    );
    if (!row) throw new NotFoundError('bookingNotFound');
    const { settings, serviceType } = await this.data.context(row.incident_type_id);
    const location = {
      accountId: row.account_id, accountName: row.account_name, assetId: row.asset_id, functionalLocationId: row.functional_location_id,
      address: row.address, lat: row.lat, lng: row.lng, timeZone: row.time_zone,
    };
    return { context: { settings, serviceType, location }, booking: { status: row.status, startsAt: row.starts_at } };
  }
}
