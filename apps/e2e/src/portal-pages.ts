import type { Locator, Page } from 'playwright-core';

/**
 * How the journeys find things on the portal's pages: by role and accessible name, as a person
 * using a screen reader would. The portal's addresses below /p/<slug>, and its English labels.
 */
export const PORTAL_PATHS = {
  signIn: 'sign-in',
  forgotPassword: 'forgot-password',
  bookings: 'bookings',
  profile: 'profile',
} as const;

/** Fails with `what` when `locator` does not show up in time (instead of a bare timeout). */
export async function shown(locator: Locator, what: string, timeoutMs?: number): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new Error(`Expected ${what}, which did not show up.`);
  }
  return locator.first();
}

/** Whether `locator` shows up within `timeoutMs`. */
export async function appears(locator: Locator, timeoutMs: number): Promise<boolean> {
  return locator
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);
}

/** A link or a button with this name (pages may render an action either way). */
export function action(page: Page, name: string | RegExp, exact = true): Locator {
  return page.getByRole('link', { name, exact }).or(page.getByRole('button', { name, exact }));
}

/** One choice among several, whatever widget offers it: radio, option, or a pressable button. */
export function choice(page: Page, name: string | RegExp): Locator {
  return page.getByRole('radio', { name }).or(page.getByRole('option', { name })).or(page.getByRole('button', { name }));
}

/** The page's main heading once the app has rendered it. */
export async function mainHeading(page: Page): Promise<string> {
  const heading = await shown(page.getByRole('heading', { level: 1 }), 'a level-1 heading on the page');
  return (await heading.innerText()).trim();
}

/** Waits for the Angular app to settle after a navigation: no requests in flight, a heading shown. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await mainHeading(page);
}

/** The local date `days` from today in `timeZone`, as YYYY-MM-DD. */
export function localDate(timeZone: string, days: number, now = Date.now()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  const [year = 0, month = 1, day = 1] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) moved by `days`. */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Chooses a day with free times on the booking calendar (a grid of day buttons; days without times
 * are aria-disabled), the first on or after `notBefore` (YYYY-MM-DD) and other than `avoid`, moving
 * on a month when this one has none. Returns the date chosen.
 */
export async function chooseDay(page: Page, notBefore: string, avoid?: string): Promise<string> {
  for (let month = 0; month < 3; month++) {
    const grid = await shown(page.getByRole('grid'), 'a calendar (a grid of day buttons)');
    // The grid is aria-busy while the month's free days load.
    await page.waitForFunction(() => !document.querySelector('[role="grid"][aria-busy="true"]'), undefined, { timeout: 15_000 });
    const days = grid.getByRole('button', { disabled: false });
    const count = await days.count();
    for (let index = 0; index < count; index++) {
      const day = days.nth(index);
      const date = (await day.getAttribute('data-date')) ?? '';
      if (date >= notBefore && date !== avoid) {
        await day.click();
        return date;
      }
    }
    const next = page.getByRole('button', { name: 'Next month' });
    if (!(await appears(next, 1_000))) break;
    await next.click();
  }
  throw new Error(`No day with free times on or after ${notBefore}${avoid ? ` (other than ${avoid})` : ''} in the calendar's next three months.`);
}

/** Chooses the first free time of the chosen day (buttons named by the time, like "09:00") other than `avoid`; returns its name. */
export async function chooseTime(page: Page, avoid?: string): Promise<string> {
  const times = page.getByRole('button', { name: /^\s*\d{1,2}[:.]\d{2}/ });
  await shown(times, 'buttons named by a time (like "09:00") for the chosen day');
  const count = await times.count();
  for (let index = 0; index < count; index++) {
    const time = times.nth(index);
    const name = (await time.innerText()).trim();
    if (name !== avoid && (await time.isEnabled())) {
      await time.click();
      return name;
    }
  }
  throw new Error(`No free time to choose${avoid ? ` other than ${avoid}` : ''} among ${count} time button(s).`);
}
