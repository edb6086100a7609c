import { randomUUID } from 'node:crypto';
import type { Booking, EnvironmentSummary, MailboxMessage, MailboxMessageSummary, MessageType, NotificationSummary, Page, SessionResponse } from './api-types';
import { sleep } from './app-server';
import { ApiClient } from './http-client';

/** The time zone of the account and of the technician; the browser runs in it too. */
export const TIME_ZONE = 'America/Chicago';
export const PASSWORD = 'correct-staple-horse-7391';

/** One organization's sandbox, set up as an admin does it in the console, with a contact invited. */
export interface Tenant {
  admin: ApiClient;
  adminEmail: string;
  environmentId: string;
  slug: string;
  /** `<base>/p/<slug>` */
  portalUrl: string;
  serviceType: { id: string; name: string };
  technicianId: string;
  account: { id: string; name: string };
  asset: { id: string; name: string };
  contact: Contact;
}

/** A contact of the tenant's account (each gets an invitation email when created). */
export interface Contact {
  id: string;
  email: string;
  firstName: string;
}

/** Signs up a new organization (as the console's sign-up page does) and returns the signed-in owner and the sandbox. */
export async function signUp(baseUrl: string): Promise<{ admin: ApiClient; adminEmail: string; sandbox: EnvironmentSummary }> {
  const admin = new ApiClient(baseUrl);
  const id = randomUUID().slice(0, 8);
  const adminEmail = `owner-${id}@example.test`;
  const session = await admin.expect<SessionResponse>(201, 'POST', '/api/auth/sign-up', {
    organizationName: `Lakeshore Heating ${id}`,
    name: 'Robin Park',
    email: adminEmail,
    password: PASSWORD,
  });
  const sandbox = session.organizations[0]?.environments.find((environment) => environment.kind === 'sandbox');
  if (!sandbox) throw new Error(`Sign-up created no sandbox environment: ${JSON.stringify(session.organizations)}`);
  return { admin, adminEmail, sandbox };
}

/**
 * In the sandbox (which keeps every message in its mailbox): a skill, a portal-enabled service type
 * needing it, one technician holding it with weekly hours every day (the only one, so a time the
 * office books is gone for everyone), an account with its position and
 * time zone, an asset of that account, and a contact with an email (which sends the invitation).
 */
export async function setUpTenant(baseUrl: string): Promise<Tenant> {
  const { admin, adminEmail, sandbox } = await signUp(baseUrl);
  const env = `/api/environments/${sandbox.id}`;
  const skill = await admin.expect<{ id: string }>(201, 'POST', `${env}/skills`, { name: 'Furnace repair' });
  const serviceType = await admin.expect<{ id: string; name: string }>(201, 'POST', `${env}/service-types`, {
    name: 'Furnace tune-up',
    durationMinutes: 60,
    portalEnabled: true,
    displayNames: { en: 'Furnace tune-up' },
    requiredSkills: [{ skillId: skill.id, minProficiency: 2 }],
  });
  const technician = await admin.expect<{ id: string }>(201, 'POST', `${env}/technicians`, {
    name: 'Jordan Reyes',
    homeLat: 41.8781,
    homeLng: -87.6298,
    timeZone: TIME_ZONE,
    skills: [{ skillId: skill.id, proficiency: 3 }],
    weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  });
  const account = await admin.expect<{ id: string; name: string }>(201, 'POST', `${env}/accounts`, {
    name: 'Harbor View Apartments',
    addressLine1: '233 S Wacker Dr',
    city: 'Chicago',
    region: 'IL',
    postalCode: '60606',
    country: 'US',
    lat: 41.8789,
    lng: -87.6359,
    timeZone: TIME_ZONE,
  });
  const asset = await admin.expect<{ id: string; name: string }>(201, 'POST', `${env}/assets`, { accountId: account.id, name: 'Rooftop unit 2', serialNumber: 'RTU-48812-B' });
  const email = `dana-${randomUUID().slice(0, 8)}@harbor.test`;
  const contact = await admin.expect<{ id: string }>(201, 'POST', `${env}/accounts/${account.id}/contacts`, { firstName: 'Dana', lastName: 'Whitfield', email });
  return {
    admin,
    adminEmail,
    environmentId: sandbox.id,
    slug: sandbox.slug,
    portalUrl: `${baseUrl}/p/${sandbox.slug}`,
    serviceType,
    technicianId: technician.id,
    account,
    asset,
    contact: { id: contact.id, email, firstName: 'Dana' },
  };
}

/** Another contact of the tenant's account, as an admin adds one in the console (which invites them by email). */
export async function addContact(tenant: Tenant, firstName: string, lastName: string): Promise<Contact> {
  const email = `${firstName.toLowerCase()}-${randomUUID().slice(0, 8)}@harbor.test`;
  const contact = await tenant.admin.expect<{ id: string }>(201, 'POST', `/api/environments/${tenant.environmentId}/accounts/${tenant.account.id}/contacts`, { firstName, lastName, email });
  return { id: contact.id, email, firstName };
}

/** The office books the tenant's service type at `start` (an offered slot, ISO 8601) on the asset, for `contactId` when given. */
export function officeBooks(tenant: Tenant, start: string, contactId?: string): Promise<Booking> {
  return tenant.admin.expect<Booking>(201, 'POST', `/api/environments/${tenant.environmentId}/bookings`, {
    serviceTypeId: tenant.serviceType.id,
    assetId: tenant.asset.id,
    start,
    ...(contactId ? { contactId } : {}),
  });
}

/** The free times for the tenant's service type on its asset from `from` to `to` (local dates, inclusive), as the office's calendar shows them. */
export async function officeSlots(tenant: Tenant, from: string, to: string): Promise<{ start: string; technicianCount: number }[]> {
  const query = new URLSearchParams({ serviceTypeId: tenant.serviceType.id, assetId: tenant.asset.id, from, to });
  const answer = await tenant.admin.expect<{ slots: { start: string; technicianCount: number }[] }>(200, 'GET', `/api/environments/${tenant.environmentId}/slots?${query}`);
  return answer.slots;
}

/** The bookings of the tenant's account, as the office sees them. */
export async function officeBookings(tenant: Tenant): Promise<Booking[]> {
  const page = await tenant.admin.expect<Page<Booking>>(200, 'GET', `/api/environments/${tenant.environmentId}/bookings?accountId=${tenant.account.id}&limit=200`);
  return page.items;
}

/** The booking with this work order reference, as the office sees it. */
export async function bookingByReference(tenant: Tenant, reference: string): Promise<Booking> {
  const items = await officeBookings(tenant);
  const matches = items.filter((candidate) => candidate.workOrderReference === reference);
  const booking = matches.find((candidate) => candidate.status !== 'canceled') ?? matches.at(-1);
  if (!booking) throw new Error(`The office's booking list has no booking ${reference} (it lists ${items.map((item) => item.workOrderReference).join(', ') || 'none'}).`);
  return booking;
}

/** Polls `check` until it gives a value, for up to `timeoutMs`; the last value or error is in the failure. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = `: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last}`);
    await sleep(250);
  }
}

const GAVE_UP: NotificationSummary['state'][] = ['dead', 'skipped'];

/**
 * The newest link `<portal>/<page>/<token>` in an email to `to` in the sandbox's mailbox (other than
 * `seen`), polled until the worker has delivered it. Reads the notification log meanwhile, so a
 * message that went dead or was skipped fails at once with the reason instead of a timeout.
 */
export async function linkInMailbox(
  tenant: Tenant,
  options: { to: string; type: MessageType; page: 'invitation' | 'booking' | 'reset-password'; seen?: string[]; timeoutMs?: number; contactId?: string },
): Promise<string> {
  const env = `/api/environments/${tenant.environmentId}`;
  const escaped = tenant.portalUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`${escaped}/${options.page}/([A-Za-z0-9_-]{20,})`, 'g');
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let states = 'none yet';
  for (;;) {
    const list = await tenant.admin.expect<Page<MailboxMessageSummary>>(200, 'GET', `${env}/mailbox?limit=100`);
    for (const item of list.items.filter((message) => message.to === options.to && message.channel === 'email')) {
      const message = await tenant.admin.expect<MailboxMessage>(200, 'GET', `${env}/mailbox/${item.id}`);
      const links = [...`${message.text}\n${message.html ?? ''}`.matchAll(pattern)].map((match) => match[0]);
      const fresh = links.find((link) => !options.seen?.includes(link));
      if (fresh) return fresh;
    }
    const log = await tenant.admin.expect<Page<NotificationSummary>>(200, 'GET', `${env}/notifications?type=${options.type}&contactId=${options.contactId ?? tenant.contact.id}&limit=20`);
    states = log.items.map((item) => `${item.channel} ${item.state}${item.lastError ? ` (${item.lastError})` : ''}${item.skipReason ? ` (${item.skipReason})` : ''}`).join(', ') || 'none yet';
    const lost = log.items.find((item) => item.channel === 'email' && GAVE_UP.includes(item.state));
    if (lost && !log.items.some((item) => item.channel === 'email' && !GAVE_UP.includes(item.state))) {
      throw new Error(`The ${options.type} email to ${options.to} will not arrive: the notification log says ${states}.`);
    }
    if (Date.now() > deadline) {
      throw new Error(`No ${options.type} email with a /${options.page}/ link reached ${options.to} in the mailbox within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s; the notification log says: ${states}.`);
    }
    await sleep(250);
  }
}
