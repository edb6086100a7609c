import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ConnectorRegistry } from '../src/messaging/connector-registry';
import { ReminderScheduler } from '../src/notifications/reminder-scheduler';
import { SignUpService } from '../src/platform/sign-up.service';
import { STRONG_PASSWORD, TestApp, aSignUp, startTestApp } from '../test/test-app';
import { progress, recordResult, timed } from './bench-support';

/**
 * The daily reminder run at scale: every sandbox environment has bookings due for a reminder
 * tomorrow; the run enqueues them all and the worker in this process delivers them through the
 * mailbox connector (sandbox environments always use it). Measured from the start of the run to
 * the moment every notification is `sent`.
 *
 * `BENCH_REMINDER_ENVIRONMENTS` (default 50), `BENCH_REMINDERS_PER_ENVIRONMENT` (2000) and
 * `BENCH_DELIVERY_CONCURRENCY` (4) change the size and the worker's concurrency, for trying things
 * out; `BENCH_STATEMENT_PROFILE=1` also prints where the statement time of the measured part went.
 */
const ENVIRONMENTS = Number(process.env['BENCH_REMINDER_ENVIRONMENTS'] ?? 50);
const PER_ENVIRONMENT = Number(process.env['BENCH_REMINDERS_PER_ENVIRONMENT'] ?? 2000);
const CONCURRENCY = process.env['BENCH_DELIVERY_CONCURRENCY'] ?? '4';
const TARGET_SECONDS = 60;
/** Technicians per environment; each has 30-minute visits back to back from 07:00 local. */
const TECHNICIANS = 100;
/** Each account (one contact, one work order, one booking) is in one of these zones, in turn. */
const PLACES = [
  { zone: 'America/New_York', city: 'New York', region: 'NY', postal: '10013', country: 'US', lat: 40.72, lng: -74.0 },
  { zone: 'America/Chicago', city: 'Chicago', region: 'IL', postal: '60607', country: 'US', lat: 41.88, lng: -87.63 },
  { zone: 'America/Los_Angeles', city: 'Los Angeles', region: 'CA', postal: '90012', country: 'US', lat: 34.05, lng: -118.24 },
  { zone: 'Europe/Berlin', city: 'Berlin', region: null, postal: '10115', country: 'DE', lat: 52.53, lng: 13.38 },
];
const LANGUAGES = ['en', 'de', 'fr', 'es'];
/** Give up waiting for delivery after this long: what is not sent by then counts as lost. */
const DELIVERY_DEADLINE_MS = 30 * 60_000;
const POLL_MS = 500;

const seconds = (ms: number) => Math.round(ms / 10) / 100;

/** CPU milliseconds per message between two readings of the clock, node and PostgreSQL apart and together. */
function perMessage(before: CpuReading, after: CpuReading, messages: number): { node: number; postgres: number | null; total: number | null } {
  const ms = (from: number, to: number) => Math.round(((to - from) * 1000 * 1000) / Math.max(1, messages)) / 1000;
  const node = ms(before.node, after.node);
  const postgres = before.postgres === null || after.postgres === null ? null : ms(before.postgres, after.postgres);
  return { node, postgres, total: postgres === null ? null : Math.round((node + postgres) * 1000) / 1000 };
}

/**
 * Time per statement shape, over every connection of the process (TypeORM's and pg-boss's): a
 * statement's time runs from the call to its result, so it includes waiting for the connection.
 */
class StatementProfile {
  private readonly spent = new Map<string, { calls: number; ms: number }>();
  private readonly original = Client.prototype.query;
  private on = false;

  constructor() {
    const original = this.original as (...args: unknown[]) => unknown;
    const isOn = () => this.on;
    const add = (key: string, started: number) => {
      const entry = this.spent.get(key) ?? { calls: 0, ms: 0 };
      entry.calls += 1;
      entry.ms += performance.now() - started;
      this.spent.set(key, entry);
    };
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      if (!isOn()) return original.apply(this, args);
      const first = args[0] as string | { text?: string };
      const key = (typeof first === 'string' ? first : (first?.text ?? '?')).replace(/\s+/g, ' ').slice(0, 140);
      const started = performance.now();
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (...result: unknown[]) => {
          add(key, started);
          return (last as (...values: unknown[]) => unknown)(...result);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      // Checked by shape: the driver's promises may come from another realm than this file's.
      if (typeof (result as Promise<unknown> | undefined)?.then === 'function') {
        (result as Promise<unknown>).then(
          () => add(key, started),
          () => add(key, started),
        );
      }
      return result;
    } as typeof Client.prototype.query;
  }

  start(): void {
    this.on = true;
  }

  report(top = 25): string {
    this.on = false;
    Client.prototype.query = this.original;
    const rows = [...this.spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
    return rows.map(([key, { calls, ms }]) => `${String(Math.round(ms)).padStart(8)} ms ${String(calls).padStart(7)} × ${(ms / calls).toFixed(2).padStart(7)} ms  ${key}`).join('\n');
  }
}

interface CpuReading {
  node: number;
  postgres: number | null;
}

/**
 * CPU time, which a busy machine disturbs far less than wall time: this process's, and — when the
 * database runs on this machine — the PostgreSQL server's (postmaster, its live processes, and the
 * ones it has reaped).
 */
class CpuClock {
  private readonly ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

  constructor(private readonly postmaster: number | null) {}

  static async forDatabase(t: TestApp): Promise<CpuClock> {
    const { rows } = await t.owner.query(`SELECT current_setting('data_directory') AS dir, inet_server_addr()::text AS addr`);
    const local = ['127.0.0.1/32', '::1/128', null].includes(rows[0].addr);
    const pid = local ? readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && CpuClock.isPostmaster(entry, rows[0].dir)) : undefined;
    return new CpuClock(pid ? Number(pid) : null);
  }

  private static isPostmaster(pid: string, dataDir: string): boolean {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.some((arg) => arg.endsWith('postgres')) && args.includes(dataDir);
    } catch {
      return false;
    }
  }

  now(): CpuReading {
    const usage = process.cpuUsage();
    return { node: (usage.user + usage.system) / 1e6, postgres: this.postmaster === null ? null : this.postgresSeconds(this.postmaster) };
  }

  private postgresSeconds(postmaster: number): number {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || !existsSync(`/proc/${entry}/stat`)) continue;
      let fields: string[];
      try {
        // Fields after the command name, which is in parentheses and may hold spaces.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      } catch {
        continue;
      }
      const [ppid, utime, stime, cutime, cstime] = [fields[1], fields[11], fields[12], fields[13], fields[14]].map(Number) as [number, number, number, number, number];
      if (Number(entry) === postmaster) ticks += utime + stime + cutime + cstime;
      else if (ppid === postmaster) ticks += utime + stime;
    }
    return ticks / this.ticksPerSecond;
  }
}

/**
 * One environment's customers, written as the owner in one transaction: a service type, the
 * technicians, and per account a contact (with email, languages in turn), a work order and a
 * portal booking whose local start date in its zone is `day`. The bookings were made days before
 * the run.
 */
async function seedEnvironment(t: TestApp, environmentId: string, day: string, createdAt: Date): Promise<void> {
  const client = await t.owner.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `INSERT INTO incident_type (environment_id, name, duration_minutes, portal_enabled, display_names)
       VALUES ($1, 'Annual maintenance', 30, true, '{"en": "Annual maintenance", "de": "Jahreswartung", "fr": "Entretien annuel", "es": "Mantenimiento anual"}')
       RETURNING id`,
      [environmentId],
    );
    const serviceTypeId: string = rows[0].id;
    // Place k of PLACES is element k + 1 of each array.
    const column = (key: keyof (typeof PLACES)[number]) => PLACES.map((place) => place[key]);
    await client.query(
      `INSERT INTO resource (environment_id, external_key, name, home_lat, home_lng, time_zone)
       SELECT $1, 'tech-' || r, 'Technician ' || r, ($3::float8[])[r % $6 + 1], ($4::float8[])[r % $6 + 1], ($5::text[])[r % $6 + 1]
         FROM generate_series(0, $2 - 1) r`,
      [environmentId, TECHNICIANS, column('lat'), column('lng'), column('zone'), PLACES.length],
    );
    await client.query(
      `INSERT INTO account (environment_id, external_key, name, address_line1, city, region, postal_code, country, lat, lng, time_zone, created_at)
       SELECT $1, 'acct-' || i, 'Household ' || i, (i + 1) || ' Main Street', ($3::text[])[k], ($4::text[])[k], ($5::text[])[k], ($6::text[])[k],
              ($7::float8[])[k], ($8::float8[])[k], ($9::text[])[k], $10
         FROM generate_series(0, $2 - 1) i CROSS JOIN LATERAL (SELECT i % $11 + 1 AS k) p`,
      [environmentId, PER_ENVIRONMENT, column('city'), column('region'), column('postal'), column('country'), column('lat'), column('lng'), column('zone'), createdAt, PLACES.length],
    );
    await client.query(
      `INSERT INTO contact (environment_id, external_key, account_id, first_name, last_name, email, language, created_at)
       SELECT a.environment_id, 'contact-' || n.i, a.id, 'Alex', 'Customer ' || n.i, 'customer-' || n.i || '@example.test', ($3::text[])[n.i % 4 + 1], $2
         FROM account a CROSS JOIN LATERAL (SELECT substr(a.external_key, 6)::int AS i) n
        WHERE a.environment_id = $1`,
      [environmentId, createdAt, LANGUAGES],
    );
    await client.query(
      `INSERT INTO work_order (environment_id, reference, account_id, reported_by_contact_id, incident_type_id,
                               address_line1, city, region, postal_code, country, lat, lng, time_zone, created_at, updated_at)
       SELECT a.environment_id, 'WO-' || upper(lpad(to_hex(substr(a.external_key, 6)::int), 8, '0')), a.id, c.id, $2,
              a.address_line1, a.city, a.region, a.postal_code, a.country, a.lat, a.lng, a.time_zone, $3, $3
         FROM account a JOIN contact c ON c.environment_id = a.environment_id AND c.account_id = a.id
        WHERE a.environment_id = $1`,
      [environmentId, serviceTypeId, createdAt],
    );
    // Booking i: technician i % 100 (whose zone is the account's), slot i / 100 from 07:00 local.
    await client.query(
      `INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, source, created_at, updated_at)
       SELECT wo.environment_id, wo.id, r.id, s.starts_at, s.starts_at + interval '30 minutes', 'portal', $4, $4
         FROM work_order wo
         JOIN account a ON a.environment_id = wo.environment_id AND a.id = wo.account_id
        CROSS JOIN LATERAL (SELECT substr(a.external_key, 6)::int AS i) n
         JOIN resource r ON r.environment_id = wo.environment_id AND r.external_key = 'tech-' || (n.i % $2)
        CROSS JOIN LATERAL (SELECT ($3::date + time '07:00' + (n.i / $2) * interval '30 minutes') AT TIME ZONE wo.time_zone AS starts_at) s
        WHERE wo.environment_id = $1`,
      [environmentId, TECHNICIANS, day, createdAt],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Polls until no delivery job is waiting or in hand; returns when that was first seen. Asks the
 * queue's job table (a few hundred rows for the whole run) rather than the notifications, so
 * watching costs the database next to nothing; the audit then checks every notification.
 */
async function untilDelivered(t: TestApp, started: number): Promise<number> {
  for (;;) {
    const { rows } = await t.owner.query(`SELECT EXISTS (SELECT 1 FROM pgboss.job WHERE name = 'notification-delivery' AND state < 'completed') AS waiting`);
    const now = performance.now();
    if (!rows[0].waiting || now - started > DELIVERY_DEADLINE_MS) return now;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/**
 * What reached the mailbox, told apart per notification. Every reminder carries a booking-code
 * link whose token's SHA-256 is stored with the notification it was issued for, so each mailbox
 * row leads back to exactly one notification whatever the provider id says. A notification with
 * more than one row was sent twice; a row that leads nowhere was sent without a notification.
 */
async function audit(t: TestApp, environmentIds: string[]) {
  const { rows } = await t.owner.query(
    `WITH stored AS (
       SELECT m.environment_id, m.id, substring(coalesce(m.text, n.content ->> 'text') FROM '/booking/([A-Za-z0-9_-]{43})') AS token
         FROM mailbox_message m LEFT JOIN notification n ON n.environment_id = m.environment_id AND n.id = m.notification_id
        WHERE m.environment_id = ANY($1::uuid[])),
     attributed AS (
       SELECT s.id, s.environment_id, bc.notification_id
         FROM stored s LEFT JOIN booking_code bc ON bc.environment_id = s.environment_id AND bc.token_hash = sha256(convert_to(s.token, 'UTF8'))),
     per_notification AS (
       SELECT environment_id, notification_id, count(*) AS copies FROM attributed WHERE notification_id IS NOT NULL GROUP BY 1, 2),
     notified AS (
       SELECT n.environment_id, n.id, n.state, n.provider_message_id FROM notification n
        WHERE n.environment_id = ANY($1::uuid[]) AND n.type = 'reminder')
     SELECT
       (SELECT count(*) FROM notified)::int AS notifications,
       (SELECT count(*) FROM notified WHERE state = 'sent')::int AS sent,
       (SELECT count(*) FROM stored)::int AS mailbox_rows,
       (SELECT count(*) FROM attributed WHERE notification_id IS NULL)::int AS unattributed_rows,
       (SELECT coalesce(sum(copies - 1), 0) FROM per_notification)::int AS extra_copies,
       (SELECT count(*) FROM per_notification WHERE copies > 1)::int AS notifications_sent_twice,
       (SELECT count(*) FROM notified n WHERE NOT EXISTS (SELECT 1 FROM per_notification p WHERE p.environment_id = n.environment_id AND p.notification_id = n.id))::int AS without_mailbox_row,
       (SELECT count(*) FROM notified n WHERE n.state = 'sent' AND NOT EXISTS (
          SELECT 1 FROM mailbox_message m WHERE m.environment_id = n.environment_id AND m.id::text = n.provider_message_id))::int AS provider_id_missing,
       (SELECT count(*) FROM notified n WHERE n.state <> 'sent'
           OR NOT EXISTS (SELECT 1 FROM per_notification p WHERE p.environment_id = n.environment_id AND p.notification_id = n.id)
           OR NOT EXISTS (SELECT 1 FROM mailbox_message m WHERE m.environment_id = n.environment_id AND m.id::text = n.provider_message_id))::int AS not_delivered,
       (SELECT json_object_agg(state, count) FROM (SELECT state, count(*)::int AS count FROM notified GROUP BY state) s) AS states`,
    [environmentIds],
  );
  return rows[0] as {
    notifications: number;
    sent: number;
    mailbox_rows: number;
    unattributed_rows: number;
    extra_copies: number;
    notifications_sent_twice: number;
    without_mailbox_row: number;
    provider_id_missing: number;
    not_delivered: number;
    states: Record<string, number>;
  };
}

describe('reminders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins'), APP_ROLES: 'api,worker', DELIVERY_CONCURRENCY: CONCURRENCY });
  });
  afterAll(() => t.close());

  it(`${ENVIRONMENTS * PER_ENVIRONMENT} due reminders across ${ENVIRONMENTS} sandbox environments, delivered through the mailbox connector`, async () => {
    const expected = ENVIRONMENTS * PER_ENVIRONMENT;
    // The daily run at its default time, 10:00 UTC, half a minute after it became due.
    const today = new Date().toISOString().slice(0, 10);
    const runAt = new Date(`${today}T10:00:30Z`);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const bookedAt = new Date(runAt.getTime() - 3 * 86_400_000);

    progress(`reminders: signing up ${ENVIRONMENTS} organizations and seeding ${PER_ENVIRONMENT} bookings in each sandbox…`);
    const seeded = await timed(async () => {
      const signUp = t.app.get(SignUpService);
      const ids: string[] = [];
      for (let i = 0; i < ENVIRONMENTS; i += 1) {
        const { organizationId } = await signUp.signUp(aSignUp({ organizationName: `Reminder Bench ${i + 1} ${Date.now().toString(36)}`, password: STRONG_PASSWORD }));
        const { rows } = await t.owner.query(`SELECT id FROM environment WHERE organization_id = $1 AND kind = 'sandbox'`, [organizationId]);
        ids.push(rows[0].id);
        await seedEnvironment(t, rows[0].id, tomorrow, bookedAt);
      }
      await t.owner.query(`VACUUM (ANALYZE) account, contact, resource, incident_type, work_order, booking, notification, booking_code, mailbox_message`);
      return ids;
    });
    const environmentIds = seeded.result;
    progress(`reminders: seeded in ${seconds(seeded.ms)} s; running the reminder run (worker concurrency ${CONCURRENCY})…`);

    // The connectors are found (and, under the test runner, compiled) at the first question: ask before the clock starts.
    t.app.get(ConnectorRegistry).list();
    const profile = process.env['BENCH_STATEMENT_PROFILE'] === '1' ? new StatementProfile() : undefined;
    profile?.start();
    const clock = await CpuClock.forDatabase(t);
    const cpuBefore = clock.now();
    const loadBefore = loadavg();
    const started = performance.now();
    const enqueued = await t.app.get(ReminderScheduler).runDue(runAt, environmentIds);
    const enqueuedAt = performance.now();
    progress(`reminders: ${enqueued} enqueued in ${seconds(enqueuedAt - started)} s; waiting for delivery…`);
    const delivered = await untilDelivered(t, started);
    const loadAfter = loadavg();
    const cpuAfter = clock.now();
    const totalMs = delivered - started;
    if (profile) progress(`reminders: statement time (total, calls, mean):\n${profile.report()}`);

    const found = await audit(t, environmentIds);
    const { rows: jobs } = await t.owner.query(`SELECT state, count(*)::int AS count FROM pgboss.job WHERE name = 'notification-delivery' GROUP BY state`);
    const duplicates = found.extra_copies + found.unattributed_rows;
    // A reminder is lost when it was never planned, or its notification did not end `sent` with its message in the mailbox.
    const lost = expected - found.notifications + found.not_delivered;
    const result = {
      environments: ENVIRONMENTS,
      remindersPerEnvironment: PER_ENVIRONMENT,
      expected,
      connector: 'mailbox (sandbox environments)',
      deliveryConcurrency: Number(CONCURRENCY),
      seedSeconds: seconds(seeded.ms),
      enqueued,
      enqueueSeconds: seconds(enqueuedAt - started),
      deliverySeconds: seconds(delivered - enqueuedAt),
      totalSeconds: seconds(totalMs),
      throughputPerSecond: Math.round(found.sent / (totalMs / 1000)),
      sent: found.sent,
      states: found.states,
      mailboxRows: found.mailbox_rows,
      duplicates,
      duplicateDetail: { extraCopies: found.extra_copies, notificationsSentTwice: found.notifications_sent_twice, rowsWithoutNotification: found.unattributed_rows },
      lost,
      lostDetail: {
        notPlanned: expected - found.notifications,
        notSent: found.notifications - found.sent,
        withoutMailboxRow: found.without_mailbox_row,
        providerIdMissing: found.provider_id_missing,
      },
      queueJobs: Object.fromEntries(jobs.map((row: { state: string; count: number }) => [row.state, row.count])),
      cpuSeconds: {
        node: Math.round((cpuAfter.node - cpuBefore.node) * 10) / 10,
        postgres: cpuAfter.postgres === null || cpuBefore.postgres === null ? null : Math.round((cpuAfter.postgres - cpuBefore.postgres) * 10) / 10,
      },
      // CPU per delivered message, the measure a busy machine disturbs least: compare runs of the same size by this.
      cpuMsPerMessage: perMessage(cpuBefore, cpuAfter, found.sent),
      loadAverage: { before: loadBefore.map((value) => Math.round(value * 100) / 100), after: loadAfter.map((value) => Math.round(value * 100) / 100) },
      checks: {
        enqueued: { expected, pass: enqueued === expected },
        duplicates: { expected: 0, pass: duplicates === 0 },
        lost: { expected: 0, pass: lost === 0 },
      },
      targets: { totalSeconds: { target: TARGET_SECONDS, pass: totalMs / 1000 <= TARGET_SECONDS } },
    };
    recordResult('reminders', result);
    progress(
      `reminders: ${found.sent} sent in ${result.totalSeconds} s (enqueue ${result.enqueueSeconds} s, then ${result.deliverySeconds} s), ${result.throughputPerSecond}/s; ${duplicates} duplicates, ${lost} lost; CPU s: node ${result.cpuSeconds.node}, PostgreSQL ${result.cpuSeconds.postgres}; CPU ms per message: node ${result.cpuMsPerMessage.node}, PostgreSQL ${result.cpuMsPerMessage.postgres}, together ${result.cpuMsPerMessage.total}`,
    );
    // Correctness only; the time target is reported, not enforced.
    expect(result.checks).toEqual({ enqueued: { expected, pass: true }, duplicates: { expected: 0, pass: true }, lost: { expected: 0, pass: true } });
  });
});
