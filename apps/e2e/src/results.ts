import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app-server';

/** This run's folder for screenshots, axe reports, step timings and the app's log (never committed). */
export function resultsDir(): string {
  let dir = process.env['E2E_RESULTS_DIR'];
  if (!dir) {
    dir = join(ROOT, 'apps', 'e2e', 'results', new Date().toISOString().replace(/[:.]/g, '-'));
    process.env['E2E_RESULTS_DIR'] = dir;
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `Some step: name!` → `some-step-name`, for file names. */
export function fileSafe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
