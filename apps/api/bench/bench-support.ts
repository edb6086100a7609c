import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

export function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(mean),
  };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Transaction bookkeeping, told apart from the statements that read data. */
const CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SAVEPOINT|RELEASE)\b|set_config\('app\.environment_id'/i;

/**
 * Counts the SQL statements the API sends. Every API query goes through TypeORM's PostgreSQL query
 * runner, so a call-through spy on it sees them all.
 */
export class StatementCounter {
  private readonly spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');

  async count<T>(work: () => Promise<T>): Promise<{ result: T; data: number; total: number }> {
    const before = this.spy.mock.calls.length;
    const result = await work();
    const statements = this.spy.mock.calls.slice(before).map((call) => String(call[0]));
    this.spy.mockClear();
    return { result, data: statements.filter((sql) => !CONTROL.test(sql)).length, total: statements.length };
  }

  restore(): void {
    this.spy.mockRestore();
  }
}

/** Hands one part of the results to `tools/bench/run.mjs` (or prints it when run on its own). */
export function recordResult(name: string, value: unknown): void {
  const directory = process.env['BENCH_RESULTS_DIR'];
  const text = JSON.stringify(value, null, 2);
  if (directory) writeFileSync(join(directory, `${name}.json`), text);
  else process.stdout.write(`${name}: ${text}\n`);
}

/** Progress on stderr, so a long run shows it is alive. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
