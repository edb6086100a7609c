import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { AccessibilityAudit, customerContext, describeViolations, launchBrowser } from './browser';
import { Journey } from './journey';
import { PORTAL_PATHS, action, appears, chooseDay, chooseTime, choice, localDate, settled, shown } from './portal-pages';
import { resultsDir } from './results';
import { PASSWORD, TIME_ZONE, bookingByReference, eventually, linkInMailbox, setUpTenant, signUp } from './tenant';

const baseUrl = () => {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: the journeys run through jest globalSetup (npm run test:e2e).');
  return url;
};

let browser: Browser;
const dir = resultsDir();
const audit = new AccessibilityAudit(dir);
const journeys: Journey[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  const out = ['', ...journeys.map((journey) => journey.report()), '', 'Accessibility (axe, WCAG 2.0/2.1/2.2 A and AA):', audit.summary() || '  no page checked', '', `Screenshots and reports: ${dir}`, ''];
  process.stdout.write(out.join('\n'));
});

/** Fails when axe found violations on any page `journey` checked, listing them readably. */
function expectNoViolations(pages: string[]): void {
  const failed = audit.failures().filter((finding) => pages.includes(finding.page));
  if (failed.length) throw new Error(`Accessibility violations (WCAG A/AA):\n${describeViolations(failed)}`);
}

/** The local wall-clock date and time (YYYY-MM-DD, HH:mm) of an instant in `timeZone`. */
function localDateTime(instant: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}` };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 2026-11-28 → "November 28", as an English page writes the day. */
function dayAndMonth(date: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "9:00 AM" or "09:00" → "09:00". */
function clock(label: string): string {
  const match = /(\d{1,2})[:.](\d{2})\s*([AaPp][Mm])?/.exec(label);
  if (!match) return label;
  let hours = Number(match[1]);
  if (match[3]?.toLowerCase() === 'pm' && hours < 12) hours += 12;
  if (match[3]?.toLowerCase() === 'am' && hours === 12) hours = 0;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

describe('customer portal', () => {
  it('pages anyone can open pass axe: portal home, sign-in, forgot password, not found, unknown portal, no portal', async () => {
    const journey = new Journey(dir, 'Public portal pages');
    journeys.push(journey);
    const context = await customerContext(browser, TIME_ZONE);
    const page = await context.newPage();
    journey.page = page;
    const checked: string[] = [];
    const visit = async (name: string, path: string, expected?: (page: Page) => Promise<unknown>) => {
      await journey.step(name, async () => {
        await page.goto(path);
        await settled(page);
        await expected?.(page);
        checked.push(name);
        await audit.check(page, name);
      });
    };
    try {
      const { sandbox } = await journey.step('Sign up an organization (API)', () => signUp(baseUrl()));
      const portal = `${baseUrl()}/p/${sandbox.slug}`;
      await visit('Portal home', portal);
      await visit('Sign-in page', `${portal}/${PORTAL_PATHS.signIn}`, (current) => shown(current.getByLabel('Password', { exact: true }), 'a "Password" field on the sign-in page'));
      await visit('Forgot-password page', `${portal}/${PORTAL_PATHS.forgotPassword}`, (current) => shown(current.getByLabel('Email'), 'an "Email" field on the forgot-password page'));
      await visit('Not-found page', `${portal}/no-such-page-${randomUUID().slice(0, 6)}`);
      await visit('Unknown portal', `${baseUrl()}/p/unknown-slug-${randomUUID().slice(0, 6)}`);
      await visit('No portal named (/p/)', `${baseUrl()}/p/`);
    } finally {
      await context.close();
    }
    expectNoViolations(checked);
  });

  it('journey: invited contact sets a password, books, gets the confirmation, reschedules and cancels by the booking code', async () => {
    const journey = new Journey(dir, 'Customer journey');
    journeys.push(journey);
    const checked: string[] = [];
    const check = async (page: Page, name: string) => {
      checked.push(name);
      await audit.check(page, name);
    };
    const signedIn = await customerContext(browser, TIME_ZONE);
    const anonymous = await customerContext(browser, TIME_ZONE);
    try {
      const tenant = await journey.step('1. Admin sets up the sandbox (API): skill, service type, technician, account, asset, contact', () => setUpTenant(baseUrl()));

      const invitation = await journey.step('2. The invitation arrives in the mailbox', () => linkInMailbox(tenant, { to: tenant.contact.email, type: 'invite', page: 'invitation' }));

      const page = await signedIn.newPage();
      journey.page = page;
      await journey.step('3. Contact opens the invitation and sets a password', async () => {
        await page.goto(invitation);
        await settled(page);
        await shown(page.getByText(tenant.contact.email), `the contact's email (${tenant.contact.email}) on the invitation page`);
        await check(page, 'Invitation page');
        await (await shown(page.getByLabel('Password', { exact: true }), 'a "Password" field')).fill(PASSWORD);
        const confirm = page.getByLabel('Confirm password');
        if (await appears(confirm, 500)) await confirm.fill(PASSWORD);
        await (await shown(page.getByRole('button', { name: 'Set password' }), 'a "Set password" button')).click();
        await page.waitForURL(new RegExp(`/p/${tenant.slug}/${PORTAL_PATHS.profile}`), { timeout: 15_000 }).catch(() => {
          throw new Error(`After "Set password" the portal should show the profile step (/p/${tenant.slug}/${PORTAL_PATHS.profile}); it shows ${page.url()}.`);
        });
        await settled(page);
      });

      await journey.step('4. Contact skips the profile step', async () => {
        await check(page, 'Profile page');
        await (await shown(action(page, 'Skip for now'), 'a "Skip for now" button')).click();
        await page.waitForURL((url) => !url.pathname.includes(`/${PORTAL_PATHS.profile}`), { timeout: 15_000 });
        await settled(page);
      });

      const booked = await journey.step('5. Contact books a service: asset, service type, day, time', async () => {
        await (await shown(action(page, 'Book a service'), 'a "Book a service" link')).click();
        await settled(page);
        const asset = choice(page, tenant.asset.name);
        const serviceType = choice(page, tenant.serviceType.name);
        await shown(asset.or(serviceType), `the asset "${tenant.asset.name}" or the service type "${tenant.serviceType.name}" to choose`);
        if (await appears(asset, 500)) await asset.first().click();
        await (await shown(serviceType, `the service type "${tenant.serviceType.name}" to choose`)).click();
        // Two days ahead at least, so the booking stays outside the reschedule and cancel cut-offs (24 h).
        const date = await chooseDay(page, localDate(TIME_ZONE, 2));
        const time = await chooseTime(page);
        await check(page, 'Book page');
        await (await shown(page.getByRole('button', { name: 'Book', exact: true }), 'a "Book" button')).click();
        return { date, time };
      });

      const reference = await journey.step('6. Confirmation page: "Booking confirmed", reference, calendar file', async () => {
        await shown(page.getByRole('heading', { name: 'Booking confirmed' }), 'the heading "Booking confirmed"', 15_000);
        const referenceText = await shown(page.getByText(/WO-[A-Z0-9]{4,}/), 'the booking reference (WO-…)');
        const reference = /WO-[A-Z0-9]{4,}/.exec(await referenceText.innerText())?.[0] ?? '';
        await check(page, 'Confirmation page');
        const link = await shown(page.getByRole('link', { name: 'Add to calendar' }), 'an "Add to calendar" link');
        const href = (await link.getAttribute('href')) ?? '';
        let calendar: string;
        if (/^(https?:|\/)/.test(href)) {
          const res = await signedIn.request.get(new URL(href, page.url()).toString());
          const type = res.headers()['content-type'] ?? '';
          if (!res.ok() || !type.startsWith('text/calendar')) throw new Error(`"Add to calendar" (${href}) answered ${res.status()} with ${type || 'no content type'}; expected text/calendar.`);
          calendar = await res.text();
        } else {
          const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
          calendar = readFileSync(await download.path(), 'utf8');
        }
        if (!calendar.includes('BEGIN:VCALENDAR') || !calendar.includes('BEGIN:VEVENT')) throw new Error(`"Add to calendar" gave no calendar event:\n${calendar.slice(0, 300)}`);
        const booking = await bookingByReference(tenant, reference);
        const local = localDateTime(booking.start, TIME_ZONE);
        if (booking.status !== 'scheduled' || local.date !== booked.date || local.time !== clock(booked.time)) {
          throw new Error(`The office sees ${reference} as ${booking.status} on ${local.date} ${local.time}; the contact chose ${booked.date} ${booked.time}.`);
        }
        return reference;
      });

      await journey.step('6b. My bookings lists the booking; its page shows the reference', async () => {
        await page.goto(`${tenant.portalUrl}/${PORTAL_PATHS.bookings}`);
        await settled(page);
        const entry = page.getByRole('link', { name: new RegExp(`${escapeRegExp(booked.time)}.*${escapeRegExp(tenant.serviceType.name)}`) });
        await shown(entry, `a link to the booking (${booked.time} · ${tenant.serviceType.name}) on the my-bookings page`);
        await check(page, 'My bookings page');
        await entry.first().click();
        await settled(page);
        await shown(page.getByText(reference), `the booking's reference ${reference} on its page`);
        await check(page, 'Booking page (signed in)');
      });

      const bookingLink = await journey.step('7. The confirmation arrives in the mailbox with a booking link', () =>
        linkInMailbox(tenant, { to: tenant.contact.email, type: 'confirmed', page: 'booking' }),
      );

      const codePage = await anonymous.newPage();
      journey.page = codePage;
      const moved = await journey.step('8. Booking link in a fresh browser (no session): reschedule to another time', async () => {
        await codePage.goto(bookingLink);
        await settled(codePage);
        await shown(codePage.getByText(reference), `the booking ${reference} on the booking-code page`);
        await check(codePage, 'Booking-code page');
        await (await shown(action(codePage, 'Reschedule'), 'a "Reschedule" button')).click();
        // Another day and another hour, so the page showing the new time proves the move.
        const date = await chooseDay(codePage, localDate(TIME_ZONE, 2), booked.date);
        const time = await chooseTime(codePage, booked.time);
        await check(codePage, 'Reschedule view');
        await (await shown(codePage.getByRole('button', { name: /^confirm/i }), 'a button to confirm the new time')).click();
        const office = await eventually(async () => {
          const booking = await bookingByReference(tenant, reference);
          const local = localDateTime(booking.start, TIME_ZONE);
          return local.date === date && local.time === clock(time) ? local : undefined;
        }, `the office to see ${reference} moved to ${date} ${time}`);
        await shown(codePage.getByText(dayAndMonth(date)), `the new day (${dayAndMonth(date)}) on the booking-code page`);
        await shown(codePage.getByText(time), `the new time ${time} on the booking-code page`);
        return office;
      });

      await journey.step('9. Cancel booking with a reason: status canceled', async () => {
        await (await shown(action(codePage, 'Cancel booking'), 'a "Cancel booking" button')).click();
        const dialog = await shown(codePage.getByRole('dialog'), 'a dialog asking to confirm the cancellation');
        await (await shown(dialog.getByLabel('Reason'), 'a "Reason" field in the dialog')).fill('The furnace works again.');
        await check(codePage, 'Cancel dialog');
        await (await shown(dialog.getByRole('button', { name: 'Confirm cancellation' }), 'a "Confirm cancellation" button')).click();
        const booking = await eventually(async () => {
          const current = await bookingByReference(tenant, reference);
          return current.status === 'canceled' ? current : undefined;
        }, `the office to see ${reference} (moved to ${moved.date} ${moved.time}) canceled`);
        if (booking.cancelReason !== 'The furnace works again.') throw new Error(`The office sees the reason "${booking.cancelReason}", not the one given.`);
        await shown(codePage.getByText(/^\s*cancell?ed\s*$/i), 'the status "Canceled" on the booking-code page');
      });
    } finally {
      await signedIn.close();
      await anonymous.close();
    }
    expectNoViolations(checked);
  });
});
