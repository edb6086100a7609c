#!/usr/bin/env node
// `npm start`: builds the API, the admin console, the portal and the messaging connectors under
// plugins/ (cached when unchanged), then runs the API, which serves the three apps on one port with
// the embedded PostgreSQL unless DATABASE_URL is set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...process.env };

/** Nx's command-line entry, wherever the installed version keeps it. */
function nxBin() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('nx/package.json', { paths: [root] });
  const { bin } = require(manifest);
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin.nx);
}

console.log('Building Fieldbook (API, admin console, portal, connectors)…');
// Connectors are found by the API in dist/plugins at start-up; `tag:type:plugin` is every plugins/ project.
const build = spawnSync(process.execPath, [nxBin(), 'run-many', '-t', 'build', '-p', 'api', 'admin', 'portal', 'tag:type:plugin', '--outputStyle=static'], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (build.status !== 0) {
  console.error('\nThe build failed; see the messages above.');
  process.exit(build.status ?? 1);
}

const main = join(root, 'dist', 'apps', 'api', 'main.js');
if (!existsSync(main)) {
  console.error(`The build did not produce ${main}.`);
  process.exit(1);
}

const api = spawn(process.execPath, ['--enable-source-maps', main], { cwd: root, env: { NODE_ENV: 'development', ...process.env }, stdio: 'inherit' });
// Ctrl-C reaches the API directly (same process group); it stops PostgreSQL and exits. Forward
// signals sent to this process alone, and leave with the API's exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
