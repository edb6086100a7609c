#!/usr/bin/env node
// `npm run test:faults`: builds the API and the connectors (cached by Nx), runs the delivery fault
// drills in apps/api/faults (their own embedded PostgreSQL, a real SMTP server, the built worker as
// child processes) and prints what the SMTP server received per drill. Extra arguments go to jest;
// FAULTS_NOTIFICATIONS changes how many messages each drill sends (default 300); FAULTS_KEEP_LOGS=1
// keeps the workers' logs of a run that passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const started = Date.now();
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
// The drills stop and start their own PostgreSQL; a server named here is never theirs to restart.
delete env.DATABASE_URL;
delete env.DATABASE_APP_URL;

const build = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'build', '-p', 'api', 'tag:type:plugin', '--outputStyle=static'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
if (build.status !== 0) {
  console.error('Building the API and the connectors failed; the fault drills need both.');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-faults-run-'));
const logs = join(work, 'logs');
const jest = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', 'apps/api/faults/jest.config.ts', '--runInBand', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...env, FAULTS_RESULTS_DIR: work, FAULTS_LOG_DIR: logs },
});

const drills = ['1-kill', '2-outage', '3-restart']
  .map((name) => join(work, `${name}.json`))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')));

const table = (header, rows) => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

const out = ['', 'Message delivery under faults (counted at the SMTP server by Message-ID)'];
if (drills.length) {
  out.push(
    table(
      ['drill', 'notifications', 'SMTP transactions', 'distinct Message-IDs', 'duplicates', 'lost', 'sending at fault', 'SMTP sessions', 'max attempts', 'wall time (s)'],
      drills.map((d) => [d.drill, d.notifications, d.transactions, d.distinctMessageIds, d.duplicates, d.lost, d.inFlightAtFault, d.sessions, d.maxAttempts, d.wallSeconds]),
    ),
  );
  out.push('', ...drills.map((d) => `${d.drill}: ${d.note}`));
} else {
  out.push('No drill finished.');
}
out.push('', `Total wall time ${Math.round((Date.now() - started) / 1000)} s.`);
if (jest.status !== 0) out.push(`The fault drills failed (jest exit code ${jest.status}); worker logs are in ${logs}`);
else if (process.env.FAULTS_KEEP_LOGS) out.push(`Worker logs are in ${logs}`);
else rmSync(work, { recursive: true, force: true });
console.log(out.join('\n'));
process.exit(jest.status === 0 ? 0 : 1);
