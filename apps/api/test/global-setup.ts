import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/database-setup';
import { RunningDatabase, startEmbeddedDatabase } from '../src/database/embedded-database';

declare global {
  var __fieldbookTestDatabase: RunningDatabase | undefined;
}

/**
 * One database for the whole API suite: the server at DATABASE_URL when set, otherwise a
 * throw-away embedded PostgreSQL deleted at the end. Migrated once, as the owner role.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env['DATABASE_URL']) {
    const database = await startEmbeddedDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'fieldbook-test-')), persistent: false });
    globalThis.__fieldbookTestDatabase = database;
    process.env['DATABASE_URL'] = database.ownerUrl;
  }
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  await prepareDatabase(process.env['DATABASE_URL']!, config.database);
}
