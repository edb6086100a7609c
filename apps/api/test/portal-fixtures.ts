import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { CreateContactRequest } from '@fieldbook/contracts';
import { aContact, anAccount } from './customer-builders';
import { eventually } from './notification-fixtures';
import { Client, SignedUp, STRONG_PASSWORD } from './test-app';

/** A portal password other than STRONG_PASSWORD, for changes and resets. */
export const NEW_PASSWORD = 'lantern-orchard-quietly-5820';

/** One environment's portal: its address, and an active account whose new contacts get invited. */
export interface Portal {
  slug: string;
  environmentId: string;
  accountId: string;
  owner: SignedUp;
}

/** The URLs of a portal's account routes. */
export function portalRoutes(slug: string) {
  const base = `/api/portal/${slug}`;
  return {
    invitation: (token: string) => `${base}/invitations/${token}`,
    accept: (token: string) => `${base}/invitations/${token}/accept`,
    signIn: `${base}/auth/sign-in`,
    signOut: `${base}/auth/sign-out`,
    session: `${base}/auth/session`,
    forgotPassword: `${base}/auth/forgot-password`,
    resetPassword: `${base}/auth/reset-password`,
    changePassword: `${base}/auth/change-password`,
    profile: `${base}/profile`,
    skipProfile: `${base}/profile/skip`,
  };
}

/**
 * The sandbox portal of `owner`'s organization, with one account. A sandbox delivers every message
 * to its mailbox, where the tests read the links a contact would click.
 */
export async function openPortal(owner: SignedUp): Promise<Portal> {
  const environment = owner.session.organizations[0]!.environments.find((candidate) => candidate.kind === 'sandbox')!;
  const account = await owner.client.post(`/api/environments/${environment.id}/accounts`, anAccount()).expect(201);
  return { slug: environment.slug, environmentId: environment.id, accountId: account.body.id, owner };
}

/** A fresh email address for a contact. */
export function aContactEmail(): string {
  return `dana-${randomUUID().slice(0, 8)}@harbor.test`;
}

/**
 * The token of the newest link to `to` in the portal's mailbox whose path is `/p/<slug>/<page>/<token>`,
 * other than the tokens in `seen`; waits for the worker to deliver it.
 */
export async function linkInMailbox(portal: Portal, to: string, page: 'invitation' | 'reset-password', seen: string[] = []): Promise<string> {
  const base = `/api/environments/${portal.environmentId}/mailbox`;
  const pattern = new RegExp(`http://fieldbook\\.test/p/${portal.slug}/${page}/([A-Za-z0-9_-]{43})`);
  return eventually(async () => {
    const list = await portal.owner.client.get(`${base}?limit=100`).expect(200);
    const mine = (list.body.items as { id: string; to: string; channel: string }[]).filter((item) => item.to === to && item.channel === 'email');
    for (const item of mine) {
      const message = await portal.owner.client.get(`${base}/${item.id}`).expect(200);
      const token = pattern.exec(String(message.body.text))?.[1];
      if (token && !seen.includes(token)) return token;
    }
    return undefined;
  }, `a new ${page} link to ${to} in the mailbox`);
}

/** How many emails to `to` the portal's mailbox holds. */
export async function mailCount(portal: Portal, to: string): Promise<number> {
  const list = await portal.owner.client.get(`/api/environments/${portal.environmentId}/mailbox?limit=100`).expect(200);
  return (list.body.items as { to: string }[]).filter((item) => item.to === to).length;
}

/** Adds a contact to the portal's account (as the office does) and returns the invitation token from their email. */
export async function inviteContact(portal: Portal, overrides: Partial<CreateContactRequest> = {}): Promise<{ contactId: string; email: string; token: string }> {
  const email = overrides.email ?? aContactEmail();
  const contact = await portal.owner.client.post(`/api/environments/${portal.environmentId}/accounts/${portal.accountId}/contacts`, aContact({ email, ...overrides })).expect(201);
  const token = await linkInMailbox(portal, email, 'invitation');
  return { contactId: contact.body.id, email, token };
}

/** The `name=value` of the portal session cookie a response set. */
export function portalCookieOf(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((value) => value.startsWith('fieldbook_portal='));
  if (!cookie) throw new Error('The response set no portal session cookie.');
  return cookie.split(';')[0]!;
}

/** A contact who accepted their invitation with STRONG_PASSWORD, a browser signed in as them, and its session cookie. */
export async function signedInContact(
  http: Server,
  portal: Portal,
  overrides: Partial<CreateContactRequest> = {},
): Promise<{ client: Client; cookie: string; contactId: string; email: string; token: string }> {
  const invited = await inviteContact(portal, overrides);
  const client = await Client.create(http);
  const accepted = await client.post(portalRoutes(portal.slug).accept(invited.token), { password: STRONG_PASSWORD }).expect(200);
  return { client, cookie: portalCookieOf(accepted), ...invited };
}
