#!/usr/bin/env node
// `npm run test:e2e`: the customer portal's journeys in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; nothing is downloaded). Jest's global setup starts the app as `npm start`
// does (Nx-cached builds; a fresh embedded PostgreSQL in a temporary folder; a free port) and stops its
// whole process tree at the end. Extra arguments go to jest. E2E_BASE_URL=http://… runs against an app
// already running instead (nothing started or stopped); E2E_CHROMIUM names another Chromium.
// Screenshots per step, axe reports and the app's log stay in apps/e2e/results/<run>/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install Debian's package (sudo apt-get install -y chromium) or set E2E_CHROMIUM.`);
  process.exit(1);
}

const run = new Date().toISOString().replace(/[:.]/g, '-');
const results = join(root, 'apps', 'e2e', 'results', run);
mkdirSync(results, { recursive: true });

// Ctrl-C reaches jest and the app too; they stop and clean up, then the summary below is printed.
process.on('SIGINT', () => undefined);
const jest = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', 'apps/e2e/jest.config.ts', '--runInBand', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_RESULTS_DIR: results, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
});

const out = ['', 'Step timings'];
const journeys = readdirSync(results)
  .filter((file) => file.endsWith('.steps.json'))
  .map((file) => JSON.parse(readFileSync(join(results, file), 'utf8')));
for (const journey of journeys) {
  const width = Math.max(4, ...journey.steps.map((step) => step.name.length));
  out.push('', `${journey.journey} (${(journey.totalMs / 1000).toFixed(1)} s)`);
  for (const step of journey.steps) out.push(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(width)} ${(step.ms / 1000).toFixed(1).padStart(6)} s`);
}
if (!journeys.length) out.push('  No journey ran.');
out.push('', `Total wall time ${Math.round((Date.now() - started) / 1000)} s (builds and app start included).`);
out.push(`Screenshots, axe reports and the app's log: ${results}`);
if (jest.status !== 0) out.push(`The journeys failed (jest exit code ${jest.status ?? jest.signal}).`);
console.log(out.join('\n'));
process.exit(jest.status === 0 ? 0 : 1);
