import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { AddressRequest, CreateAccountRequest, CreateAssetRequest, CreateContactRequest, CreateFunctionalLocationRequest } from '@fieldbook/contracts';

/** Request bodies for customer records: valid by default, changed per test through overrides. */
export function anAddress(overrides: Partial<AddressRequest> = {}): AddressRequest {
  return { addressLine1: '233 S Wacker Dr', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US', lat: 41.8789, lng: -87.6359, timeZone: 'America/Chicago', ...overrides };
}

export function anAccount(overrides: Partial<CreateAccountRequest> = {}): CreateAccountRequest {
  return { name: 'Harbor View Apartments', ...anAddress(), ...overrides };
}

export function aContact(overrides: Partial<CreateContactRequest> = {}): CreateContactRequest {
  return { firstName: 'Dana', lastName: 'Whitfield', ...overrides };
}

export function aFunctionalLocation(accountId: string, overrides: Partial<CreateFunctionalLocationRequest> = {}): CreateFunctionalLocationRequest {
  return { accountId, name: 'Building B plant room', ...anAddress({ addressLine1: '1 N State St', postalCode: '60602', lat: 41.8821, lng: -87.6278 }), ...overrides };
}

export function anAsset(accountId: string, overrides: Partial<CreateAssetRequest> = {}): CreateAssetRequest {
  return { accountId, name: 'Rooftop unit 2', serialNumber: 'RTU-48812-B', ...overrides };
}

/** URLs of the customer endpoints of one environment. */
export function customerRoutes(environmentId: string) {
  const base = `/api/environments/${environmentId}`;
  return {
    accounts: `${base}/accounts`,
    account: (id: string) => `${base}/accounts/${id}`,
    accountContacts: (accountId: string) => `${base}/accounts/${accountId}/contacts`,
    contacts: `${base}/contacts`,
    contact: (id: string) => `${base}/contacts/${id}`,
    functionalLocations: `${base}/functional-locations`,
    functionalLocation: (id: string) => `${base}/functional-locations/${id}`,
    assets: `${base}/assets`,
    asset: (id: string) => `${base}/assets/${id}`,
    audit: `${base}/audit-events`,
  };
}

/**
 * A work order written straight into the database (as the owner role), so customer tests can put
 * records in use without going through booking. Its address is the account's.
 */
export async function addWorkOrder(
  pool: Pool,
  environmentId: string,
  refs: { accountId: string; contactId?: string; assetId?: string; functionalLocationId?: string },
  status: 'scheduled' | 'completed' | 'canceled' = 'scheduled',
): Promise<string> {
  const reference = `WO-${randomBytes(4).toString('hex').toUpperCase()}`;
  const { rows } = await pool.query(
    `WITH type AS (INSERT INTO incident_type (environment_id, name, duration_minutes) VALUES ($1, 'Inspection', 60) RETURNING id)
     INSERT INTO work_order (environment_id, reference, account_id, reported_by_contact_id, incident_type_id, asset_id, functional_location_id,
                             address_line1, city, country, lat, lng, time_zone, status)
     SELECT $1, $2, a.id, $3, type.id, $4, $5, a.address_line1, a.city, a.country, a.lat, a.lng, a.time_zone, $6
       FROM account a, type WHERE a.environment_id = $1 AND a.id = $7
     RETURNING id`,
    [environmentId, reference, refs.contactId ?? null, refs.assetId ?? null, refs.functionalLocationId ?? null, status, refs.accountId],
  );
  if (!rows[0]) throw new Error(`No account ${refs.accountId} in environment ${environmentId}`);
  return rows[0].id;
}

export async function setWorkOrderStatus(pool: Pool, workOrderId: string, status: 'scheduled' | 'completed' | 'canceled'): Promise<void> {
  await pool.query(`UPDATE work_order SET status = $2 WHERE id = $1`, [workOrderId, status]);
}
