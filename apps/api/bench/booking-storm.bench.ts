import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startOfLocalDay } from '../src/scheduling/zoned-time';
import { nyDate, seedScheduling, setPortalSettings } from '../test/scheduling-fixtures';
import { STRONG_PASSWORD, TestApp, signUpOrganization, startTestApp } from '../test/test-app';
import { distribution, progress, recordResult } from './bench-support';

const CLIENTS = 200;
const TECHNICIANS = 5;
/** Each technician works 09:00–13:00 and is free on exactly one day of the window: 4 one-hour slots. */
const FREE_SLOTS = TECHNICIANS * 4;
const WINDOW_DAYS = TECHNICIANS;
const ZONE = 'America/New_York';
const SIGN_IN_CONCURRENCY = 4;

interface Session {
  cookie: string;
  csrf: string;
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (name) jar.set(name.trim(), value.join('='));
  }
}

/** A browser-like sign-in over real HTTP: fetch the CSRF cookie, then sign in with it. */
async function signIn(base: string, email: string): Promise<Session> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { token } = (await csrf.json()) as { token: string };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: header(), 'x-xsrf-token': token },
    body: JSON.stringify({ email, password: STRONG_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  cookiesOf(response, jar);
  return { cookie: header(), csrf: token };
}

async function inBatches<T>(count: number, concurrency: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await make(index);
      }
    }),
  );
  return results;
}

describe('booking storm', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it(`${CLIENTS} concurrent clients, ${FREE_SLOTS} free slots`, async () => {
    const base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    const owner = await signUpOrganization(t.http);
    const environmentId = owner.productionId;
    const everyDay: [number, string, string][] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => [weekday, '09:00', '13:00']);
    const fixture = await seedScheduling(
      t.owner,
      environmentId,
      Array.from({ length: TECHNICIANS }, (_, i) => ({ name: `Technician ${i + 1}`, lat: 40.7 + i * 0.01, lng: -73.95, hours: everyDay })),
    );
    await setPortalSettings(t.owner, environmentId, { min_lead_days: 1, max_lead_days: WINDOW_DAYS });
    // Technician i is off every day of the window but day i + 1.
    const dayStart = (days: number) => new Date(startOfLocalDay(nyDate(days), ZONE));
    for (const [i, technicianId] of fixture.technicianIds.entries()) {
      const free = i + 1;
      const spans: [number, number][] = [
        [1, free],
        [free + 1, WINDOW_DAYS + 2],
      ];
      for (const [from, to] of spans.filter(([from, to]) => from < to)) {
        await t.owner.query(`INSERT INTO time_off (environment_id, resource_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, 'Bench')`, [
          environmentId,
          technicianId,
          dayStart(from),
          dayStart(to),
        ]);
      }
    }

    const slotQuery = new URLSearchParams({ serviceTypeId: fixture.serviceTypeId, assetId: fixture.assetId, from: nyDate(1), to: nyDate(WINDOW_DAYS) });
    const offered = await owner.client.get(`/api/environments/${environmentId}/slots?${slotQuery}`).expect(200);
    const starts: string[] = offered.body.slots.map((slot: { start: string }) => slot.start);
    expect(starts).toHaveLength(FREE_SLOTS);
    expect(offered.body.slots.every((slot: { technicianCount: number }) => slot.technicianCount === 1)).toBe(true);

    progress(`booking storm: signing in ${CLIENTS} sessions…`);
    const signInStarted = performance.now();
    const sessions = await inBatches(CLIENTS, SIGN_IN_CONCURRENCY, () => signIn(base, owner.email));
    const signInMs = performance.now() - signInStarted;

    progress(`booking storm: ${CLIENTS} clients posting at once…`);
    const latencies: number[] = [];
    const started = performance.now();
    const answers = await Promise.all(
      sessions.map(async (session, i) => {
        const sent = performance.now();
        try {
          const response = await fetch(`${base}/api/environments/${environmentId}/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-xsrf-token': session.csrf },
            // Ten clients on every slot.
            body: JSON.stringify({ serviceTypeId: fixture.serviceTypeId, assetId: fixture.assetId, contactId: fixture.contactId, start: starts[i % FREE_SLOTS] }),
          });
          const text = await response.text();
          let alternatives: unknown;
          try {
            alternatives = (JSON.parse(text) as { alternatives?: unknown }).alternatives;
          } catch {
            alternatives = undefined;
          }
          return { status: response.status, alternatives };
        } catch (error) {
          return { status: 0, error: String(error) };
        } finally {
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const wallMs = performance.now() - started;

    const { rows: overlapping } = await t.owner.query(
      `SELECT count(*)::int AS n FROM booking a JOIN booking b
          ON b.environment_id = a.environment_id AND b.resource_id = a.resource_id AND b.id < a.id
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.environment_id = $1 AND a.status IN ('scheduled', 'traveling', 'in_progress') AND b.status IN ('scheduled', 'traveling', 'in_progress')`,
      [environmentId],
    );
    const { rows: stored } = await t.owner.query(
      `SELECT (SELECT count(*) FROM booking WHERE environment_id = $1)::int AS bookings,
              (SELECT count(DISTINCT starts_at) FROM booking WHERE environment_id = $1)::int AS distinct_starts,
              (SELECT count(*) FROM work_order WHERE environment_id = $1)::int AS work_orders`,
      [environmentId],
    );
    const after = await owner.client.get(`/api/environments/${environmentId}/slots?${slotQuery}`).expect(200);

    const count = (test: (answer: (typeof answers)[number]) => boolean) => answers.filter(test).length;
    const result = {
      clients: CLIENTS,
      freeSlots: FREE_SLOTS,
      clientsPerSlot: CLIENTS / FREE_SLOTS,
      sessions: `one signed-in session per client (${CLIENTS} sign-ins before the storm, ${Math.round(signInMs)} ms)`,
      transport: 'real HTTP: fetch (undici) to app.listen(0) on 127.0.0.1, all requests started at once',
      created201: count((a) => a.status === 201),
      conflict409WithAlternatives: count((a) => a.status === 409 && Array.isArray(a.alternatives)),
      conflict409WithNonEmptyAlternatives: count((a) => a.status === 409 && Array.isArray(a.alternatives) && a.alternatives.length > 0),
      other4xx: count((a) => a.status >= 400 && a.status < 500 && !(a.status === 409 && Array.isArray(a.alternatives))),
      server5xx: count((a) => a.status >= 500),
      networkErrors: count((a) => a.status === 0),
      overlappingActiveBookings: overlapping[0].n,
      storedBookings: stored[0].bookings,
      storedDistinctStarts: stored[0].distinct_starts,
      storedWorkOrders: stored[0].work_orders,
      slotsLeftAfter: after.body.slots.length,
      wallMs: Math.round(wallMs),
      latency: distribution(latencies),
      checks: {} as Record<string, { expected: number; pass: boolean }>,
    };
    const expected: Record<string, number> = {
      created201: FREE_SLOTS,
      conflict409WithAlternatives: CLIENTS - FREE_SLOTS,
      server5xx: 0,
      networkErrors: 0,
      overlappingActiveBookings: 0,
      storedBookings: FREE_SLOTS,
      storedWorkOrders: FREE_SLOTS,
      slotsLeftAfter: 0,
    };
    for (const [key, value] of Object.entries(expected)) {
      result.checks[key] = { expected: value, pass: (result as unknown as Record<string, number>)[key] === value };
    }
    recordResult('booking-storm', result);
    progress(`booking storm: ${result.created201} × 201, ${result.conflict409WithAlternatives} × 409, ${result.server5xx} × 5xx in ${result.wallMs} ms`);
    expect(result.checks).toEqual(Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, { expected: value, pass: true }])));
  });
});
