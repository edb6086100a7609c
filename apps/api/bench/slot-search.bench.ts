import { SlotQuery } from '@fieldbook/contracts';
import { DemoData, Random, generateDemoData, writeDemoData } from '@fieldbook/demo-data';
import { createTranslator } from '@fieldbook/i18n';
import { Pool } from 'pg';
import { SlotsService } from '../src/scheduling/slots.service';
import { addDays, localDate, localDateRange } from '../src/scheduling/zoned-time';
import { TenancyService } from '../src/tenancy/tenancy.service';
import { setPortalSettings } from '../test/scheduling-fixtures';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../test/test-app';
import { StatementCounter, distribution, progress, recordResult, timed } from './bench-support';

interface Size {
  technicians: number;
  days: number;
  /** Target for the 95th percentile of one search, in ms. */
  targetP95: number;
  searches: number;
  /** Fewer searches are run when each is slow, but never fewer than this. */
  minimumSearches: number;
}

const SIZES: Size[] = [
  { technicians: 50, days: 30, targetP95: 60, searches: 60, minimumSearches: 50 },
  { technicians: 500, days: 60, targetP95: 150, searches: 60, minimumSearches: 50 },
  { technicians: 5000, days: 90, targetP95: 800, searches: 50, minimumSearches: 20 },
];
const TARGET_RATIO = 3;
const TARGET_STATEMENTS = 5;
const UTILIZATION = 0.5;
const WARM_UP = 3;
const HTTP_SEARCHES = 8;
/** Time allowed for the measured searches of one size; slow sizes run fewer (down to their minimum). */
const SEARCH_BUDGET_MS = 120_000;
const ZONE = 'America/Chicago';

/** `BENCH_SIZES=50x30,500x60` runs only those sizes. */
function selectedSizes(): Size[] {
  const wanted = process.env['BENCH_SIZES']?.split(',').map((size) => size.trim());
  return wanted ? SIZES.filter((size) => wanted.includes(`${size.technicians}x${size.days}`)) : SIZES;
}

/**
 * What searches are drawn from: ids only. The generated data set (a million bookings and more at
 * the largest size) is let go before searches are timed, so that the garbage collector does not
 * bill the searches for walking the benchmark's own data — a running API holds none of it.
 */
interface SearchPlaces {
  technicians: number;
  serviceTypeIds: string[];
  accountIds: string[];
  assetIds: string[];
  functionalLocationIds: string[];
}

function searchPlaces(data: DemoData): SearchPlaces {
  return {
    technicians: data.technicians.length,
    serviceTypeIds: data.serviceTypes.map((serviceType) => serviceType.id),
    accountIds: data.accounts.map((account) => account.id),
    assetIds: data.assets.map((asset) => asset.id),
    functionalLocationIds: data.functionalLocations.map((location) => location.id),
  };
}

/** Varied searches: every service type in turn, at a random account, asset or functional location. */
function searchQueries(places: SearchPlaces, from: string, to: string, count: number): SlotQuery[] {
  const random = new Random(count * 7919 + places.technicians);
  return Array.from({ length: count }, (_, i) => {
    const serviceTypeId = places.serviceTypeIds[i % places.serviceTypeIds.length];
    const kind = i % 3;
    if (kind === 1) return { serviceTypeId, assetId: random.pick(places.assetIds), from, to };
    if (kind === 2 && places.functionalLocationIds.length > 0) return { serviceTypeId, functionalLocationId: random.pick(places.functionalLocationIds), from, to };
    return { serviceTypeId, accountId: random.pick(places.accountIds), from, to };
  });
}

/**
 * The floor a search is compared with: the same data the search reads — the service type, the
 * service location, and the technicians who qualify with their skills, hours, and bookings and
 * time off in the window — read with plain SQL as the API's role in one tenant transaction, in
 * the shape the API reads it: who qualifies by skill decided in SQL (the bench sets no travel
 * radius), one row per technician, busy time as packed timestamptz pairs in base64. Nothing is
 * decoded or computed.
 * Returns the number of busy and time-off intervals read.
 */
async function bareRead(pool: Pool, environmentId: string, query: SlotQuery, bufferMinutes: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.environment_id', $1, true)`, [environmentId]);
    await client.query(
      `SELECT it.duration_minutes, its.skill_id, its.min_proficiency FROM incident_type it
         LEFT JOIN incident_type_skill its ON its.incident_type_id = it.id WHERE it.id = $1`,
      [query.serviceTypeId],
    );
    const location = await client.query(
      `SELECT ac.lat, ac.lng, ac.time_zone FROM account ac
        WHERE ac.id = (SELECT coalesce($1::uuid, (SELECT account_id FROM asset WHERE id = $2), (SELECT account_id FROM functional_location WHERE id = $3)))`,
      [query.accountId ?? null, query.assetId ?? null, query.functionalLocationId ?? null],
    );
    const window = localDateRange(query.from, query.to, location.rows[0]?.time_zone ?? ZONE);
    const buffer = bufferMinutes * 60_000;
    const spans = `encode(string_agg(timestamptz_send(starts_at) || timestamptz_send(ends_at), ''::bytea), 'base64')`;
    const technicians = await client.query(
      `SELECT r.id, r.home_lat, r.home_lng, r.time_zone,
              (SELECT string_agg(skill_id || ' ' || proficiency, ',') FROM resource_skill WHERE resource_id = r.id) AS skills,
              (SELECT string_agg(weekday || ' ' || start_minute || ' ' || end_minute, ',' ORDER BY weekday, start_minute) FROM work_hours WHERE resource_id = r.id) AS hours,
              b.bookings, b.busy, o.time_offs, o.time_off
         FROM resource r
         CROSS JOIN LATERAL (SELECT count(*)::int AS bookings, ${spans} AS busy FROM booking
                              WHERE resource_id = r.id AND status IN ('scheduled', 'traveling', 'in_progress') AND starts_at < $3 AND ends_at > $2) b
         CROSS JOIN LATERAL (SELECT count(*)::int AS time_offs, ${spans} AS time_off FROM time_off
                              WHERE resource_id = r.id AND starts_at < $3 AND ends_at > $2) o
        WHERE r.active
          AND ((SELECT count(*) FROM incident_type_skill WHERE incident_type_id = $1) = 0
               OR r.id IN (SELECT rs.resource_id FROM resource_skill rs
                             JOIN incident_type_skill its ON its.skill_id = rs.skill_id AND rs.proficiency >= its.min_proficiency
                            WHERE its.incident_type_id = $1
                            GROUP BY rs.resource_id HAVING count(*) = (SELECT count(*) FROM incident_type_skill WHERE incident_type_id = $1)))`,
      [query.serviceTypeId, new Date(window.start - buffer), new Date(window.end + buffer)],
    );
    await client.query('COMMIT');
    return technicians.rows.reduce((sum, row) => sum + row.bookings + row.time_offs, 0);
  } finally {
    client.release();
  }
}

describe('slot search', () => {
  let t: TestApp;
  let bare: Pool;
  let counter: StatementCounter;
  const results: unknown[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    bare = new Pool({ connectionString: t.appUrl, max: 2 });
    counter = new StatementCounter();
  });
  afterAll(async () => {
    counter.restore();
    recordResult('slot-search', results);
    await bare.end();
    await t.close();
  });

  interface Seeded {
    places: SearchPlaces;
    counts: { accounts: number; assets: number; bookings: number; timeOff: number };
    from: string;
    to: string;
    generateMs: number;
    writeMs: number;
    bufferMinutes: number;
  }

  async function seed(owner: SignedUp, size: Size): Promise<Seeded> {
    const environmentId = owner.productionId;
    const today = localDate(Date.now(), ZONE);
    const from = addDays(today, 1);
    const to = addDays(from, size.days - 1);
    const generated = await timed(async () =>
      generateDemoData({
        seed: size.technicians,
        technicians: size.technicians,
        accounts: Math.max(100, size.technicians * 4),
        startDate: from,
        days: size.days,
        utilization: UTILIZATION,
      }),
    );
    const data = generated.result;
    progress(`${size.technicians} × ${size.days}: generated ${data.bookings.length} bookings in ${Math.round(generated.ms)} ms; writing…`);
    const client = await t.owner.connect();
    const statementMs: number[] = [];
    const written = await timed(async () => {
      try {
        await client.query('BEGIN');
        await writeDemoData(
          async (sql, params) => {
            const { result, ms } = await timed(() => client.query(sql, params));
            statementMs.push(Math.round(ms));
            return result;
          },
          environmentId,
          data,
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });
    progress(`${size.technicians} × ${size.days}: written in ${Math.round(written.ms)} ms (statements: ${statementMs.join(', ')} ms); vacuum and analyze…`);
    // The state a running system is in: planner statistics and the visibility map up to date.
    await t.owner.query(
      `VACUUM (ANALYZE) booking, work_order, resource, resource_skill, work_hours, time_off, account, contact, asset, functional_location, incident_type, incident_type_skill, skill`,
    );
    await setPortalSettings(t.owner, environmentId, { min_lead_days: 1, max_lead_days: size.days });
    const { rows } = await t.owner.query(`SELECT travel_buffer_minutes FROM portal_settings WHERE environment_id = $1`, [environmentId]);
    return {
      places: searchPlaces(data),
      counts: { accounts: data.accounts.length, assets: data.assets.length, bookings: data.bookings.length, timeOff: data.timeOff.length },
      from,
      to,
      generateMs: generated.ms,
      writeMs: written.ms,
      bufferMinutes: rows[0].travel_buffer_minutes,
    };
  }

  for (const size of selectedSizes()) {
    it(`${size.technicians} technicians × ${size.days} days`, async () => {
      const owner = await signUpOrganization(t.http);
      const environmentId = owner.productionId;
      const { places, counts, from, to, generateMs, writeMs, bufferMinutes } = await seed(owner, size);
      const tenancy = t.app.get(TenancyService);
      const slots = t.app.get(SlotsService);
      const translator = createTranslator('en', 'api');
      const search = (query: SlotQuery) => tenancy.run(environmentId, () => slots.search(query, translator));

      const warmUp = searchQueries(places, from, to, WARM_UP);
      const warmTimes: number[] = [];
      for (const query of warmUp) {
        warmTimes.push((await timed(() => search(query))).ms);
        await bareRead(bare, environmentId, query, bufferMinutes);
      }
      const perSearch = Math.max(...warmTimes);
      const count = Math.max(size.minimumSearches, Math.min(size.searches, Math.floor(SEARCH_BUDGET_MS / perSearch)));
      progress(`${size.technicians} × ${size.days}: warm-up searches ${warmTimes.map(Math.round).join(', ')} ms; measuring ${count}…`);

      const queries = searchQueries(places, from, to, count);
      const searchTimes: number[] = [];
      const bareTimes: number[] = [];
      const dataStatements: number[] = [];
      const totalStatements: number[] = [];
      let slotCount = 0;
      let busyIntervals = 0;
      // Alternate which of the two goes first, so neither always pays for the garbage the other left.
      for (const [i, query] of queries.entries()) {
        const floor = () => timed(() => bareRead(bare, environmentId, query, bufferMinutes));
        const first = i % 2 === 1 ? await floor() : undefined;
        const measured = await timed(() => counter.count(() => search(query)));
        const second = first ?? (await floor());
        searchTimes.push(measured.ms);
        dataStatements.push(measured.result.data);
        totalStatements.push(measured.result.total);
        slotCount += measured.result.result.slots.length;
        bareTimes.push(second.ms);
        busyIntervals += second.result;
      }

      const httpTimes: number[] = [];
      for (const query of queries.slice(0, HTTP_SEARCHES)) {
        const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
        const response = await timed(() => owner.client.get(`/api/environments/${environmentId}/slots?${params}`).expect(200));
        httpTimes.push(response.ms);
      }

      const searchDistribution = distribution(searchTimes);
      const bareDistribution = distribution(bareTimes);
      const ratio = Math.round((searchDistribution.p95 / bareDistribution.p95) * 100) / 100;
      const maxStatements = Math.max(...dataStatements);
      const result = {
        size: `${size.technicians} × ${size.days}`,
        technicians: size.technicians,
        days: size.days,
        range: { from, to },
        data: {
          ...counts,
          utilization: UTILIZATION,
          generateMs: Math.round(generateMs),
          writeMs: Math.round(writeMs),
        },
        searches: searchDistribution,
        bareRead: bareDistribution,
        ratioP95: ratio,
        statementsPerSearch: { data: maxStatements, minData: Math.min(...dataStatements), withTransactionControl: Math.max(...totalStatements) },
        http: distribution(httpTimes),
        averages: { slots: Math.round(slotCount / queries.length), busyIntervalsRead: Math.round(busyIntervals / queries.length) },
        targets: {
          p95: { target: size.targetP95, pass: searchDistribution.p95 <= size.targetP95 },
          ratio: { target: TARGET_RATIO, pass: ratio <= TARGET_RATIO },
          statements: { target: TARGET_STATEMENTS, pass: maxStatements <= TARGET_STATEMENTS },
        },
      };
      results.push(result);
      progress(`${size.technicians} × ${size.days}: p95 ${searchDistribution.p95} ms, bare p95 ${bareDistribution.p95} ms, ${maxStatements} statements`);
      // Only correctness is asserted here; targets are reported, not enforced.
      expect(searchDistribution.n).toBe(count);
      expect(slotCount).toBeGreaterThan(0);
    });
  }
});
