import { join } from 'node:path';
import { RunningApp, startApp } from './app-server';
import { resultsDir } from './results';

/** Where global-teardown, which runs in the same process, finds the app. */
const holder = globalThis as { e2eApp?: RunningApp };

/**
 * Starts the app for the journeys, unless E2E_BASE_URL names one already running (then nothing is
 * started or stopped). E2E_START_TIMEOUT_MS bounds the builds plus the start (default 10 minutes).
 */
export default async function globalSetup(): Promise<void> {
  const dir = resultsDir();
  if (process.env['E2E_BASE_URL']) return;
  const timeoutMs = Number(process.env['E2E_START_TIMEOUT_MS'] ?? 10 * 60_000);
  const started = Date.now();
  process.stdout.write(`\nStarting Fieldbook for the journeys (builds cached by Nx; output in ${join(dir, 'app.log')})…\n`);
  const app = await startApp({ logFile: join(dir, 'app.log'), timeoutMs });
  holder.e2eApp = app;
  // Whatever ends this process, the app and its PostgreSQL do not outlive it, nor does its data folder.
  process.once('exit', () => holder.e2eApp?.kill());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n${signal}: stopping Fieldbook…\n`);
      void (holder.e2eApp?.stop(10_000) ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  process.env['E2E_BASE_URL'] = app.baseUrl;
  process.stdout.write(`Fieldbook answers at ${app.baseUrl} (${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
}
