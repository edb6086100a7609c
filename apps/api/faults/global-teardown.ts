import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Deletes the drills' database; a server a failed drill left running is stopped first. */
export default async function globalTeardown(): Promise<void> {
  const dataDir = process.env['FAULTS_DATA_DIR'];
  if (!dataDir) return;
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (Number.isInteger(pid) && pid > 0 && running(pid)) {
    process.kill(pid, 'SIGINT');
    for (let waited = 0; waited < 10_000 && running(pid); waited += 100) await new Promise((done) => setTimeout(done, 100));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
