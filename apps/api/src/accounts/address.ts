import { Address, AddressChange, AddressRequest } from '@fieldbook/contracts';
import { TextField } from '../common/validation';
import { CountryField, KeptTextField, LatitudeField, LongitudeField, TimeZoneField } from '../common/field-validators';

/** The address columns accounts and functional locations share (see the scheduling tables migration). */
export const ADDRESS_COLUMNS = `address_line1, address_line2, city, region, postal_code, country, lat, lng, time_zone`;

/** Request field → column, for inserts and PATCH assignments. */
export const ADDRESS_FIELDS = {
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  lat: 'lat',
  lng: 'lng',
  timeZone: 'time_zone',
} as const satisfies Record<keyof Address, string>;

export interface AddressRow {
  address_line1: string;
  address_line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  lat: number;
  lng: number;
  time_zone: string;
}

export function toAddress(row: AddressRow): Address {
  return {
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    lat: row.lat,
    lng: row.lng,
    timeZone: row.time_zone,
  };
}

/** The address values of a create request, in ADDRESS_COLUMNS order. */
export function addressValues(request: AddressRequest): unknown[] {
  return [
    request.addressLine1,
    request.addressLine2 ?? null,
    request.city,
    request.region ?? null,
    request.postalCode ?? null,
    request.country,
    request.lat,
    request.lng,
    request.timeZone,
  ];
}

export class AddressDto implements AddressRequest {
  @TextField({ max: 200, example: '233 S Wacker Dr' })
  addressLine1: string;

  @TextField({ max: 200, optional: true, example: 'Suite 4100' })
  addressLine2?: string;

  @TextField({ max: 100, example: 'Chicago' })
  city: string;

  @TextField({ max: 100, optional: true, example: 'IL', description: 'State, province or county' })
  region?: string;

  @TextField({ max: 20, optional: true, example: '60606' })
  postalCode?: string;

  @CountryField()
  country: string;

  @LatitudeField()
  lat: number;

  @LongitudeField()
  lng: number;

  @TimeZoneField()
  timeZone: string;
}

export class AddressChangeDto implements AddressChange {
  @KeptTextField({ max: 200 })
  addressLine1?: string;

  @TextField({ max: 200, optional: true, description: 'null clears it' })
  addressLine2?: string | null;

  @KeptTextField({ max: 100 })
  city?: string;

  @TextField({ max: 100, optional: true, description: 'null clears it' })
  region?: string | null;

  @TextField({ max: 20, optional: true, description: 'null clears it' })
  postalCode?: string | null;

  @CountryField('keep')
  country?: string;

  @LatitudeField('keep')
  lat?: number;

  @LongitudeField('keep')
  lng?: number;

  @TimeZoneField('keep')
  timeZone?: string;
}
