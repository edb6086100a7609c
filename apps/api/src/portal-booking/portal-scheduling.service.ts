import { Injectable } from '@nestjs/common';
import { DisplayNames, PortalAddress, PortalAsset, PortalBookingOptions, PortalServiceType, PortalSlotQuery, SlotsResponse } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { BadRequestError, NotFoundError, UnauthenticatedError } from '../common/domain-error';
import { SlotsService } from '../scheduling/slots.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { DETAILS_MAX_LENGTH } from './dto/portal-booking.dto';
import { displayName } from './portal-booking-reader';

interface OptionsRow {
  asset_selection_enabled: boolean;
  additional_details_enabled: boolean;
  min_lead_days: number;
  max_lead_days: number;
  reschedule_cutoff_hours: number;
  cancel_cutoff_hours: number;
}

interface AssetRow {
  id: string;
  name: string;
  serial_number: string | null;
  address: PortalAddress;
  time_zone: string;
}

interface ServiceTypeRow {
  id: string;
  name: string;
  description: string | null;
  duration_minutes: number;
  display_names: DisplayNames;
}

/**
 * The account's active assets that can be booked, each served at its functional location when it
 * has one, else at the account's address. An asset whose functional location was deactivated is
 * left out: ServiceLocationResolver would refuse it.
 */
const BOOKABLE_ASSETS = `
  SELECT a.id, a.name, a.serial_number,
         CASE WHEN fl.id IS NOT NULL
           THEN json_build_object('addressLine1', fl.address_line1, 'addressLine2', fl.address_line2, 'city', fl.city, 'region', fl.region,
                                  'postalCode', fl.postal_code, 'country', fl.country)
           ELSE json_build_object('addressLine1', ac.address_line1, 'addressLine2', ac.address_line2, 'city', ac.city, 'region', ac.region,
                                  'postalCode', ac.postal_code, 'country', ac.country)
         END AS address,
         coalesce(fl.time_zone, ac.time_zone) AS time_zone
    FROM asset a
    JOIN account ac ON ac.id = a.account_id
    LEFT JOIN functional_location fl ON fl.id = a.functional_location_id AND fl.account_id = ac.id AND fl.active
   WHERE a.account_id = $1 AND a.active AND (a.functional_location_id IS NULL OR fl.id IS NOT NULL)`;

/** Where a portal booking happens: the account, and the asset when one was chosen. */
export interface PortalServiceLocation {
  accountId: string;
  assetId?: string;
}

/**
 * What the schedule steps of the portal offer the signed-in contact: the portal settings that
 * shape them, the contact's own account's assets, the portal-enabled service types and the free
 * times. The contact's account is always the service location's account, so an asset of another
 * account is not found.
 */
@Injectable()
export class PortalSchedulingService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly slots: SlotsService,
  ) {}

  async options(): Promise<PortalBookingOptions> {
    const row = await this.settings();
    return {
      assetSelection: row.asset_selection_enabled,
      additionalDetails: row.additional_details_enabled,
      detailsMaxLength: DETAILS_MAX_LENGTH,
      minLeadDays: row.min_lead_days,
      maxLeadDays: row.max_lead_days,
      rescheduleCutOffHours: row.reschedule_cutoff_hours,
      cancelCutOffHours: row.cancel_cutoff_hours,
    };
  }

  /** The contact's account's bookable assets, by name; none when asset selection is off (bookings then go to the account's address). */
  async assets(contactId: string): Promise<PortalAsset[]> {
    if (!(await this.settings()).asset_selection_enabled) return [];
    const accountId = await this.accountOf(contactId);
    const rows: AssetRow[] = await this.tenancy.manager.query(`${BOOKABLE_ASSETS} ORDER BY a.name, a.id`, [accountId]);
    return rows.map((row) => ({ id: row.id, name: row.name, description: row.serial_number, serviceAddress: row.address, timeZone: row.time_zone }));
  }

  /** Active, portal-enabled service types, by their name in the request's language. */
  async serviceTypes(t: Translator): Promise<PortalServiceType[]> {
    const rows: ServiceTypeRow[] = await this.tenancy.manager.query(
      `SELECT id, name, description, duration_minutes, display_names FROM incident_type WHERE active AND portal_enabled`,
    );
    const collator = new Intl.Collator(t.language);
    return rows
      .map((row) => ({ id: row.id, name: displayName(row.display_names, row.name, t.language), description: row.description, durationMinutes: row.duration_minutes }))
      .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  }

  async search(contactId: string, query: PortalSlotQuery, t: Translator, now = Date.now()): Promise<SlotsResponse> {
    await this.assertBookable(query.serviceTypeId);
    const location = await this.serviceLocation(contactId, query.assetId);
    return this.slots.search({ serviceTypeId: query.serviceTypeId, from: query.from, to: query.to, ...location }, t, now);
  }

  /**
   * The service location of a new booking: the contact's account, and the asset — which must be
   * the account's (else 404). With asset selection on, an account that has bookable assets must
   * name one; with it off, naming one is refused.
   */
  async serviceLocation(contactId: string, assetId: string | undefined): Promise<PortalServiceLocation> {
    const accountId = await this.accountOf(contactId);
    const selection = (await this.settings()).asset_selection_enabled;
    if (!selection && assetId) throw new BadRequestError('portalAssetSelectionOff', {}, [{ field: 'assetId', code: 'api:errors.portalAssetSelectionOff' }]);
    if (selection && !assetId) {
      const [{ assets }]: { assets: number }[] = await this.tenancy.manager.query(`SELECT count(*)::int AS assets FROM (${BOOKABLE_ASSETS}) bookable`, [accountId]);
      if (assets > 0) throw new BadRequestError('portalAssetRequired', {}, [{ field: 'assetId', code: 'api:errors.portalAssetRequired' }]);
    }
    return assetId ? { accountId, assetId } : { accountId };
  }

  /** 404 with its own message for a service type the portal does not offer (unknown, inactive or not portal-enabled). */
  async assertBookable(serviceTypeId: string): Promise<void> {
    const rows = await this.tenancy.manager.query(`SELECT 1 FROM incident_type WHERE id = $1 AND active AND portal_enabled`, [serviceTypeId]);
    if (rows.length === 0) throw new NotFoundError('portalServiceTypeNotFound');
  }

  /** Refuses details when the portal does not ask for them. */
  async assertDetailsAllowed(details: string | undefined): Promise<void> {
    if (details === undefined) return;
    if (!(await this.settings()).additional_details_enabled) {
      throw new BadRequestError('portalDetailsOff', {}, [{ field: 'details', code: 'api:errors.portalDetailsOff' }]);
    }
  }

  private async accountOf(contactId: string): Promise<string> {
    const [row]: { account_id: string }[] = await this.tenancy.manager.query(`SELECT account_id FROM contact WHERE id = $1 AND active`, [contactId]);
    if (!row) throw new UnauthenticatedError();
    return row.account_id;
  }

  private async settings(): Promise<OptionsRow> {
    const [row]: OptionsRow[] = await this.tenancy.manager.query(
      `SELECT asset_selection_enabled, additional_details_enabled, min_lead_days, max_lead_days, reschedule_cutoff_hours, cancel_cutoff_hours FROM portal_settings`,
    );
    if (!row) throw new NotFoundError('portalNotFound');
    return row;
  }
}
