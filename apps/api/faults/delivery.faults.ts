import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
// The SMTP connector's own test server (a real smtp-server on a local port) and its Message-ID rule.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { FakeSmtpServer } from '../../../plugins/messaging-smtp/test/fake-smtp-server';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { messageIdFor } from '../../../plugins/messaging-smtp/src/smtp.connector';
import { freePort } from '../src/database/embedded-database';
import { aContact, anAccount, customerRoutes } from '../test/customer-builders';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../test/test-app';
import { DrillFigures, PostgresServer, WorkerProcess, countAtServer, progress, recordFigures, sleep } from './fault-harness';

const NOTIFICATIONS = Number(process.env['FAULTS_NOTIFICATIONS'] ?? '300');
/** How long the SMTP server refuses everything in the outage drill. */
const OUTAGE_MS = 30_000;
/** Enough for a job whose worker died to expire (100 s at a 4 s connector timeout) and be found by maintenance (every 30 s). */
const RECOVERY_TIMEOUT_MS = 200_000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the fault drills run through their jest globalSetup (npm run test:faults).`);
  return value;
}

/** One drill's notifications and where the SMTP server's counters stood when it began. */
interface Drill {
  ids: string[];
  /** Message-ID → notification id. */
  messageIds: Map<string, string>;
  receivedFrom: number;
  loginsFrom: number;
  startedAt: number;
}

describe('message delivery under faults: worker processes, a real SMTP server, a PostgreSQL that restarts', () => {
  const ownerUrl = required('FAULTS_OWNER_URL');
  const logDir = process.env['FAULTS_LOG_DIR'] ?? join(required('FAULTS_DATA_DIR'), 'logs');
  const postgres = new PostgresServer(required('FAULTS_POSTGRES_BIN'), join(required('FAULTS_DATA_DIR'), 'pg'), Number(new URL(ownerUrl).port));
  const smtp = new FakeSmtpServer();
  const workers: WorkerProcess[] = [];
  let t: TestApp;
  let owner: SignedUp;
  let environmentId: string;
  let accountId: string;

  // A job's attempts, backoff and expiry are fixed when it is enqueued, so the API process (here,
  // the in-process app that creates the contacts) and the worker get the same delivery settings.
  // The connector timeout is short so a dead worker's jobs come back soon, but not so short that a
  // busy machine times out a send the server has already accepted (SMTP then gets the message twice).
  const delivery = { CONNECTOR_TIMEOUT_MS: '4000', DELIVERY_RETRY_DELAY_SECONDS: '1', DELIVERY_ATTEMPTS: '8' };
  // Two batch loops (not the default four) hold part of a drill rather than all of it, so the
  // notifications in flight at a fault are a real subset of the drill.
  const DELIVERY_CONCURRENCY = '2';

  const workerEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...delivery,
      DELIVERY_CONCURRENCY,
      NODE_ENV: 'development',
      DATABASE_URL: ownerUrl,
      PORT: '0',
      APP_ROLES: 'worker',
      SEED_DEMO: 'false',
      CONNECTOR_PATHS: 'dist/plugins',
      PUBLIC_URL: 'http://fieldbook.test',
      LOG_LEVEL: 'info',
    };
    delete env['DATABASE_APP_URL'];
    return env;
  };

  const startWorker = (name: string): WorkerProcess => {
    const worker = WorkerProcess.start(name, workerEnv(), logDir);
    workers.push(worker);
    progress(`worker ${name} started (pid ${worker.pid})`);
    return worker;
  };

  /** `count` new contacts, each invited in the transaction that creates it: one queued email per contact. */
  async function queueInvitations(label: string, count: number): Promise<Drill> {
    const route = customerRoutes(environmentId).accountContacts(accountId);
    const contactIds: string[] = [];
    for (let first = 0; first < count; first += 10) {
      const numbers = Array.from({ length: Math.min(10, count - first) }, (_, offset) => first + offset);
      const created = await Promise.all(
        numbers.map((n) => owner.client.post(route, aContact({ firstName: 'Drill', lastName: `${label} ${n}`, email: `${label}-${n}@faults.test` })).expect(201)),
      );
      contactIds.push(...created.map((response) => String(response.body.id)));
    }
    const { rows } = await t.owner.query<{ id: string; state: string }>(
      `SELECT id, state FROM notification WHERE environment_id = $1 AND type = 'invite' AND channel = 'email' AND contact_id = ANY($2::uuid[])`,
      [environmentId, contactIds],
    );
    expect(rows).toHaveLength(count);
    expect(rows.filter((row) => row.state !== 'queued')).toEqual([]);
    const from = String(smtp.config()['fromAddress']);
    return {
      ids: rows.map((row) => row.id),
      messageIds: new Map(rows.map((row) => [messageIdFor(row.id, from), row.id])),
      receivedFrom: smtp.received.length,
      loginsFrom: smtp.logins.length,
      startedAt: Date.now(),
    };
  }

  const arrived = (drill: Drill) => smtp.received.length - drill.receivedFrom;

  async function statesOf(drill: Drill): Promise<Record<string, number>> {
    const { rows } = await t.owner.query<{ state: string; count: number }>(
      `SELECT state, count(*)::int AS count FROM notification WHERE environment_id = $1 AND id = ANY($2::uuid[]) GROUP BY state`,
      [environmentId, drill.ids],
    );
    return Object.fromEntries(rows.map((row) => [row.state, row.count]));
  }

  /** Polls `check` (cheap, no database) every few milliseconds, so a fault lands close to the moment asked for. */
  async function until(check: () => boolean, what: string, worker: WorkerProcess, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (!worker.alive) throw new Error(`The worker stopped while waiting for ${what}.\n${worker.logTail()}`);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.\n${worker.logTail()}`);
      await sleep(2);
    }
  }

  /** Resolves once no message has reached the SMTP server for `quietMs` (or after `timeoutMs`). */
  async function untilQuiet(drill: Drill, worker: WorkerProcess, quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let count = arrived(drill);
    let since = Date.now();
    while (Date.now() - since < quietMs && Date.now() < deadline && worker.alive) {
      await sleep(50);
      if (arrived(drill) !== count) [count, since] = [arrived(drill), Date.now()];
    }
  }

  /** Waits until every notification of the drill is `sent`; fails at once on a final state other than sent or on a dead worker. */
  async function untilAllSent(drill: Drill, worker: WorkerProcess): Promise<void> {
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    for (;;) {
      const states = await statesOf(drill);
      if (states['sent'] === drill.ids.length) return;
      const final = ['dead', 'failed', 'skipped'].filter((state) => states[state]);
      if (final.length) throw new Error(`Notifications ended ${final.join(', ')}: ${JSON.stringify(states)}\n${worker.logTail()}`);
      if (!worker.alive) throw new Error(`The worker stopped before every message was sent: ${JSON.stringify(states)}\n${worker.logTail()}`);
      if (Date.now() > deadline) throw new Error(`Not every message was sent within ${RECOVERY_TIMEOUT_MS / 1000} s: ${JSON.stringify(states)}\n${worker.logTail()}`);
      await sleep(250);
    }
  }

  type Read = (sql: string, values: unknown[]) => Promise<{ rows: { id: string }[] }>;
  const byOwner: Read = (sql, values) => t.owner.query(sql, values);

  async function sendingIn(read: Read, drill: Drill): Promise<Set<string>> {
    const { rows } = await read(`SELECT id FROM notification WHERE environment_id = $1 AND id = ANY($2::uuid[]) AND state = 'sending'`, [
      environmentId,
      drill.ids,
    ]);
    return new Set(rows.map((row) => row.id));
  }

  /** Counts at the SMTP server once every notification is sent (after a pause, so a late straggler is counted too). */
  async function conclude(name: string, drill: Drill, inFlight: Set<string>, note: string): Promise<DrillFigures> {
    const wallSeconds = Math.round((Date.now() - drill.startedAt) / 100) / 10;
    await sleep(2000);
    const count = countAtServer(smtp.received.slice(drill.receivedFrom), drill.messageIds);
    const { rows } = await t.owner.query<{ max: number }>(`SELECT max(attempts)::int AS max FROM notification WHERE environment_id = $1 AND id = ANY($2::uuid[])`, [
      environmentId,
      drill.ids,
    ]);
    const figures: DrillFigures = {
      drill: name,
      notifications: drill.ids.length,
      transactions: count.transactions,
      distinctMessageIds: count.distinctMessageIds,
      duplicates: count.duplicates,
      duplicated: count.duplicated,
      lost: count.lost.length,
      inFlightAtFault: inFlight.size,
      sessions: smtp.logins.length - drill.loginsFrom,
      maxAttempts: rows[0]?.max ?? 0,
      wallSeconds,
      note,
    };
    progress(`${name}: ${JSON.stringify({ ...figures, duplicated: figures.duplicated.length })}`);
    expect(count.lost).toEqual([]);
    expect(await statesOf(drill)).toEqual({ sent: drill.ids.length });
    return figures;
  }

  beforeAll(async () => {
    await postgres.start();
    await smtp.start();
    process.env['DATABASE_URL'] = ownerUrl;
    t = await startTestApp({ ...delivery, CONNECTOR_PATHS: resolve('plugins') });
    // The drills restart PostgreSQL under this pool too; an idle connection it loses is replaced.
    t.owner.on('error', () => undefined);
    owner = await signUpOrganization(t.http);
    environmentId = owner.productionId;
    await owner.client.put(`/api/environments/${environmentId}/connectors/email`, { connectorId: 'smtp', config: smtp.config() }).expect(200);
    accountId = (await owner.client.post(customerRoutes(environmentId).accounts, anAccount()).expect(201)).body.id;
  }, 60_000);

  afterEach(async () => {
    smtp.behave('accept');
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await postgres.stop();
  });

  it('a worker killed mid-batch loses nothing: a new worker sends the rest, and only messages in flight at the kill arrive twice', async () => {
    const drill = await queueInvitations('kill', NOTIFICATIONS);
    const first = startWorker('kill-first');
    await until(() => arrived(drill) >= NOTIFICATIONS * 0.3, '30 % of the messages at the SMTP server', first);
    await first.kill();
    const arrivedAtKill = arrived(drill);
    const inFlight = await sendingIn(byOwner, drill);
    progress(`killed the worker after ${arrivedAtKill} messages; ${inFlight.size} notifications were sending`);
    expect(arrivedAtKill).toBeLessThan(NOTIFICATIONS);

    // The SMTP server sees the killed worker's open sessions break (ECONNRESET) and carries on.
    const brokenSessions = smtp.connectionErrors.length;
    const second = startWorker('kill-second');
    await untilAllSent(drill, second);
    const figures = await conclude(
      '1. worker SIGKILL mid-batch',
      drill,
      inFlight,
      `killed after ${arrivedAtKill} arrived (${brokenSessions} SMTP sessions broken); a new worker finished`,
    );
    recordFigures('1-kill', figures);
    expect(figures.duplicated.filter((id) => !inFlight.has(id))).toEqual([]);
  });

  it('an SMTP server refusing everything (451) for 30 s: retries with backoff carry every message over, none dead, none twice', async () => {
    smtp.behave('server-error');
    const drill = await queueInvitations('outage', NOTIFICATIONS);
    const worker = startWorker('outage');
    await until(() => smtp.logins.length > drill.loginsFrom, 'the first SMTP session', worker);
    const outage = setTimeout(() => smtp.behave('accept'), OUTAGE_MS);
    try {
      await untilAllSent(drill, worker);
    } finally {
      clearTimeout(outage);
      smtp.behave('accept');
    }
    const figures = await conclude('2. SMTP 451 for 30 s', drill, new Set(), 'refused from the first session for 30 s');
    recordFigures('2-outage', figures);
    expect(figures.maxAttempts).toBeGreaterThan(1);
    expect(figures.duplicated).toEqual([]);
    expect(worker.alive).toBe(true);
  });

  it('a PostgreSQL restart while delivering: the same worker process carries on and sends everything; only messages in flight at the restart arrive twice', async () => {
    const drill = await queueInvitations('restart', NOTIFICATIONS);
    const worker = startWorker('restart');
    await until(() => arrived(drill) >= NOTIFICATIONS * 0.3, '30 % of the messages at the SMTP server', worker);
    const down = Date.now();
    await postgres.stop();
    const arrivedAtStop = arrived(drill);
    // What was in flight, read on a port no worker knows, so nothing moves while we look.
    const sidePort = await freePort();
    await postgres.start(sidePort);
    const side = new PgClient({ connectionString: ownerUrl.replace(`:${postgres.port}/`, `:${sidePort}/`) });
    await side.connect();
    const inFlight = await sendingIn((sql, values) => side.query(sql, values), drill).finally(() => side.end());
    await postgres.stop();
    // Down until the worker has sent what it held, so it must also store outcomes while the database is away.
    await untilQuiet(drill, worker, 1500, 30_000);
    const arrivedWhileDown = arrived(drill) - arrivedAtStop;
    await postgres.start();
    const downMs = Date.now() - down;
    progress(`PostgreSQL down ${downMs} ms from ${arrivedAtStop} messages; ${arrivedWhileDown} arrived meanwhile; ${inFlight.size} notifications were sending`);
    expect(arrivedAtStop).toBeLessThan(NOTIFICATIONS);

    await untilAllSent(drill, worker);
    const figures = await conclude('3. PostgreSQL restart', drill, inFlight, `down ${(downMs / 1000).toFixed(1)} s from ${arrivedAtStop} arrived; ${arrivedWhileDown} arrived while down; same worker process`);
    recordFigures('3-restart', figures);
    expect(worker.alive).toBe(true);
    expect(figures.duplicated.filter((id) => !inFlight.has(id))).toEqual([]);
  });
});
