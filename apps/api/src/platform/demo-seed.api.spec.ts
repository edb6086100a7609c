import { randomUUID } from 'node:crypto';
import { Client, TestApp, startTestApp } from '../../test/test-app';
import { DEMO_DATA, DemoIdentity, DemoSeedService } from './demo-seed.service';

const COUNTS = `SELECT (SELECT count(*) FROM resource WHERE environment_id = $1)::int AS technicians,
                       (SELECT count(*) FROM skill WHERE environment_id = $1)::int AS skills,
                       (SELECT count(*) FROM incident_type WHERE environment_id = $1)::int AS service_types,
                       (SELECT count(*) FROM account WHERE environment_id = $1)::int AS accounts,
                       (SELECT count(*) FROM contact WHERE environment_id = $1)::int AS contacts,
                       (SELECT count(*) FROM asset WHERE environment_id = $1)::int AS assets,
                       (SELECT count(*) FROM work_order WHERE environment_id = $1)::int AS work_orders,
                       (SELECT count(*) FROM booking WHERE environment_id = $1)::int AS bookings`;

describe('demo organization', () => {
  let t: TestApp;
  let demo: DemoIdentity;
  let environments: { id: string; kind: string; slug: string }[];
  let seeded: { after: number; before: number };

  beforeAll(async () => {
    t = await startTestApp();
    // A fresh identity per run, so the test also passes against a database kept from earlier runs.
    const id = randomUUID().slice(0, 8);
    demo = { organizationName: `Northwind Heating & Air ${id}`, name: 'Dana Reyes', email: `demo-${id}@fieldbook.test`, password: 'northwind-demo-2026' };
    const before = Date.now();
    const result = await t.app.get(DemoSeedService).ensureDemo(demo);
    seeded = { before, after: Date.now() };
    expect(result).toEqual({ email: demo.email, password: demo.password, created: true });
    const { rows } = await t.owner.query(
      `SELECT e.id, e.kind, e.slug FROM environment e JOIN membership m ON m.organization_id = e.organization_id
         JOIN admin_user u ON u.id = m.admin_user_id WHERE u.email = $1 ORDER BY e.kind`,
      [demo.email],
    );
    environments = rows;
  });
  afterAll(() => t.close());

  it('fills production and sandbox with a generated company: technicians, skills, service types, customers and bookings', async () => {
    expect(environments.map((environment) => environment.kind)).toEqual(['production', 'sandbox']);
    for (const environment of environments) {
      const { rows } = await t.owner.query(COUNTS, [environment.id]);
      expect(rows[0]).toMatchObject({ technicians: DEMO_DATA.technicians, skills: 8, service_types: 10, accounts: DEMO_DATA.accounts });
      expect(rows[0].contacts).toBeGreaterThanOrEqual(DEMO_DATA.accounts);
      expect(rows[0].assets).toBeGreaterThanOrEqual(DEMO_DATA.accounts);
      expect(rows[0].bookings).toBeGreaterThan(20);
      expect(rows[0].work_orders).toBe(rows[0].bookings);
    }
    const { rows: shared } = await t.owner.query(
      `SELECT count(*)::int AS n FROM resource a JOIN resource b ON a.id = b.id WHERE a.environment_id = $1 AND b.environment_id = $2`,
      [environments[0]!.id, environments[1]!.id],
    );
    expect(shared[0].n).toBe(0);
  });

  it('books two weeks from today without double-booking anyone, and closes the bookings already over', async () => {
    for (const environment of environments) {
      const { rows } = await t.owner.query(
        `SELECT min(starts_at) AS first, max(ends_at) AS last,
                count(*) FILTER (WHERE status = 'completed' AND ends_at > $3)::int AS completed_in_future,
                count(*) FILTER (WHERE status = 'scheduled' AND ends_at <= $2)::int AS scheduled_in_past
           FROM booking WHERE environment_id = $1`,
        [environment.id, new Date(seeded.before), new Date(seeded.after)],
      );
      expect(rows[0].first.getTime()).toBeGreaterThan(Date.now() - 2 * 86_400_000);
      expect(rows[0].last.getTime()).toBeLessThan(Date.now() + (DEMO_DATA.days + 1) * 86_400_000);
      expect(rows[0]).toMatchObject({ completed_in_future: 0, scheduled_in_past: 0 });
      const { rows: overlaps } = await t.owner.query(
        `SELECT count(*)::int AS n FROM booking a JOIN booking b
            ON b.environment_id = a.environment_id AND b.resource_id = a.resource_id AND b.id < a.id
           AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
         WHERE a.environment_id = $1`,
        [environment.id],
      );
      expect(overlaps[0].n).toBe(0);
    }
  });

  it('serves each work order at its functional location when it has one, else at its account', async () => {
    const { rows } = await t.owner.query(
      `SELECT count(*) FILTER (WHERE wo.functional_location_id IS NOT NULL)::int AS at_sites,
              count(*) FILTER (WHERE (wo.address_line1, wo.city, wo.postal_code, wo.lat, wo.lng, wo.time_zone) IS DISTINCT FROM
                CASE WHEN fl.id IS NULL THEN (ac.address_line1, ac.city, ac.postal_code, ac.lat, ac.lng, ac.time_zone)
                     ELSE (fl.address_line1, fl.city, fl.postal_code, fl.lat, fl.lng, fl.time_zone) END)::int AS elsewhere
         FROM work_order wo JOIN account ac ON ac.environment_id = wo.environment_id AND ac.id = wo.account_id
         LEFT JOIN functional_location fl ON fl.environment_id = wo.environment_id AND fl.id = wo.functional_location_id
        WHERE wo.environment_id = $1`,
      [environments[0]!.id],
    );
    expect(rows[0].at_sites).toBeGreaterThan(0);
    expect(rows[0].elsewhere).toBe(0);
  });

  it('is searchable and listed through the API by the demo admin', async () => {
    const client = await Client.create(t.http);
    await client.post('/api/auth/sign-in', { email: demo.email, password: demo.password }).expect(200);
    const production = environments[0]!.id;
    const { rows } = await t.owner.query(
      `SELECT (SELECT id FROM incident_type WHERE environment_id = $1 AND portal_enabled ORDER BY duration_minutes LIMIT 1) AS service_type_id,
              (SELECT id FROM account WHERE environment_id = $1 ORDER BY name LIMIT 1) AS account_id`,
      [production],
    );
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const slots = await client
      .get(`/api/environments/${production}/slots?${new URLSearchParams({ serviceTypeId: rows[0].service_type_id, accountId: rows[0].account_id, from, to })}`)
      .expect(200);
    expect(slots.body.timeZone).toBe('America/Chicago');
    expect(slots.body.slots.length).toBeGreaterThan(0);
    const bookings = await client.get(`/api/environments/${production}/bookings?from=${from}&to=${to}`).expect(200);
    expect(bookings.body.total).toBeGreaterThan(0);
  });

  it('is created once: a later start finds it and writes nothing more', async () => {
    const before = await t.owner.query(COUNTS, [environments[0]!.id]);
    await expect(t.app.get(DemoSeedService).ensureDemo(demo)).resolves.toEqual({ email: demo.email, password: demo.password, created: false });
    const after = await t.owner.query(COUNTS, [environments[0]!.id]);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
