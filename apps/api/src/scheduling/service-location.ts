import { Injectable } from '@nestjs/common';
import { ServiceLocationQuery } from '@fieldbook/contracts';
import { BadRequestError, NotFoundError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';

export interface ServiceLocation {
  accountId: string;
  accountName: string;
  assetId: string | null;
  functionalLocationId: string | null;
  address: { addressLine1: string; addressLine2: string | null; city: string; region: string | null; postalCode: string | null; country: string };
  lat: number;
  lng: number;
  timeZone: string;
}

interface LocationRow {
  account_id: string;
  account_name: string;
  account_active: boolean;
  asset_id: string | null;
  asset_found: boolean;
  functional_location_id: string | null;
  location_found: boolean;
  address: ServiceLocation['address'] & { lat: number; lng: number; time_zone: string };
}

/**
 * Where a job happens. An asset is served at its functional location when it has one, else at its
 * account's address; a functional location at its own address; an account at its address. Ids that
 * do not belong together (an asset of another account) are refused, not silently mixed.
 */
@Injectable()
export class ServiceLocationResolver {
  constructor(private readonly tenancy: TenancyService) {}

  async resolve(query: ServiceLocationQuery): Promise<ServiceLocation> {
    if (!query.accountId && !query.assetId && !query.functionalLocationId) {
      throw new BadRequestError('serviceLocationRequired');
    }
    const rows: LocationRow[] = await this.tenancy.manager.query(
      `SELECT ac.id AS account_id, ac.name AS account_name, ac.active AS account_active,
              a.id AS asset_id, ($2::uuid IS NULL OR a.id IS NOT NULL) AS asset_found,
              fl.id AS functional_location_id,
              (coalesce($3::uuid, a.functional_location_id) IS NULL OR fl.id IS NOT NULL) AS location_found,
              CASE WHEN fl.id IS NOT NULL
                THEN json_build_object('addressLine1', fl.address_line1, 'addressLine2', fl.address_line2, 'city', fl.city, 'region', fl.region,
                       'postalCode', fl.postal_code, 'country', fl.country, 'lat', fl.lat, 'lng', fl.lng, 'time_zone', fl.time_zone)
                ELSE json_build_object('addressLine1', ac.address_line1, 'addressLine2', ac.address_line2, 'city', ac.city, 'region', ac.region,
                       'postalCode', ac.postal_code, 'country', ac.country, 'lat', ac.lat, 'lng', ac.lng, 'time_zone', ac.time_zone)
              END AS address
         FROM account ac
         LEFT JOIN asset a ON a.id = $2 AND a.account_id = ac.id AND a.active
         LEFT JOIN functional_location fl ON fl.id = coalesce($3, a.functional_location_id) AND fl.account_id = ac.id AND fl.active
        -- One sub-select yields the account's key, so it is found through its index: compared with a
        -- coalesce() itself, row-level security would first check every account in the environment.
        WHERE ac.id = (SELECT coalesce($1::uuid, (SELECT account_id FROM asset WHERE id = $2), (SELECT account_id FROM functional_location WHERE id = $3)))`,
      [query.accountId ?? null, query.assetId ?? null, query.functionalLocationId ?? null],
    );
    const row = rows[0];
    if (!row || !row.account_active) throw new NotFoundError(query.accountId ? 'accountNotFound' : query.assetId ? 'assetNotFound' : 'functionalLocationNotFound');
    if (!row.asset_found) throw new NotFoundError('assetNotFound');
    if (!row.location_found) throw new NotFoundError('functionalLocationNotFound');
    const { lat, lng, time_zone, ...address } = row.address;
    return { accountId: row.account_id, accountName: row.account_name, assetId: row.asset_id, functionalLocationId: row.functional_location_id, address, lat, lng, timeZone: time_zone };
  }
}
