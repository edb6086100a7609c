import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AccessibilityAudit, SMALL_SCREEN, customerContext, describeViolations, expectNoHorizontalOverflow, launchBrowser } from './browser';
import { Journey } from './journey';
import { arrowKey, arrowToFreeDay, expectFocusOn, focusStop, tabTo } from './keyboard';
import { PORTAL_PATHS, action, addDays, appears, chooseDay, chooseTime, choice, localDate, settled, shown } from './portal-pages';
import { resultsDir } from './results';
import {
  Contact,
  PASSWORD,
  TIME_ZONE,
  Tenant,
  addContact,
  bookingByReference,
  eventually,
  linkInMailbox,
  officeBookings,
  officeBooks,
  officeSlots,
  setUpTenant,
} from './tenant';

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

/** Fails when axe found violations on any of `pages`, listing them readably. */
function expectNoViolations(pages: string[]): void {
  const failed = audit.failures().filter((finding) => pages.includes(finding.page));
  if (failed.length) throw new Error(`Accessibility violations (WCAG A/AA):\n${describeViolations(failed)}`);
}

const DETAILS = 'The unit rattles when it starts. Gate code 4417.';
const TIME_BUTTON = /^\s*\d{1,2}[:.]\d{2}/;

/** Two days ahead at least: bookings stay outside the reschedule and cancel cut-offs (24 h). */
const firstBookableDay = () => localDate(TIME_ZONE, 2);

/** The Book page's query (asset, service, day, time) as the address holds it. */
function bookQuery(page: Page): Record<'asset' | 'service' | 'day' | 'time', string | null> {
  const query = new URL(page.url()).searchParams;
  return { asset: query.get('asset'), service: query.get('service'), day: query.get('day'), time: query.get('time') };
}

/** A booking page's reference (WO-…), once shown. */
async function shownReference(page: Page): Promise<string> {
  const text = await shown(page.getByText(/WO-[A-Z0-9]{4,}/), 'the booking reference (WO-…)');
  return /WO-[A-Z0-9]{4,}/.exec(await text.innerText())?.[0] ?? '';
}

/** The invitation read from the sandbox's mailbox for `contact`. */
function invitationFor(tenant: Tenant, contact: Contact): Promise<string> {
  return linkInMailbox(tenant, { to: contact.email, type: 'invite', page: 'invitation', contactId: contact.id });
}

/** With the mouse: the contact opens the invitation, sets the password and skips the profile step. */
async function acceptInvitation(page: Page, tenant: Tenant, invitation: string, onPage?: (name: 'invitation' | 'profile') => Promise<void>): Promise<void> {
  await page.goto(invitation);
  await settled(page);
  await onPage?.('invitation');
  await (await shown(page.getByLabel('Password', { exact: true }), 'a "Password" field')).fill(PASSWORD);
  const confirm = page.getByLabel('Confirm password');
  if (await appears(confirm, 300)) await confirm.fill(PASSWORD);
  await (await shown(page.getByRole('button', { name: 'Set password' }), 'a "Set password" button')).click();
  await page.waitForURL(new RegExp(`/p/${tenant.slug}/${PORTAL_PATHS.profile}`), { timeout: 15_000 });
  await settled(page);
  await onPage?.('profile');
  await (await shown(action(page, 'Skip for now'), 'a "Skip for now" button')).click();
  await page.waitForURL((url) => !url.pathname.includes(`/${PORTAL_PATHS.profile}`), { timeout: 15_000 });
  await settled(page);
}

/** The asset's and the service type's buttons on the Book page. */
function bookChoices(page: Page, tenant: Tenant) {
  return { asset: choice(page, tenant.asset.name), serviceType: choice(page, tenant.serviceType.name) };
}

/** With the mouse, from the menu: Book a service, then the asset and the service type. */
async function startBooking(page: Page, tenant: Tenant): Promise<void> {
  await (await shown(page.getByRole('navigation').getByRole('link', { name: 'Book a service' }), 'a "Book a service" link in the menu')).click();
  await settled(page);
  const { asset, serviceType } = bookChoices(page, tenant);
  await shown(asset.or(serviceType), `the asset "${tenant.asset.name}" or the service type "${tenant.serviceType.name}" to choose`);
  if (await appears(asset, 500)) await asset.first().click();
  await (await shown(serviceType, `the service type "${tenant.serviceType.name}" to choose`)).click();
}

/** Fails unless the control is marked as chosen (aria-pressed="true"). */
async function expectChosen(locator: Locator, what: string): Promise<void> {
  await eventually(async () => ((await locator.first().getAttribute('aria-pressed')) === 'true' ? true : undefined), `${what} to be marked as chosen (aria-pressed="true")`, 5_000);
}

/** The "Additional details" field, when the portal asks for details. */
const detailsField = (page: Page) => page.getByLabel('Additional details (optional)');

describe('customer portal qualities', () => {
  it('keyboard alone: a second invited contact books and cancels with the keyboard only, the focus always visible', async () => {
    const journey = new Journey(dir, 'Keyboard alone');
    journeys.push(journey);
    const context = await customerContext(browser, TIME_ZONE);
    try {
      const { tenant, contact, invitation } = await journey.step('K1. Sandbox set up (API); a second contact is invited', async () => {
        const tenant = await setUpTenant(baseUrl());
        const contact = await addContact(tenant, 'Sam', 'Okafor');
        return { tenant, contact, invitation: await invitationFor(tenant, contact) };
      });
      const page = await context.newPage();
      journey.page = page;

      await journey.step('K2. Invitation: Tab to the password, type it, Enter on "Set password"', async () => {
        await page.goto(invitation);
        await settled(page);
        await shown(page.getByText(contact.email), `the contact's email (${contact.email}) on the invitation page`);
        await tabTo(page, page.getByLabel('Password', { exact: true }), 'the "Password" field');
        await page.keyboard.type(PASSWORD);
        const confirm = page.getByLabel('Confirm password');
        if (await appears(confirm, 300)) {
          await tabTo(page, confirm, 'the "Confirm password" field');
          await page.keyboard.type(PASSWORD);
        }
        await tabTo(page, page.getByRole('button', { name: 'Set password' }), 'the "Set password" button');
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/p/${tenant.slug}/${PORTAL_PATHS.profile}`), { timeout: 15_000 }).catch(() => {
          throw new Error(`Enter on "Set password" should lead to the profile step; the portal shows ${page.url()}.`);
        });
        await settled(page);
      });

      await journey.step('K3. Profile: Tab to "Skip for now", press Space', async () => {
        await tabTo(page, action(page, 'Skip for now'), 'the "Skip for now" button');
        await page.keyboard.press('Space');
        await page.waitForURL((url) => !url.pathname.includes(`/${PORTAL_PATHS.profile}`), { timeout: 15_000 });
        await settled(page);
      });

      await journey.step('K4. Menu: Shift+Tab back to "Book a service", Enter', async () => {
        await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Book a service' }), 'the menu\'s "Book a service" link', 'backward');
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/p/${tenant.slug}/book`), { timeout: 15_000 });
        await settled(page);
      });

      await journey.step('K5. Asset and service type: Tab to each, Enter', async () => {
        const { asset, serviceType } = bookChoices(page, tenant);
        await shown(asset.or(serviceType), `the asset "${tenant.asset.name}" or the service type "${tenant.serviceType.name}" to choose`);
        if (await appears(asset, 500)) {
          await tabTo(page, asset, `the asset "${tenant.asset.name}"`);
          await page.keyboard.press('Enter');
          await expectChosen(asset, `the asset "${tenant.asset.name}"`);
        }
        await tabTo(page, serviceType, `the service type "${tenant.serviceType.name}"`);
        await page.keyboard.press('Enter');
        await expectChosen(serviceType, `the service type "${tenant.serviceType.name}"`);
      });

      const booked = await journey.step('K6. Calendar: Tab into the grid, arrow keys to a free day, Enter; Tab to a time, Enter', async () => {
        await shown(page.getByRole('grid'), 'the booking calendar');
        await page.waitForFunction(() => !document.querySelector('[role="grid"][aria-busy="true"]'), undefined, { timeout: 15_000 });
        await tabTo(page, page.locator('[role="grid"] button[tabindex="0"]'), "the calendar's day in the tab order");
        const date = await arrowToFreeDay(page, firstBookableDay());
        // Each arrow moves by a day or a week; the day before a bookable one is never before this month.
        await arrowKey(page, 'ArrowLeft', date);
        await arrowKey(page, 'ArrowRight', addDays(date, -1));
        await page.keyboard.press('Enter');
        await expectChosen(page.locator(`[role="grid"] button[data-date="${date}"]`), `the day ${date}`);
        const time = page.getByRole('button', { name: TIME_BUTTON });
        await shown(time, `the free times of ${date}`);
        await tabTo(page, time.first(), `the first free time of ${date}`);
        const name = (await time.first().innerText()).trim();
        await page.keyboard.press('Enter');
        await expectChosen(time.first(), `the time ${name}`);
        return { date, time: name };
      });

      const reference = await journey.step('K7. Details: Tab to the field, type; Tab to "Book", Enter: "Booking confirmed"', async () => {
        if (await appears(detailsField(page), 1_000)) {
          await tabTo(page, detailsField(page), 'the "Additional details" field');
          await page.keyboard.type(DETAILS);
        }
        await tabTo(page, page.getByRole('button', { name: 'Book', exact: true }), 'the "Book" button');
        await page.keyboard.press('Enter');
        await shown(page.getByRole('heading', { name: 'Booking confirmed' }), 'the heading "Booking confirmed"', 15_000);
        const reference = await shownReference(page);
        const booking = await bookingByReference(tenant, reference);
        if (booking.status !== 'scheduled') throw new Error(`The office sees ${reference} as ${booking.status}, not scheduled.`);
        await expectFocusKept(page, 'on the confirmation');
        return reference;
      });

      await journey.step('K8. Open the booking: Shift+Tab to "My bookings", Enter; Tab to the booking, Enter', async () => {
        await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'My bookings' }), 'the menu\'s "My bookings" link', 'backward');
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/p/${tenant.slug}/${PORTAL_PATHS.bookings}$`), { timeout: 15_000 });
        await settled(page);
        const entry = page.getByRole('main').getByRole('link', { name: new RegExp(`${booked.time}.*${tenant.serviceType.name}`) });
        await tabTo(page, entry, `the link to the booking (${booked.time} · ${tenant.serviceType.name})`);
        await page.keyboard.press('Enter');
        await settled(page);
        await shown(page.getByText(reference), `the booking's reference ${reference} on its page`);
      });

      const cancel = page.getByRole('button', { name: 'Cancel booking' });
      await journey.step('K9. Cancel dialog: Enter opens it (focus in "Reason"), Escape closes it, focus back on "Cancel booking"', async () => {
        await tabTo(page, cancel, 'the "Cancel booking" button');
        await page.keyboard.press('Enter');
        const dialog = await shown(page.getByRole('dialog'), 'the dialog asking to confirm the cancellation');
        await expectFocusOn(page, dialog.getByLabel('Reason'), 'the "Reason" field', 'once the cancel dialog opened');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {
          throw new Error('Escape did not close the cancel dialog.');
        });
        await expectFocusOn(page, cancel, 'the "Cancel booking" button that opened the dialog', 'after Escape closed the dialog');
        const booking = await bookingByReference(tenant, reference);
        if (booking.status !== 'scheduled') throw new Error(`Escape should cancel nothing, but the office sees ${reference} as ${booking.status}.`);
      });

      await journey.step('K10. Reopen the dialog, type a reason, Tab to "Confirm cancellation", Enter: canceled', async () => {
        await page.keyboard.press('Enter');
        const dialog = await shown(page.getByRole('dialog'), 'the dialog asking to confirm the cancellation');
        await expectFocusOn(page, dialog.getByLabel('Reason'), 'the "Reason" field', 'once the cancel dialog opened again');
        await page.keyboard.type('Booked the wrong day.');
        await tabTo(page, dialog.getByRole('button', { name: 'Confirm cancellation' }), 'the "Confirm cancellation" button');
        await page.keyboard.press('Enter');
        await eventually(async () => ((await bookingByReference(tenant, reference)).status === 'canceled' ? true : undefined), `the office to see ${reference} canceled`);
        await shown(page.getByText(/^\s*cancell?ed\s*$/i), 'the status "Canceled" on the booking page');
        await expectFocusKept(page, 'after the cancellation');
      });
    } finally {
      await context.close();
    }
  });

  it('small screens (320 × 640): every page the journeys visit fits without scrolling sideways and passes axe', async () => {
    const journey = new Journey(dir, 'Small screens (320 px)');
    journeys.push(journey);
    const checked: string[] = [];
    const context = await customerContext(browser, TIME_ZONE, SMALL_SCREEN);
    const page = await context.newPage();
    journey.page = page;
    /** No sideways scrolling, and axe: both on the page as it is now. */
    const fits = async (name: string) => {
      const title = `320 px: ${name}`;
      checked.push(title);
      await expectNoHorizontalOverflow(page, title);
      const finding = await audit.check(page, title);
      if (finding.violations.length) throw new Error(`axe at 320 px:\n${describeViolations([finding])}`);
    };
    const failures: string[] = [];
    /** A step whose failure is recorded and the journey goes on, so one run shows every page that does not fit. */
    const look = async (name: string, run: () => Promise<void>) => {
      try {
        await journey.step(name, run);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    };
    try {
      const { tenant, invitation } = await journey.step('S1. Sandbox set up (API); the invitation arrives', async () => {
        const tenant = await setUpTenant(baseUrl());
        return { tenant, invitation: await invitationFor(tenant, tenant.contact) };
      });
      await look('S2. Sign-in page', async () => {
        await page.goto(`${tenant.portalUrl}/${PORTAL_PATHS.signIn}`);
        await settled(page);
        await fits('Sign-in page');
      });
      await look('S3. Forgot-password page', async () => {
        await page.goto(`${tenant.portalUrl}/${PORTAL_PATHS.forgotPassword}`);
        await settled(page);
        await fits('Forgot-password page');
      });
      await look('S4. Not-found page', async () => {
        await page.goto(`${tenant.portalUrl}/no-such-page-${randomUUID().slice(0, 6)}`);
        await settled(page);
        await fits('Not-found page');
      });
      await journey.step('S5. Invitation and profile pages (then set password, skip profile)', async () => {
        await acceptInvitation(page, tenant, invitation, async (name) => {
          try {
            await fits(name === 'invitation' ? 'Invitation page' : 'Profile page');
          } catch (error) {
            failures.push(`S5: ${(error as Error).message}`);
          }
        });
      });
      await look('S6. Book, step 1: asset', async () => {
        await (await shown(page.getByRole('navigation').getByRole('link', { name: 'Book a service' }), 'a "Book a service" link in the menu')).click();
        await settled(page);
        await shown(bookChoices(page, tenant).serviceType.or(bookChoices(page, tenant).asset), 'the first choice on the Book page');
        await fits('Book, step 1 (asset)');
      });
      await look('S7. Book, step 2: service type', async () => {
        const { asset, serviceType } = bookChoices(page, tenant);
        if (await appears(asset, 500)) await asset.first().click();
        await shown(serviceType, `the service type "${tenant.serviceType.name}"`);
        await fits('Book, step 2 (service type)');
      });
      await look('S8. Book, step 3: calendar and times of a day (the mouse left on the chosen day)', async () => {
        await (await shown(bookChoices(page, tenant).serviceType, `the service type "${tenant.serviceType.name}"`)).click();
        await chooseDay(page, firstBookableDay());
        await shown(page.getByRole('button', { name: TIME_BUTTON }), 'the free times of the chosen day');
        await fits('Book, step 3 (day and time)');
      });
      await look('S9. Book, step 4: details and review', async () => {
        await chooseTime(page);
        if (await appears(detailsField(page), 1_000)) await detailsField(page).fill(DETAILS);
        await shown(page.getByRole('button', { name: 'Book', exact: true }), 'the "Book" button');
        await fits('Book, step 4 (details and review)');
      });
      const reference = await journey.step('S10. Confirmation page', async () => {
        await page.getByRole('button', { name: 'Book', exact: true }).click();
        await shown(page.getByRole('heading', { name: 'Booking confirmed' }), 'the heading "Booking confirmed"', 15_000);
        const reference = await shownReference(page);
        await fits('Confirmation page').catch((error: Error) => failures.push(`S10: ${error.message}`));
        return reference;
      });
      await look('S11. My bookings page', async () => {
        await page.goto(`${tenant.portalUrl}/${PORTAL_PATHS.bookings}`);
        await settled(page);
        await shown(page.getByRole('main').getByRole('link', { name: new RegExp(tenant.serviceType.name) }), 'the booking in the list');
        await fits('My bookings page');
      });
      await look('S12. Booking page (signed in)', async () => {
        await page.getByRole('main').getByRole('link', { name: new RegExp(tenant.serviceType.name) }).first().click();
        await settled(page);
        await shown(page.getByText(reference), `the reference ${reference}`);
        await fits('Booking page (signed in)');
      });
      await look('S13. Cancel dialog', async () => {
        await page.getByRole('button', { name: 'Cancel booking' }).click();
        await shown(page.getByRole('dialog'), 'the cancel dialog');
        await fits('Cancel dialog');
        await page.keyboard.press('Escape');
      });
      await look('S14. Booking-code page (link from the confirmation email)', async () => {
        const link = await linkInMailbox(tenant, { to: tenant.contact.email, type: 'confirmed', page: 'booking' });
        await page.goto(link);
        await settled(page);
        await shown(page.getByText(reference), `the reference ${reference} on the booking-code page`);
        await fits('Booking-code page');
      });
    } finally {
      await context.close();
    }
    if (failures.length) throw new Error(`At 320 px:\n${failures.join('\n')}`);
    expectNoViolations(checked);
  });

  it('session expiring mid-flow: back to sign-in, then to Book with every choice and the details kept', async () => {
    const journey = new Journey(dir, 'Session expiring mid-flow');
    journeys.push(journey);
    const context = await customerContext(browser, TIME_ZONE);
    try {
      const tenant = await journey.step('E1. Sandbox set up (API); the contact accepts the invitation', async () => {
        const tenant = await setUpTenant(baseUrl());
        const invitation = await invitationFor(tenant, tenant.contact);
        const page = await context.newPage();
        journey.page = page;
        await acceptInvitation(page, tenant, invitation);
        return tenant;
      });
      const page = journey.page as Page;

      const chosen = await journey.step('E2. Book: asset, service type and a day chosen', async () => {
        await startBooking(page, tenant);
        const date = await chooseDay(page, firstBookableDay());
        await shown(page.getByRole('button', { name: TIME_BUTTON }), 'the free times of the chosen day');
        return { ...bookQuery(page), date };
      });

      await journey.step('E3. The session cookie goes; choosing a time, typing details and pressing Book lead to sign-in with a returnUrl', async () => {
        await expireSession(context);
        const time = await chooseTime(page);
        if (await appears(detailsField(page), 1_000)) await detailsField(page).fill(DETAILS);
        else throw new Error('The Book page shows no "Additional details" field although the portal asks for details by default.');
        await page.getByRole('button', { name: 'Book', exact: true }).click();
        await page.waitForURL(new RegExp(`/p/${tenant.slug}/${PORTAL_PATHS.signIn}\\?`), { timeout: 15_000 }).catch(() => {
          throw new Error(`With the session gone, Book should lead to the sign-in page; the portal shows ${page.url()}.`);
        });
        const returnUrl = new URL(page.url()).searchParams.get('returnUrl') ?? '';
        const back = new URL(returnUrl, baseUrl());
        if (back.pathname !== `/${tenant.slug}/book` && back.pathname !== `/p/${tenant.slug}/book`) throw new Error(`The sign-in page's returnUrl "${returnUrl}" does not lead back to Book.`);
        for (const key of ['asset', 'service', 'day'] as const) {
          if (chosen[key] && back.searchParams.get(key) !== chosen[key]) throw new Error(`The returnUrl "${returnUrl}" lost the ${key} chosen (${chosen[key]}).`);
        }
        await settled(page);
        await shown(page.getByText('Your session has expired'), 'the notice that the session has expired');
        if (await accountBookingCount(tenant)) throw new Error('A booking was made although the session had ended.');
        return time;
      });

      await journey.step('E4. Sign in with email and password: back on Book, asset, service type, day and details kept', async () => {
        await page.getByLabel('Email').fill(tenant.contact.email);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(new RegExp(`/p/${tenant.slug}/book\\?`), { timeout: 15_000 }).catch(() => {
          throw new Error(`After signing in the portal should return to Book; it shows ${page.url()}.`);
        });
        await settled(page);
        const { asset, serviceType } = bookChoices(page, tenant);
        if (chosen.asset) await expectChosen(asset, `the asset "${tenant.asset.name}"`);
        await expectChosen(serviceType, `the service type "${tenant.serviceType.name}"`);
        await expectChosen(page.locator(`[role="grid"] button[data-date="${chosen.date}"]`), `the day ${chosen.date}`);
        const now = bookQuery(page);
        if (now.asset !== chosen.asset || now.service !== chosen.service || now.day !== chosen.day) {
          throw new Error(`Back on Book the address holds ${JSON.stringify(now)}; before it held ${JSON.stringify(chosen)}.`);
        }
        const details = await (await shown(detailsField(page), 'the "Additional details" field, kept')).inputValue();
        if (details !== DETAILS) throw new Error(`The details typed before signing in again are "${details}", not "${DETAILS}".`);
      });

      await journey.step('E5. Book: "Booking confirmed", with the details', async () => {
        if (!(await appears(page.getByRole('button', { name: 'Book', exact: true }), 500))) await chooseTime(page);
        await page.getByRole('button', { name: 'Book', exact: true }).click();
        await shown(page.getByRole('heading', { name: 'Booking confirmed' }), 'the heading "Booking confirmed"', 15_000);
        const reference = await shownReference(page);
        await shown(page.getByText(DETAILS), 'the details on the confirmation');
        const booking = await bookingByReference(tenant, reference);
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(booking.start));
        if (booking.status !== 'scheduled' || day !== chosen.date) throw new Error(`The office sees ${reference} as ${booking.status} on ${day}; the customer chose ${chosen.date}.`);
      });
    } finally {
      await context.close();
    }
  });

  it('slot taken meanwhile: a friendly message with fresh times, the details kept, and one of them books', async () => {
    const journey = new Journey(dir, 'Slot taken meanwhile');
    journeys.push(journey);
    const checked: string[] = [];
    const context = await customerContext(browser, TIME_ZONE);
    try {
      const tenant = await journey.step('T1. Sandbox set up with one technician (API); the contact accepts the invitation', async () => {
        const tenant = await setUpTenant(baseUrl());
        const invitation = await invitationFor(tenant, tenant.contact);
        const page = await context.newPage();
        journey.page = page;
        await acceptInvitation(page, tenant, invitation);
        return tenant;
      });
      const page = journey.page as Page;

      const chosen = await journey.step('T2. Book: asset, service type, day and time chosen, details typed', async () => {
        await startBooking(page, tenant);
        await chooseDay(page, firstBookableDay());
        await chooseTime(page);
        await (await shown(detailsField(page), 'the "Additional details" field')).fill(DETAILS);
        const query = bookQuery(page);
        if (!query.time || !query.day) throw new Error(`The address holds no chosen time: ${page.url()}`);
        return { day: query.day, start: query.time };
      });

      await journey.step('T3. The office books the only technician at that time (API)', async () => {
        const slot = (await officeSlots(tenant, chosen.day, chosen.day)).find((candidate) => Date.parse(candidate.start) === Date.parse(chosen.start));
        if (!slot) throw new Error(`The office's calendar does not offer ${chosen.start}, the time the customer chose.`);
        if (slot.technicianCount !== 1) throw new Error(`${slot.technicianCount} technicians are free at ${chosen.start}; the sandbox should have exactly one.`);
        await officeBooks(tenant, chosen.start);
        const after = await officeSlots(tenant, chosen.day, chosen.day);
        if (after.some((candidate) => Date.parse(candidate.start) === Date.parse(chosen.start))) throw new Error(`${chosen.start} is still offered after the office booked it.`);
      });

      await journey.step('T4. Book: a friendly message with fresh times; the details are still there', async () => {
        await page.getByRole('button', { name: 'Book', exact: true }).click();
        const alert = await shown(page.locator('#book-problem').getByText(/taken/i), 'a message that the time was taken', 15_000);
        const message = (await alert.innerText()).trim();
        if (/\b(409|conflict|error|exception)\b/i.test(message)) throw new Error(`The message "${message}" is not one a customer understands.`);
        const review = page.getByRole('region', { name: 'Check and confirm' });
        await shown(review.getByText('These times are still free'), 'the lead-in to the fresh times');
        await shown(review.getByRole('button', { name: TIME_BUTTON }), 'fresh times to choose from');
        const details = await detailsField(page).inputValue();
        if (details !== DETAILS) throw new Error(`After the refusal the details field holds "${details}", not "${DETAILS}".`);
        if ((await accountBookingCount(tenant)) !== 1) throw new Error('The portal booked although the time was taken (the office sees more than its own booking).');
        checked.push('Book page: time taken');
        await audit.check(page, 'Book page: time taken');
      });

      await journey.step('T5. Choose a fresh time, Book: "Booking confirmed" at that time', async () => {
        const review = page.getByRole('region', { name: 'Check and confirm' });
        await review.getByRole('button', { name: TIME_BUTTON }).first().click();
        const start = await eventually(async () => {
          const time = bookQuery(page).time;
          return time && Date.parse(time) !== Date.parse(chosen.start) ? time : undefined;
        }, 'the fresh time to be chosen');
        await page.getByRole('button', { name: 'Book', exact: true }).click();
        await shown(page.getByRole('heading', { name: 'Booking confirmed' }), 'the heading "Booking confirmed"', 15_000);
        const reference = await shownReference(page);
        await shown(page.getByText(DETAILS), 'the details on the confirmation');
        const booking = await bookingByReference(tenant, reference);
        if (Date.parse(booking.start) !== Date.parse(start)) throw new Error(`The office sees ${reference} at ${booking.start}; the customer chose ${start}.`);
      });
    } finally {
      await context.close();
    }
    expectNoViolations(checked);
  });

  it("tampered ids: another contact's booking and a made-up id show a not-found message, never the booking", async () => {
    const journey = new Journey(dir, 'Tampered booking ids');
    journeys.push(journey);
    const checked: string[] = [];
    const context = await customerContext(browser, TIME_ZONE);
    try {
      const { tenant, other } = await journey.step("X1. Sandbox set up (API); the office books for another contact of the account; the contact accepts the invitation", async () => {
        const tenant = await setUpTenant(baseUrl());
        const lee = await addContact(tenant, 'Lee', 'Moreau');
        const slots = await officeSlots(tenant, firstBookableDay(), localDate(TIME_ZONE, 8));
        const slot = slots[0];
        if (!slot) throw new Error('The office is offered no time to book in the next week.');
        const other = await officeBooks(tenant, slot.start, lee.id);
        const invitation = await invitationFor(tenant, tenant.contact);
        const page = await context.newPage();
        journey.page = page;
        await acceptInvitation(page, tenant, invitation);
        return { tenant, other };
      });
      const page = journey.page as Page;

      const notFound = async (path: string, what: string) => {
        const answer = page.waitForResponse((response) => response.url().includes(`/api/portal/`) && response.url().endsWith(path.split('/').pop() ?? ''));
        await page.goto(`${tenant.portalUrl}/${PORTAL_PATHS.bookings}/${path}`);
        const status = (await answer).status();
        await settled(page);
        await shown(page.getByRole('alert').getByText(/not found/i), `a not-found message for ${what}`);
        if (status !== 404) throw new Error(`The API answered ${status} for ${what}; expected 404.`);
        const text = await page.locator('body').innerText();
        if (text.includes(other.workOrderReference)) throw new Error(`The page for ${what} shows the other contact's booking ${other.workOrderReference}.`);
        if (await appears(page.getByRole('button', { name: 'Cancel booking' }).or(page.getByRole('button', { name: 'Reschedule' })), 300)) {
          throw new Error(`The page for ${what} offers to change a booking.`);
        }
      };

      await journey.step("X2. /bookings/<another contact's booking id>: not found, the other booking's reference nowhere", async () => {
        await notFound(other.id, `another contact's booking (${other.workOrderReference})`);
        checked.push('Booking page: not yours');
        await audit.check(page, 'Booking page: not yours');
      });

      await journey.step('X3. /bookings/<random uuid>: not found', async () => {
        await notFound(randomUUID(), 'a booking id that does not exist');
      });
    } finally {
      await context.close();
    }
    expectNoViolations(checked);
  });
});

/** The portal session ends: its cookie is deleted (the XSRF cookie stays, as it would). */
async function expireSession(context: BrowserContext): Promise<void> {
  const before = await context.cookies();
  if (!before.some((cookie) => cookie.name === 'fieldbook_portal')) throw new Error(`No "fieldbook_portal" session cookie to delete (cookies: ${before.map((cookie) => cookie.name).join(', ') || 'none'}).`);
  await context.clearCookies({ name: 'fieldbook_portal' });
  if ((await context.cookies()).some((cookie) => cookie.name === 'fieldbook_portal')) throw new Error('The session cookie is still there.');
}

/** After the page moved the focus itself (to a heading or a notice): it must be somewhere, not dropped to the page. */
async function expectFocusKept(page: Page, where: string): Promise<void> {
  const stop = await focusStop(page);
  if (stop.none) throw new Error(`Keyboard focus was lost ${where}: nothing on the page has focus.`);
}

/** How many bookings the office sees for the tenant's account. */
async function accountBookingCount(tenant: Tenant): Promise<number> {
  return (await officeBookings(tenant)).length;
}
