import type { Locator, Page } from 'playwright-core';
import { addDays } from './portal-pages';

/** Most key presses spent looking for one control before it counts as unreachable by keyboard. */
export const MAX_PRESSES = 60;

/** The focused element as the journeys judge it: what it is, and whether a sighted keyboard user can see it. */
export interface FocusStop {
  /** Nothing but the page itself has focus (e.g. between the last control and the browser's own). */
  none: boolean;
  /** `button "Book"`, `input#sign-in-email`, … */
  element: string;
  /** Why the focus cannot be seen; empty when it can. */
  invisible: string;
  /** The focused day's date on the booking calendar, if a day has focus. */
  date: string | null;
  /** Whether the focused control says it does nothing now (aria-disabled). */
  ariaDisabled: boolean;
}

/**
 * Reads document.activeElement: a focus indicator is an outline (style not none, width above 0,
 * colour not transparent) or a box-shadow, and the element lies at least partly in the viewport.
 */
function readFocus(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) {
      return { none: true, element: 'the page itself', invisible: 'nothing has focus', date: null, ariaDisabled: false };
    }
    const tag = element.tagName.toLowerCase();
    const name = (element.getAttribute('aria-label') ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const description = `${tag}${element.id ? `#${element.id}` : ''}${name ? ` "${name}"` : ''}`;
    const style = getComputedStyle(element);
    const transparent = (color: string) => color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
    const shadow = !!style.boxShadow && style.boxShadow !== 'none';
    const rect = element.getBoundingClientRect();
    const inView = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth;
    const problems: string[] = [];
    if (!outline && !shadow) problems.push(`no focus indicator (outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, box-shadow ${style.boxShadow})`);
    if (!inView) problems.push(`outside the viewport (at ${Math.round(rect.left)},${Math.round(rect.top)} size ${Math.round(rect.width)}×${Math.round(rect.height)}; viewport ${window.innerWidth}×${window.innerHeight})`);
    return { none: false, element: description, invisible: problems.join('; '), date: element.getAttribute('data-date'), ariaDisabled: element.getAttribute('aria-disabled') === 'true' };
  });
}

/**
 * The focus as it settles: a focus ring may fade in (a transition), so an invisible one is read
 * again for up to half a second before it counts.
 */
export async function focusStop(page: Page): Promise<FocusStop> {
  let stop = await readFocus(page);
  for (let attempt = 0; attempt < 5 && !stop.none && stop.invisible; attempt++) {
    await page.waitForTimeout(100);
    stop = await readFocus(page);
  }
  return stop;
}

/** Fails unless something has focus and it can be seen. */
export async function expectVisibleFocus(page: Page, where: string): Promise<FocusStop> {
  const stop = await focusStop(page);
  if (stop.none) throw new Error(`Keyboard focus was lost ${where}: nothing on the page has focus.`);
  if (stop.invisible) throw new Error(`The keyboard focus on ${stop.element} is not visible ${where}: ${stop.invisible}.`);
  return stop;
}

async function isFocused(target: Locator): Promise<boolean> {
  return target
    .first()
    .evaluate((element) => element === document.activeElement, undefined, { timeout: 2_000 })
    .catch(() => false);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focus can
 * be seen. Fails naming the element with an invisible focus, or `what` when it is not reached
 * within MAX_PRESSES presses (with the last stops passed).
 */
export async function tabTo(page: Page, target: Locator, what: string, direction: 'forward' | 'backward' = 'forward'): Promise<FocusStop> {
  const key = direction === 'forward' ? 'Tab' : 'Shift+Tab';
  await target.first().waitFor({ state: 'attached' }).catch(() => {
    throw new Error(`Expected ${what} on the page, which is not there.`);
  });
  const passed: string[] = [];
  for (let press = 1; press <= MAX_PRESSES; press++) {
    await page.keyboard.press(key);
    const stop = await focusStop(page);
    passed.push(stop.element);
    if (!stop.none && stop.invisible) throw new Error(`While pressing ${key} towards ${what}, the focus on ${stop.element} is not visible: ${stop.invisible}.`);
    if (await isFocused(target)) return stop;
  }
  throw new Error(`${what} could not be reached with ${MAX_PRESSES} presses of ${key}; the last stops were: ${passed.slice(-8).join(' → ')}.`);
}

/** Fails unless `target` has focus now (and it can be seen). */
export async function expectFocusOn(page: Page, target: Locator, what: string, where: string): Promise<void> {
  if (!(await isFocused(target))) {
    const stop = await focusStop(page);
    throw new Error(`Expected the focus on ${what} ${where}; it is on ${stop.element}.`);
  }
  await expectVisibleFocus(page, where);
}

/**
 * On the booking calendar (focus on a day), presses ArrowRight until a day on or after
 * `notBefore` (YYYY-MM-DD) that has free times has focus, checking the focus at each day; the
 * month turns by itself when the arrows cross its end. Returns the day's date.
 */
export async function arrowToFreeDay(page: Page, notBefore: string, avoid?: string): Promise<string> {
  for (let press = 0; press <= MAX_PRESSES * 2; press++) {
    await page.waitForFunction(() => !document.querySelector('[role="grid"][aria-busy="true"]'), undefined, { timeout: 15_000 });
    const stop = await expectVisibleFocus(page, 'on the booking calendar');
    if (!stop.date) throw new Error(`The arrow keys took the focus off the calendar's days, to ${stop.element}.`);
    if (stop.date >= notBefore && stop.date !== avoid && !stop.ariaDisabled) return stop.date;
    await page.keyboard.press('ArrowRight');
    // The calendar moves the focus once it has rendered the next day (which may be in the next month).
    await page
      .waitForFunction((date) => document.activeElement?.getAttribute('data-date') !== date, stop.date, { timeout: 5_000 })
      .catch(() => {
        throw new Error(`ArrowRight did not move the calendar's focus off ${stop.date}.`);
      });
  }
  throw new Error(`No day with free times on or after ${notBefore} was reached with ${MAX_PRESSES * 2} presses of ArrowRight.`);
}

const ARROW_DAYS = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 } as const;

/** On the booking calendar: presses an arrow key and expects the focus on the day it leads to, visibly. */
export async function arrowKey(page: Page, key: keyof typeof ARROW_DAYS, from: string): Promise<string> {
  const expected = addDays(from, ARROW_DAYS[key]);
  await page.keyboard.press(key);
  await page.waitForFunction((date) => document.activeElement?.getAttribute('data-date') === date, expected, { timeout: 5_000 }).catch(async () => {
    const stop = await focusStop(page);
    throw new Error(`${key} on ${from} should move the calendar's focus to ${expected}; it is on ${stop.element}${stop.date ? ` (${stop.date})` : ''}.`);
  });
  await expectVisibleFocus(page, `on the calendar after ${key}`);
  return expected;
}
