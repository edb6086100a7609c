import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root: the app is started from here, as `npm start` starts it. */
export const ROOT = resolve(__dirname, '..', '..', '..');

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A port nothing listens on right now, chosen by the operating system (never a fixed one). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('No free port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process below `pid` (children first found, grandchildren after), read from /proc. */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
        if (!found.includes(child)) {
          found.push(child);
          queue.push(child);
        }
      }
    }
  }
  return found;
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n').trim() || '(none yet)';
  } catch {
    return '(no log)';
  }
}

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  logFile: string;
  /** Stops the app (SIGTERM, then SIGKILL to the whole tree after `graceMs`) and deletes its data folder. */
  stop(graceMs?: number): Promise<void>;
  /** The same, at once and synchronously: for a process that is exiting. */
  kill(): void;
}

/**
 * Starts Fieldbook the way `npm start` does (`node tools/dev/start.mjs`: Nx-cached builds, then the
 * API serving the admin console and the portal) on a fresh embedded PostgreSQL in a temporary
 * folder and a free port, and resolves once /api/health answers. Output goes to `logFile`.
 */
export async function startApp(options: { logFile: string; timeoutMs: number }): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    SEED_DEMO: 'false',
  };
  // The journey signs up its own organization on its own database; a server named here is not it.
  delete env['DATABASE_URL'];
  delete env['DATABASE_APP_URL'];
  delete env['NODE_ENV'];

  const log = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    // E2E_NO_BUILD=1 runs what dist/ holds (quick reruns while nothing changed); otherwise build first, as `npm start` does.
    const command = process.env['E2E_NO_BUILD'] === '1' ? ['--enable-source-maps', join(ROOT, 'dist', 'apps', 'api', 'main.js')] : [join(ROOT, 'tools', 'dev', 'start.mjs')];
    child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`The app could not be started: ${process.execPath} did not run.`);
  let exited: string | undefined;
  child.once('exit', (code, name) => (exited = name ?? `exit code ${code}`));
  /** Processes seen below the app; kept so a stop still reaches those orphaned by a dead parent. */
  const tree = new Set<number>();
  const remember = () => descendants(pid).forEach((descendant) => tree.add(descendant));

  const kill = () => {
    remember();
    signal([pid, ...tree], 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const stop = async (graceMs = 20_000) => {
    remember();
    // start.mjs hands SIGTERM to the API, which closes and stops its PostgreSQL.
    signal([pid], 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && [pid, ...tree].some(alive)) await sleep(100);
    signal([pid, ...tree].filter(alive), 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (exited !== undefined) {
      kill();
      throw new Error(`The app stopped (${exited}) before it answered at ${baseUrl}/api/health. Its last output:\n${tail(options.logFile, 40)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(5_000);
      throw new Error(`The app did not answer at ${baseUrl}/api/health within ${Math.round(options.timeoutMs / 1000)} s. Its last output:\n${tail(options.logFile, 40)}`);
    }
    remember();
    await sleep(250);
  }
  remember();
  if (!existsSync(join(ROOT, 'dist', 'apps', 'portal', 'browser', 'index.html'))) {
    await stop(5_000);
    throw new Error('The app runs but the portal was not built (dist/apps/portal/browser/index.html is missing).');
  }
  return { baseUrl, dataDir, logFile: options.logFile, stop, kill };
}
