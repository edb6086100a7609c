import { DemoAddress, DemoData } from './demo-data.types';

/** Runs one parameterised statement; the caller decides the connection, role and transaction. */
export type DemoQuery = (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

export interface DemoWriteSummary {
  /** Statements sent: one per table, whatever the amount of data. */
  statements: number;
  rows: Record<string, number>;
}

/** Table, statement, its parameters after the environment id ($2…), and the number of rows. */
type TableWrite = [string, string, () => unknown[], number];

const ADDRESS_COLUMNS = ['address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country', 'lat', 'lng', 'time_zone'] as const;

/** The address columns of many rows, as nine arrays (one per column). */
function addressArrays(addresses: DemoAddress[]): unknown[] {
  return [
    addresses.map((a) => a.addressLine1),
    addresses.map((a) => a.addressLine2),
    addresses.map((a) => a.city),
    addresses.map((a) => a.region),
    addresses.map((a) => a.postalCode),
    addresses.map((a) => a.country),
    addresses.map((a) => a.lat),
    addresses.map((a) => a.lng),
    addresses.map((a) => a.timeZone),
  ];
}

/** Casts for the nine address arrays, numbered from `$first`. */
function addressTypes(first: number): string {
  const types = ['text', 'text', 'text', 'text', 'text', 'text', 'float8', 'float8', 'text'];
  return types.map((type, i) => `$${first + i}::${type}[]`).join(', ');
}

const ADDRESS_LIST = ADDRESS_COLUMNS.join(', ');

/**
 * Each work order's service address: its functional location's when it has one, else its
 * account's — the rule bookings follow. Taken from the data rather than joined in SQL, so the
 * insert is a plain unnest whatever the planner thinks of the tables.
 */
function serviceAddresses(data: DemoData): DemoAddress[] {
  const accounts = new Map(data.accounts.map((account) => [account.id, account.address]));
  const sites = new Map(data.functionalLocations.map((site) => [site.id, site.address]));
  return data.bookings.map((booking) => {
    const address = booking.functionalLocationId ? sites.get(booking.functionalLocationId) : accounts.get(booking.accountId);
    if (!address) throw new Error(`Booking ${booking.id} refers to a place missing from the data`);
    return address;
  });
}

function iso(instant: number): string {
  return new Date(instant).toISOString();
}

/**
 * Writes generated data into one empty environment with one bulk statement per table (arrays
 * unnested server-side), so a company of thousands of technicians and hundreds of thousands of
 * bookings takes thirteen round trips. Rows keep their generated ids. Run it inside one
 * transaction; as the API's role it passes row-level security like any other tenant write.
 */
export async function writeDemoData(query: DemoQuery, environmentId: string, data: DemoData): Promise<DemoWriteSummary> {
  const required = data.serviceTypes.flatMap((t) => t.requiredSkills.map((r) => ({ typeId: t.id, ...r })));
  const skills = data.technicians.flatMap((t) => t.skills.map((s) => ({ technicianId: t.id, ...s })));
  const hours = data.technicians.flatMap((t) => t.hours.map((h) => ({ technicianId: t.id, ...h })));
  // Parameters are built table by table, so only one table's arrays are alive at a time.
  const writes: TableWrite[] = [
    [
      'skill',
      `INSERT INTO skill (environment_id, id, name) SELECT $1, * FROM unnest($2::uuid[], $3::text[])`,
      () => [data.skills.map((s) => s.id), data.skills.map((s) => s.name)],
      data.skills.length,
    ],
    [
      'incident_type',
      `INSERT INTO incident_type (environment_id, id, name, description, duration_minutes, portal_enabled, display_names)
       SELECT $1, id, name, description, duration, portal, names::jsonb
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::bool[], $7::text[]) AS t(id, name, description, duration, portal, names)`,
      () => [
        data.serviceTypes.map((t) => t.id),
        data.serviceTypes.map((t) => t.name),
        data.serviceTypes.map((t) => t.description),
        data.serviceTypes.map((t) => t.durationMinutes),
        data.serviceTypes.map((t) => t.portalEnabled),
        data.serviceTypes.map((t) => JSON.stringify(t.displayNames)),
      ],
      data.serviceTypes.length,
    ],
    [
      'incident_type_skill',
      `INSERT INTO incident_type_skill (environment_id, incident_type_id, skill_id, min_proficiency) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[])`,
      () => [required.map((r) => r.typeId), required.map((r) => r.skillId), required.map((r) => r.minProficiency)],
      required.length,
    ],
    [
      'resource',
      `INSERT INTO resource (environment_id, id, name, email, phone, home_lat, home_lng, time_zone)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[])`,
      () => [
        data.technicians.map((t) => t.id),
        data.technicians.map((t) => t.name),
        data.technicians.map((t) => t.email),
        data.technicians.map((t) => t.phone),
        data.technicians.map((t) => t.homeLat),
        data.technicians.map((t) => t.homeLng),
        data.technicians.map((t) => t.timeZone),
      ],
      data.technicians.length,
    ],
    [
      'resource_skill',
      `INSERT INTO resource_skill (environment_id, resource_id, skill_id, proficiency) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[])`,
      () => [skills.map((s) => s.technicianId), skills.map((s) => s.skillId), skills.map((s) => s.proficiency)],
      skills.length,
    ],
    [
      'work_hours',
      `INSERT INTO work_hours (environment_id, resource_id, weekday, start_minute, end_minute) SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::int[], $5::int[])`,
      () => [hours.map((h) => h.technicianId), hours.map((h) => h.weekday), hours.map((h) => h.startMinute), hours.map((h) => h.endMinute)],
      hours.length,
    ],
    [
      'time_off',
      `INSERT INTO time_off (environment_id, id, resource_id, starts_at, ends_at, reason)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[])`,
      () => [
        data.timeOff.map((o) => o.id),
        data.timeOff.map((o) => o.technicianId),
        data.timeOff.map((o) => iso(o.startsAt)),
        data.timeOff.map((o) => iso(o.endsAt)),
        data.timeOff.map((o) => o.reason),
      ],
      data.timeOff.length,
    ],
    [
      'account',
      `INSERT INTO account (environment_id, id, name, email, phone, ${ADDRESS_LIST})
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], ${addressTypes(6)})`,
      () => [
        data.accounts.map((a) => a.id),
        data.accounts.map((a) => a.name),
        data.accounts.map((a) => a.email),
        data.accounts.map((a) => a.phone),
        ...addressArrays(data.accounts.map((a) => a.address)),
      ],
      data.accounts.length,
    ],
    [
      'contact',
      `INSERT INTO contact (environment_id, id, account_id, first_name, last_name, email, phone, language)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      () => [
        data.contacts.map((c) => c.id),
        data.contacts.map((c) => c.accountId),
        data.contacts.map((c) => c.firstName),
        data.contacts.map((c) => c.lastName),
        data.contacts.map((c) => c.email),
        data.contacts.map((c) => c.phone),
        data.contacts.map((c) => c.language),
      ],
      data.contacts.length,
    ],
    [
      'functional_location',
      `INSERT INTO functional_location (environment_id, id, account_id, name, ${ADDRESS_LIST})
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], ${addressTypes(5)})`,
      () => [
        data.functionalLocations.map((l) => l.id),
        data.functionalLocations.map((l) => l.accountId),
        data.functionalLocations.map((l) => l.name),
        ...addressArrays(data.functionalLocations.map((l) => l.address)),
      ],
      data.functionalLocations.length,
    ],
    [
      'asset',
      `INSERT INTO asset (environment_id, id, account_id, functional_location_id, name, serial_number)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[])`,
      () => [
        data.assets.map((a) => a.id),
        data.assets.map((a) => a.accountId),
        data.assets.map((a) => a.functionalLocationId),
        data.assets.map((a) => a.name),
        data.assets.map((a) => a.serialNumber),
      ],
      data.assets.length,
    ],
    [
      'work_order',
      `INSERT INTO work_order (environment_id, id, reference, account_id, reported_by_contact_id, incident_type_id, asset_id,
                               functional_location_id, status, ${ADDRESS_LIST})
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[], ${addressTypes(10)})`,
      () => [
        data.bookings.map((b) => b.workOrderId),
        data.bookings.map((b) => b.workOrderReference),
        data.bookings.map((b) => b.accountId),
        data.bookings.map((b) => b.contactId),
        data.bookings.map((b) => b.serviceTypeId),
        data.bookings.map((b) => b.assetId),
        data.bookings.map((b) => b.functionalLocationId),
        data.bookings.map((b) => (b.status === 'completed' ? 'completed' : 'scheduled')),
        ...addressArrays(serviceAddresses(data)),
      ],
      data.bookings.length,
    ],
    [
      'booking',
      `INSERT INTO booking (environment_id, id, work_order_id, resource_id, starts_at, ends_at, status, source)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[])`,
      () => [
        data.bookings.map((b) => b.id),
        data.bookings.map((b) => b.workOrderId),
        data.bookings.map((b) => b.technicianId),
        data.bookings.map((b) => iso(b.startsAt)),
        data.bookings.map((b) => iso(b.endsAt)),
        data.bookings.map((b) => b.status),
        data.bookings.map((b) => b.source),
      ],
      data.bookings.length,
    ],
  ];

  const summary: DemoWriteSummary = { statements: 0, rows: {} };
  for (const [table, sql, params, count] of writes) {
    summary.rows[table] = count;
    if (count === 0) continue;
    await query(sql, [environmentId, ...params()]);
    summary.statements += 1;
  }
  return summary;
}
