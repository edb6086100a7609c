import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { fileSafe } from './results';

export interface StepRecord {
  name: string;
  ms: number;
  ok: boolean;
  error?: string;
  screenshot?: string;
}

/**
 * Runs a journey's steps in order: times each, takes a screenshot of the page the step ends on
 * (and of where it stopped when it fails, with the page's HTML), and names the step in the error.
 */
export class Journey {
  readonly steps: StepRecord[] = [];
  /** The page the next screenshot is taken of; steps switch it when they open another. */
  page: Page | undefined;
  private readonly started = Date.now();
  private finished = Date.now();

  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {}

  async step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const prefix = String(this.steps.length + 1).padStart(2, '0');
    const record: StepRecord = { name, ms: 0, ok: false };
    this.steps.push(record);
    try {
      const result = await run();
      record.ms = Date.now() - started;
      record.ok = true;
      record.screenshot = await this.screenshot(`${prefix}-${fileSafe(name)}.png`);
      return result;
    } catch (error) {
      record.ms = Date.now() - started;
      const message = error instanceof Error ? error.message : String(error);
      record.error = message;
      record.screenshot = await this.screenshot(`${prefix}-${fileSafe(name)}-failed.png`);
      if (this.page && !this.page.isClosed()) {
        const html = await this.page.content().catch(() => '');
        writeFileSync(join(this.dir, `${prefix}-${fileSafe(name)}-failed.html`), html);
      }
      const where = this.page && !this.page.isClosed() ? `\nThe page was at ${this.page.url()}.` : '';
      throw new Error(`Step "${name}" failed after ${(record.ms / 1000).toFixed(1)} s: ${message}${where}\nScreenshots: ${this.dir}`, { cause: error });
    } finally {
      this.save();
    }
  }

  private async screenshot(file: string): Promise<string | undefined> {
    if (!this.page || this.page.isClosed()) return undefined;
    try {
      await this.page.screenshot({ path: join(this.dir, file), fullPage: true, timeout: 10_000 });
      return file;
    } catch {
      return undefined;
    }
  }

  /** Step timings so far, in `<journey>.steps.json` (run.mjs prints them). */
  save(): void {
    this.finished = Date.now();
    const file = join(this.dir, `${fileSafe(this.name)}.steps.json`);
    writeFileSync(file, JSON.stringify({ journey: this.name, totalMs: this.finished - this.started, steps: this.steps }, null, 2));
  }

  report(): string {
    const width = Math.max(...this.steps.map((step) => step.name.length), 4);
    const lines = this.steps.map((step) => `  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(width)} ${(step.ms / 1000).toFixed(1).padStart(6)} s`);
    lines.push(`  ${''.padEnd(4)} ${'total'.padEnd(width)} ${((this.finished - this.started) / 1000).toFixed(1).padStart(6)} s`);
    return `${this.name}\n${lines.join('\n')}`;
  }
}
