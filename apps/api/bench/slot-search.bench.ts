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

/** Varied searches: every service type in turn, at a random account, asset or functional location. */
function searchQueries(data: DemoData, from: string, to: string, count: number): SlotQuery[] {
  const random = new Random(count * 7919 + data.technicians.length);
  return Array.from({ length: count }, (_, i) => {
    const serviceTypeId = data.serviceTypes[i % data.serviceTypes.length].id;
    const kind = i % 3;
    if (kind === 1) return { serviceTypeId, assetId: random.pick(data.assets).id, from, to };
    if (kind === 2 && data.functionalLocations.length > 0) return { serviceTypeId, functionalLocationId: random.pick(data.functionalLocations).id, from, to };
    return { serviceTypeId, accountId: random.pick(data.accounts).id, from, to };
  });
}

/**
 * The floor a search is compared with: the same data — the service type, the service location,
 * technicians with their skills and hours, and the qualified technicians' bookings and time off in
 * the window — read with plain SQL as the API's role in one tenant transaction. Busy time comes
 * back as one packed list of epoch-millisecond spans per technician and kind (as the API reads it,
 * without its ordering) and is not decoded; nothing is computed but the qualified set.
 * Returns the number of busy and time-off intervals read.
 */
async function bareRead(pool: Pool, environmentId: string, query: SlotQuery, bufferMinutes: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.environment_id', $1, true)`, [environmentId]);
    const required = await client.query(
      `SELECT it.duration_minutes, its.skill_id, its.min_proficiency FROM incident_type it
         LEFT JOIN incident_type_skill its ON its.incident_type_id = it.id WHERE it.id = $1`,
      [query.serviceTypeId],
    );
    const location = await client.query(
      `SELECT ac.lat, ac.lng, ac.time_zone FROM account ac
        WHERE ac.id = coalesce($1::uuid, (SELECT account_id FROM asset WHERE id = $2), (SELECT account_id FROM functional_location WHERE id = $3))`,
      [query.accountId ?? null, query.assetId ?? null, query.functionalLocationId ?? null],
    );
    const technicians = await client.query(`SELECT id, home_lat, home_lng, time_zone FROM resource WHERE active`);
    const skills = await client.query(`SELECT resource_id, skill_id, proficiency FROM resource_skill`);
    await client.query(`SELECT resource_id, weekday, start_minute, end_minute FROM work_hours`);
    const held = new Map<string, Map<string, number>>();
    for (const row of skills.rows) {
      const map = held.get(row.resource_id) ?? new Map<string, number>();
      map.set(row.skill_id, row.proficiency);
      held.set(row.resource_id, map);
    }
    const needs = required.rows.filter((row) => row.skill_id !== null);
    const qualified = technicians.rows
      .filter((technician) => needs.every((need) => (held.get(technician.id)?.get(need.skill_id) ?? 0) >= need.min_proficiency))
      .map((technician) => technician.id);
    const window = localDateRange(query.from, query.to, location.rows[0]?.time_zone ?? ZONE);
    const buffer = bufferMinutes * 60_000;
    const busy = await client.query(
      `SELECT resource_id, kind, count(*)::int AS intervals, string_agg(span, ''::bytea) AS spans
         FROM (SELECT resource_id, 'busy' AS kind, float8send((extract(epoch FROM starts_at) * 1000)::float8) || float8send((extract(epoch FROM ends_at) * 1000)::float8) AS span
                 FROM booking
                WHERE resource_id = ANY(string_to_array($1, ',')::uuid[]) AND status IN ('scheduled', 'traveling', 'in_progress') AND starts_at < $3 AND ends_at > $2
               UNION ALL
               SELECT resource_id, 'off', float8send((extract(epoch FROM starts_at) * 1000)::float8) || float8send((extract(epoch FROM ends_at) * 1000)::float8)
                 FROM time_off WHERE resource_id = ANY(string_to_array($1, ',')::uuid[]) AND starts_at < $3 AND ends_at > $2) spans
        GROUP BY resource_id, kind`,
      [qualified.join(','), new Date(window.start - buffer), new Date(window.end + buffer)],
    );
    await client.query('COMMIT');
    return busy.rows.reduce((sum, row) => sum + row.intervals, 0);
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

  async function seed(owner: SignedUp, size: Size): Promise<{ data: DemoData; from: string; to: string; generateMs: number; writeMs: number; bufferMinutes: number }> {
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
    return { data, from, to, generateMs: generated.ms, writeMs: written.ms, bufferMinutes: rows[0].travel_buffer_minutes };
  }

  for (const size of selectedSizes()) {
    it(`${size.technicians} technicians × ${size.days} days`, async () => {
      const owner = await signUpOrganization(t.http);
      const environmentId = owner.productionId;
      const { data, from, to, generateMs, writeMs, bufferMinutes } = await seed(owner, size);
      const tenancy = t.app.get(TenancyService);
      const slots = t.app.get(SlotsService);
      const translator = createTranslator('en', 'api');
      const search = (query: SlotQuery) => tenancy.run(environmentId, () => slots.search(query, translator));

      const warmUp = searchQueries(data, from, to, WARM_UP);
      const warmTimes: number[] = [];
      for (const query of warmUp) {
        warmTimes.push((await timed(() => search(query))).ms);
        await bareRead(bare, environmentId, query, bufferMinutes);
      }
      const perSearch = Math.max(...warmTimes);
      const count = Math.max(size.minimumSearches, Math.min(size.searches, Math.floor(SEARCH_BUDGET_MS / perSearch)));
      progress(`${size.technicians} × ${size.days}: warm-up searches ${warmTimes.map(Math.round).join(', ')} ms; measuring ${count}…`);

      const queries = searchQueries(data, from, to, count);
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
          accounts: data.accounts.length,
          assets: data.assets.length,
          bookings: data.bookings.length,
          timeOff: data.timeOff.length,
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
