import { resolve } from 'node:path';
import { Portal, openPortal, portalRoutes, signedInContact } from '../../test/portal-fixtures';
import { Client, STRONG_PASSWORD, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('the signed-in contact’s profile', () => {
  let t: TestApp;
  let portal: Portal;
  let routes: ReturnType<typeof portalRoutes>;
  const contactUrl = (id: string) => `/api/environments/${portal.environmentId}/contacts/${id}`;
  const issues = (body: { details: { field: string; code: string }[] }) => body.details.map((issue) => `${issue.field}:${issue.code}`);

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLES: 'api,worker', CONNECTOR_PATHS: resolve('plugins') });
    portal = await openPortal(await signUpOrganization(t.http, { organizationName: 'Harbor Roofing' }));
    routes = portalRoutes(portal.slug);
  });
  afterAll(() => t.close());

  it('completes the profile step: names, phone, language and channel change on the contact the office sees', async () => {
    const { client, contactId, email } = await signedInContact(t.http, portal, { firstName: 'Dana', lastName: 'Whitfield' });
    expect((await client.get(routes.session).expect(200)).body.profilePending).toBe(true);
    const change = { firstName: 'Danielle', lastName: 'Whitfield-Ortiz', phone: '+1 (415) 555-0123', language: 'de', preferredChannel: 'both' };
    const res = await client.patch(routes.profile, change).expect(200);
    expect(res.body).toEqual({
      contact: { id: contactId, firstName: 'Danielle', lastName: 'Whitfield-Ortiz', email, phone: '+14155550123', language: 'de', preferredChannel: 'both' },
      profilePending: false,
    });
    expect((await client.get(routes.session).expect(200)).body).toEqual(res.body);
    const office = await portal.owner.client.get(contactUrl(contactId)).expect(200);
    expect(office.body).toMatchObject({ firstName: 'Danielle', phone: '+14155550123', language: 'de', preferredChannel: 'both', email });
    const audit = await portal.owner.client.get(`/api/environments/${portal.environmentId}/audit-events`).expect(200);
    const events = audit.body.items as { action: string; actorName: string | null; details: { contactId?: string } }[];
    // The contact changed their own record: the trail names no admin.
    expect(events.find((event) => event.action === 'contact.updated' && event.details.contactId === contactId)).toMatchObject({ actorName: null });
  }, 30_000);

  it('changes only the fields sent, and clears phone, language and channel with null', async () => {
    const { client } = await signedInContact(t.http, portal, { firstName: 'Ari', phone: '+14155550188', language: 'fr', preferredChannel: 'both' });
    const kept = await client.patch(routes.profile, { lastName: 'Lindqvist' }).expect(200);
    expect(kept.body.contact).toMatchObject({ firstName: 'Ari', lastName: 'Lindqvist', phone: '+14155550188', language: 'fr', preferredChannel: 'both' });
    const cleared = await client.patch(routes.profile, { preferredChannel: null, phone: null, language: null }).expect(200);
    expect(cleared.body.contact).toMatchObject({ phone: null, language: null, preferredChannel: null });
  }, 30_000);

  it('refuses what the contact record would refuse, with a message per field', async () => {
    const { client } = await signedInContact(t.http, portal);
    const bad = await client.patch(routes.profile, { firstName: '', phone: '12345', language: 'it', preferredChannel: 'fax' }).expect(400);
    expect(issues(bad.body)).toEqual(['firstName:isNotEmpty', 'phone:phoneNumber', 'language:isIn', 'preferredChannel:isIn']);
    const smsWithoutPhone = await client.patch(routes.profile, { preferredChannel: 'sms' }).expect(400);
    expect(smsWithoutPhone.body.details).toEqual([{ field: 'phone', code: 'requiredForSms', message: 'Phone is required for a contact who prefers messages by SMS.' }]);
    const tooLong = await client.patch(routes.profile, { lastName: 'x'.repeat(101) }).expect(400);
    expect(issues(tooLong.body)).toEqual(['lastName:maxLength']);
    expect((await client.get(routes.session).expect(200)).body.profilePending).toBe(true);
  }, 30_000);

  it('never lets the contact change their email (the sign-in name) or anything else of the record', async () => {
    const { client, contactId, email } = await signedInContact(t.http, portal);
    const res = await client.patch(routes.profile, { email: 'someone-else@harbor.test', active: false, externalKey: 'X-1' }).expect(400);
    expect(issues(res.body)).toEqual(['email:unknownField', 'active:unknownField', 'externalKey:unknownField']);
    expect((await portal.owner.client.get(contactUrl(contactId)).expect(200)).body).toMatchObject({ email, active: true, externalKey: null });
  }, 30_000);

  it('skips the profile step without changing anything, and a completed profile stays completed', async () => {
    const { client, contactId } = await signedInContact(t.http, portal, { firstName: 'Sam' });
    const skipped = await client.post(routes.skipProfile).expect(200);
    expect(skipped.body).toMatchObject({ contact: { firstName: 'Sam', phone: null }, profilePending: false });
    await client.post(routes.skipProfile).expect(200);
    const { rows } = await t.owner.query(`SELECT profile_skipped_at, profile_completed_at FROM portal_user WHERE contact_id = $1`, [contactId]);
    expect(rows[0].profile_skipped_at).not.toBeNull();
    expect(rows[0].profile_completed_at).toBeNull();

    const other = await signedInContact(t.http, portal);
    await other.client.patch(routes.profile, { firstName: 'Robin' }).expect(200);
    expect((await other.client.post(routes.skipProfile).expect(200)).body.profilePending).toBe(false);
    const completed = await t.owner.query(`SELECT profile_skipped_at, profile_completed_at FROM portal_user WHERE contact_id = $1`, [other.contactId]);
    expect(completed.rows[0].profile_skipped_at).toBeNull();
    expect(completed.rows[0].profile_completed_at).not.toBeNull();
  }, 30_000);

  it('keeps the step done across sign-ins', async () => {
    const { client, email } = await signedInContact(t.http, portal);
    await client.post(routes.skipProfile).expect(200);
    await client.post(routes.signOut).expect(204);
    const again = await (await Client.create(t.http)).post(routes.signIn, { email, password: STRONG_PASSWORD }).expect(200);
    expect(again.body.profilePending).toBe(false);
  }, 30_000);

  it('needs a signed-in contact', async () => {
    const client = await Client.create(t.http);
    await client.patch(routes.profile, { firstName: 'Mallory' }).expect(401);
    await client.post(routes.skipProfile).expect(401);
  });
});
