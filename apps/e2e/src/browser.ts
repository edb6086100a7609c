import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { fileSafe } from './results';

/** Debian's Chromium; playwright-core never downloads a browser of its own here. */
export const CHROMIUM = process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Flags for a headless run on a CI machine: no sandbox (containers often run as root), no GPU, no
 * QUIC, and none of the background traffic a desktop browser makes (first-run pages, component
 * updates, sync). `launch()` gives every run a fresh temporary profile of its own and deletes it on
 * close; a `--user-data-dir` flag is refused by it (that is what `launchPersistentContext` is for).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch((error: Error) => {
    throw new Error(`Chromium did not start from ${CHROMIUM} (install Debian's package: apt-get install chromium): ${error.message}`);
  });
}

/** The desktop window the journeys use unless they say otherwise. */
export const DESKTOP = { width: 1280, height: 900 };
/** The narrowest phone screen WCAG's reflow criterion (1.4.10) asks for: 320 CSS pixels wide. */
export const SMALL_SCREEN = { width: 320, height: 640 };

/** A context as a customer's browser: English, the service location's time zone, a desktop window (or `viewport`, at one device pixel per CSS pixel). */
export async function customerContext(browser: Browser, timeZone: string, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: timeZone, viewport, deviceScaleFactor: 1, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/**
 * Fails when the page scrolls sideways: the document is wider than the window (one pixel of
 * rounding allowed). Names the widest elements that stick out, so the failure says where.
 */
export async function expectNoHorizontalOverflow(page: Page, name: string): Promise<void> {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const wide: string[] = [];
    if (scrollWidth > width + 1) {
      for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const rect = element.getBoundingClientRect();
        if (rect.right <= width + 1 || rect.width === 0) continue;
        // Only the innermost: an element whose children all fit is where the overflow starts.
        if (Array.from(element.children).some((child) => child.getBoundingClientRect().right > width + 1)) continue;
        const classes = element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
        wide.push(`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes} (right edge at ${Math.round(rect.right)} px${text ? `, "${text}"` : ''})`);
        if (wide.length >= 6) break;
      }
    }
    return { width, scrollWidth, wide };
  });
  if (found.scrollWidth > found.width + 1) {
    throw new Error(`${name} scrolls sideways at ${found.width} px: the document is ${found.scrollWidth} px wide. Sticking out: ${found.wide.join('; ') || 'no single element found'}.`);
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeFinding {
  page: string;
  url: string;
  violations: Result[];
}

/** axe's violations as a person reads them: rule, impact, what to do, and where (a few elements each). */
export function describeViolations(findings: AxeFinding[]): string {
  const lines: string[] = [];
  for (const finding of findings.filter((candidate) => candidate.violations.length)) {
    lines.push(`${finding.page} (${finding.url}): ${finding.violations.length} accessibility violation(s)`);
    for (const violation of finding.violations) {
      lines.push(`  - ${violation.id} [${violation.impact ?? 'unknown impact'}] ${violation.help} (${violation.helpUrl})`);
      for (const node of violation.nodes.slice(0, 5)) {
        lines.push(`      at ${node.target.join(' ')}`);
        const summary = (node.failureSummary ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
        for (const line of summary) lines.push(`         ${line}`);
      }
      if (violation.nodes.length > 5) lines.push(`      … and ${violation.nodes.length - 5} more element(s)`);
    }
  }
  return lines.join('\n');
}

/**
 * Runs axe (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now, once per distinct page name, and
 * keeps the full report in the results folder. Returns the finding; the caller decides when to fail.
 */
export class AccessibilityAudit {
  readonly findings: AxeFinding[] = [];

  constructor(private readonly dir: string) {}

  async check(page: Page, name: string): Promise<AxeFinding> {
    const known = this.findings.find((finding) => finding.page === name);
    if (known) return known;
    // The portal's Content-Security-Policy (script-src 'self') refuses an injected <script> tag, and the
    // journeys keep that policy on; evaluating the source through the DevTools protocol is not subject to it.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate(
      (tags) => (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG_TAGS,
    );
    writeFileSync(join(this.dir, `axe-${fileSafe(name)}.json`), JSON.stringify({ url: page.url(), violations: results.violations, incomplete: results.incomplete }, null, 2));
    const finding = { page: name, url: page.url(), violations: results.violations };
    this.findings.push(finding);
    return finding;
  }

  /** Every page checked, with its count, for the summary. */
  summary(): string {
    return this.findings.map((finding) => `  ${finding.violations.length === 0 ? 'ok  ' : 'FAIL'} ${finding.page} — ${finding.violations.length} violation(s)`).join('\n');
  }

  failures(): AxeFinding[] {
    return this.findings.filter((finding) => finding.violations.length > 0);
  }
}
