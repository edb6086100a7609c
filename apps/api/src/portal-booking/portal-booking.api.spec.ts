import { resolve } from 'node:path';
import request from 'supertest';
import { eventually, notificationsOf } from '../../test/notification-fixtures';
import { Portal, openPortal, signedInContact } from '../../test/portal-fixtures';
import { SchedulingFixture, insertBooking, nyDate, seedScheduling, setPortalSettings } from '../../test/scheduling-fixtures';
import { Client, SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

interface SlotView {
  start: string;
  end: string;
  technicianCount: number;
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

describe('the signed-in customer’s portal', () => {
  let t: TestApp;
  let owner: SignedUp;
  let portal: Portal;
  let f: SchedulingFixture;
  /** Signed in on the fixture's account (Hudson Bakery, New York). */
  let maya: Awaited<ReturnType<typeof signedInContact>>;
  /** Another contact of the same account. */
  let nico: Awaited<ReturnType<typeof signedInContact>>;
  /** A contact of another account of the same portal (Harbor View Apartments, Chicago). */
  let cleo: Awaited<ReturnType<typeof signedInContact>>;
  let looseAssetId: string;
  let chicagoAssetId: string;
  /** Each booking test takes days of its own, so the tests do not take each other's times. */
  let nextDay = 2;

  const url = (path = '') => `/api/portal/${portal.slug}${path}`;
  const admin = (path: string) => `/api/environments/${portal.environmentId}${path}`;
  const slotsOf = async (client: Client, days: number, assetId = f.assetId, serviceTypeId = f.serviceTypeId): Promise<SlotView[]> => {
    const query = new URLSearchParams({ serviceTypeId, assetId, from: nyDate(days), to: nyDate(days) });
    return (await client.get(url(`/slots?${query.toString()}`)).expect(200)).body.slots;
  };
  const startAt = async (client: Client, days: number, hour: string, assetId = f.assetId): Promise<string> => {
    const slot = (await slotsOf(client, days, assetId)).find((candidate) => candidate.start.slice(11, 16) === hour);
    if (!slot) throw new Error(`no ${hour} slot on day +${days}`);
    return slot.start;
  };
  const book = async (client: Client = maya.client, hour = '10:00', assetId = f.assetId) => {
    const days = nextDay++;
    const res = await client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId, start: await startAt(client, days, hour, assetId) }).expect(201);
    return { ...res.body, days } as { id: string; start: string; end: string; reference: string; days: number };
  };
  const bookingRow = async (id: string) =>
    (
      await t.owner.query(
        `SELECT b.status, b.source, b.starts_at, wo.reported_by_contact_id, wo.asset_id, wo.address_line1
           FROM booking b JOIN work_order wo ON wo.id = b.work_order_id WHERE b.id = $1`,
        [id],
      )
    ).rows[0];
  const bookingsOf = async (contactId: string) =>
    (
      await t.owner.query(`SELECT count(*)::int AS n FROM booking b JOIN work_order wo ON wo.id = b.work_order_id WHERE wo.reported_by_contact_id = $1`, [
        contactId,
      ])
    ).rows[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLES: 'api,worker', CONNECTOR_PATHS: resolve('plugins') });
    owner = await signUpOrganization(t.http, { organizationName: 'Hudson Heating' });
    portal = await openPortal(owner);
    f = await seedScheduling(t.owner, portal.environmentId, [
      { name: 'Ana', lat: 40.72, lng: -73.96 },
      { name: 'Ben', lat: 40.85, lng: -73.87 },
    ]);
    const hudson = { ...portal, accountId: f.accountId };
    maya = await signedInContact(t.http, hudson, { firstName: 'Maya', lastName: 'Ortiz' });
    nico = await signedInContact(t.http, hudson, { firstName: 'Nico', lastName: 'Ortiz' });
    cleo = await signedInContact(t.http, portal, { firstName: 'Cleo', lastName: 'Park' });
    looseAssetId = (await owner.client.post(admin('/assets'), { accountId: f.accountId, name: 'Back room boiler', serialNumber: 'BB-7' }).expect(201)).body.id;
    const retired = await owner.client.post(admin('/assets'), { accountId: f.accountId, name: 'Old water heater' }).expect(201);
    await t.owner.query(`UPDATE asset SET active = false WHERE id = $1`, [retired.body.id]);
    chicagoAssetId = (await owner.client.post(admin('/assets'), { accountId: portal.accountId, name: 'Rooftop unit 2' }).expect(201)).body.id;
  }, 90_000);
  afterAll(() => t.close());

  describe('appearance', () => {
    it('tells any visitor the portal’s name, branding and texts, in the language asked for', async () => {
      const bare = await request(t.http).get(url('/appearance')).expect(200);
      expect(bare.headers['cache-control']).toBe('no-store');
      expect(bare.body).toEqual({
        slug: portal.slug,
        portalName: 'Hudson Heating',
        sandbox: true,
        branding: { primaryColor: '#1d4ed8', accentColor: '#0f766e', font: 'system', logoUrl: null, headerImageUrl: null },
        content: { companyName: null, contactEmail: null, contactPhone: null, pageTitle: null, pageFooter: null },
        language: 'en',
        languages: ['en', 'de', 'fr', 'es'],
      });

      await owner.client.patch(admin('/branding'), { primaryColor: '#B91C1C' }).expect(200);
      await t.owner.query(
        `INSERT INTO content_snippet (environment_id, key, language, text) VALUES
           ($1, 'company_name', 'en', 'Hudson Heating Co.'), ($1, 'page_title', 'en', 'Book a visit'), ($1, 'page_title', 'de', 'Termin buchen'),
           ($1, 'page_footer', 'fr', 'Merci de votre confiance')`,
        [portal.environmentId],
      );
      const german = await request(t.http).get(url('/appearance?language=de')).set('Accept-Language', 'fr').expect(200);
      expect(german.body).toMatchObject({
        language: 'de',
        branding: { primaryColor: '#b91c1c' },
        content: { companyName: 'Hudson Heating Co.', pageTitle: 'Termin buchen', pageFooter: 'Merci de votre confiance', contactEmail: null },
      });
      const french = await request(t.http).get(url('/appearance')).set('Accept-Language', 'fr-CA,fr;q=0.9,en;q=0.5').expect(200);
      // French where it exists, English where it does not.
      expect(french.body).toMatchObject({ language: 'fr', content: { pageTitle: 'Book a visit', pageFooter: 'Merci de votre confiance' } });
      const rightToLeft = await request(t.http).get(url('/appearance?language=ar')).expect(200);
      expect(rightToLeft.body.language).toBe('en');
    });

    it('refuses an unsupported language and answers an unknown portal like the portal lookup does', async () => {
      const refused = await request(t.http).get(url('/appearance?language=it')).expect(400);
      expect(refused.body.details).toEqual([{ field: 'language', code: 'unknownLanguage', message: '“it” is not a supported language. Use one of: en, de, fr, es.' }]);
      const lookup = await request(t.http).get('/api/portal/no-such-portal').set('Accept-Language', 'de').expect(404);
      const unknown = await request(t.http).get('/api/portal/no-such-portal/appearance').set('Accept-Language', 'de').expect(404);
      expect(unknown.body).toEqual(lookup.body);
      await request(t.http).get('/api/portal/Bad_Slug!/appearance').expect(404);
    });
  });

  describe('access', () => {
    const signedInRoutes = () => [
      url('/booking-options'),
      url('/assets'),
      url('/service-types'),
      url(`/slots?serviceTypeId=${f.serviceTypeId}&from=${nyDate(3)}&to=${nyDate(3)}`),
      url('/bookings'),
      url(`/bookings/${UNKNOWN_ID}`),
      url(`/bookings/${UNKNOWN_ID}/slots?from=${nyDate(3)}&to=${nyDate(3)}`),
      url(`/bookings/${UNKNOWN_ID}/calendar.ics`),
    ];

    it('answers 401 without a portal session, on every read and every write', async () => {
      const stranger = await Client.create(t.http);
      for (const route of signedInRoutes()) {
        const res = await stranger.get(route).expect(401);
        expect(res.body.code).toBe('unauthenticated');
      }
      await stranger.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, start: await startAt(maya.client, 3, '09:00') }).expect(401);
      await stranger.post(url(`/bookings/${UNKNOWN_ID}/reschedule`), { start: '2030-01-01T10:00:00Z' }).expect(401);
      await stranger.post(url(`/bookings/${UNKNOWN_ID}/cancel`), { reason: 'Away' }).expect(401);
      expect(await bookingsOf(maya.contactId)).toBe(0);
    });

    it('refuses an admin session: the office’s browser is no customer', async () => {
      for (const route of signedInRoutes()) await owner.client.get(route).expect(401);
      const res = await owner.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start: await startAt(maya.client, 3, '09:00') }).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    });

    it('does not know the session in the organization’s other portal', async () => {
      const production = owner.session.organizations[0]!.environments.find((environment) => environment.kind === 'production')!;
      await request(t.http).get(`/api/portal/${production.slug}/bookings`).set('Cookie', maya.cookie).expect(401);
      await request(t.http).get(`/api/portal/${production.slug}/assets`).set('Cookie', maya.cookie).expect(401);
    });

    it('needs the CSRF header on writes', async () => {
      const start = await startAt(maya.client, 3, '09:00');
      const forged = await maya.client.agent.post(url('/bookings')).send({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, start }).expect(403);
      expect(forged.body.code).toBe('csrf');
      expect(await bookingsOf(maya.contactId)).toBe(0);
    });
  });

  describe('the schedule steps', () => {
    it('tells the booking options from the portal settings', async () => {
      const res = await maya.client.get(url('/booking-options')).expect(200);
      expect(res.body).toEqual({
        assetSelection: true,
        additionalDetails: true,
        detailsMaxLength: 2000,
        minLeadDays: 1,
        maxLeadDays: 30,
        rescheduleCutOffHours: 24,
        cancelCutOffHours: 24,
      });
      await setPortalSettings(t.owner, portal.environmentId, { additional_details_enabled: false, cancel_cutoff_hours: 48 });
      try {
        expect((await maya.client.get(url('/booking-options')).expect(200)).body).toMatchObject({ additionalDetails: false, cancelCutOffHours: 48 });
      } finally {
        await setPortalSettings(t.owner, portal.environmentId, { additional_details_enabled: true, cancel_cutoff_hours: 24 });
      }
    });

    it('lists only the active assets of the contact’s own account, each at its functional location or else at the account', async () => {
      const mine = await maya.client.get(url('/assets')).expect(200);
      expect(mine.body).toEqual([
        {
          id: looseAssetId,
          name: 'Back room boiler',
          description: 'BB-7',
          serviceAddress: { addressLine1: '12 Hudson St', addressLine2: null, city: 'New York', region: 'NY', postalCode: '10013', country: 'US' },
          timeZone: 'America/New_York',
        },
        {
          id: f.assetId,
          name: 'Oven hood furnace',
          description: null,
          serviceAddress: { addressLine1: '88 Bedford Ave', addressLine2: null, city: 'Brooklyn', region: 'NY', postalCode: '11211', country: 'US' },
          timeZone: 'America/New_York',
        },
      ]);
      const theirs = await cleo.client.get(url('/assets')).expect(200);
      expect(theirs.body).toMatchObject([{ id: chicagoAssetId, name: 'Rooftop unit 2', serviceAddress: { addressLine1: '233 S Wacker Dr', city: 'Chicago' }, timeZone: 'America/Chicago' }]);

      await setPortalSettings(t.owner, portal.environmentId, { asset_selection_enabled: false });
      try {
        expect((await maya.client.get(url('/assets')).expect(200)).body).toEqual([]);
      } finally {
        await setPortalSettings(t.owner, portal.environmentId, { asset_selection_enabled: true });
      }
    });

    it('offers only active, portal-enabled service types, named in the request’s language', async () => {
      await t.owner.query(
        `INSERT INTO incident_type (environment_id, name, description, duration_minutes, portal_enabled, active, display_names) VALUES
           ($1, 'Chimney sweep', 'Soot and flue check', 90, true, true, '{"en": "Chimney sweep", "de": "Schornsteinreinigung"}'),
           ($1, 'Office-only inspection', null, 30, false, true, '{}'),
           ($1, 'Retired service', null, 30, true, false, '{}')`,
        [portal.environmentId],
      );
      const english = await maya.client.get(url('/service-types')).expect(200);
      expect(english.body.map((type: { name: string }) => type.name)).toEqual(['Chimney sweep', 'Furnace tune-up']);
      expect(english.body[0]).toEqual({ id: expect.any(String), name: 'Chimney sweep', description: 'Soot and flue check', durationMinutes: 90 });
      const german = await maya.client.get(url('/service-types')).set('Accept-Language', 'de').expect(200);
      // No German name for the tune-up: its English display name stands in.
      expect(german.body.map((type: { name: string }) => type.name)).toEqual(['Furnace tune-up', 'Schornsteinreinigung']);
    });

    it('finds times at the contact’s own asset, and refuses another account’s asset, a service type the portal does not offer and bad dates', async () => {
      const query = (params: Record<string, string>) => url(`/slots?${new URLSearchParams(params).toString()}`);
      const day = nyDate(4);
      const own = await maya.client.get(query({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: day, to: day })).expect(200);
      expect(own.body).toMatchObject({ timeZone: 'America/New_York', reasons: [] });
      expect(own.body.slots[0]).toEqual({ start: `${day}T08:00:00${own.body.slots[0].start.slice(19)}`, end: expect.any(String), technicianCount: 2 });

      const foreign = await maya.client.get(query({ serviceTypeId: f.serviceTypeId, assetId: chicagoAssetId, from: day, to: day })).set('Accept-Language', 'es').expect(404);
      expect(foreign.body).toMatchObject({ code: 'assetNotFound' });
      await cleo.client.get(query({ serviceTypeId: f.serviceTypeId, assetId: chicagoAssetId, from: day, to: day })).expect(200);

      const [{ id: officeOnly }] = (await t.owner.query(`SELECT id FROM incident_type WHERE environment_id = $1 AND name = 'Office-only inspection'`, [portal.environmentId]))
        .rows;
      const notOffered = await maya.client.get(query({ serviceTypeId: officeOnly, assetId: f.assetId, from: day, to: day })).expect(404);
      expect(notOffered.body).toMatchObject({
        code: 'portalServiceTypeNotFound',
        message: 'This service cannot be booked in the portal. Please choose one of the services offered.',
      });
      await maya.client.get(query({ serviceTypeId: UNKNOWN_ID, assetId: f.assetId, from: day, to: day })).expect(404);

      const badDate = await maya.client.get(query({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: 'tomorrow', to: day })).expect(400);
      expect(badDate.body.details).toMatchObject([{ field: 'from', code: 'invalidDate' }]);
      await maya.client.get(query({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(6), to: nyDate(4) })).expect(400);
      await maya.client.get(query({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(1), to: nyDate(60) })).expect(400);
      const badId = await maya.client.get(query({ serviceTypeId: 'furnace', from: day, to: day })).expect(400);
      expect(badId.body.details).toMatchObject([{ field: 'serviceTypeId', code: 'isUuid' }]);
    });

    it('asks for an asset when asset selection is on, and refuses one when it is off', async () => {
      const day = nyDate(4);
      const withoutAsset = url(`/slots?serviceTypeId=${f.serviceTypeId}&from=${day}&to=${day}`);
      const missing = await maya.client.get(withoutAsset).expect(400);
      expect(missing.body).toMatchObject({ code: 'portalAssetRequired', message: 'Choose the equipment the appointment is for.', details: [{ field: 'assetId' }] });
      await setPortalSettings(t.owner, portal.environmentId, { asset_selection_enabled: false });
      try {
        const accountOnly = await maya.client.get(withoutAsset).expect(200);
        expect(accountOnly.body.slots.length).toBeGreaterThan(0);
        const refused = await maya.client.get(url(`/slots?serviceTypeId=${f.serviceTypeId}&assetId=${f.assetId}&from=${day}&to=${day}`)).expect(400);
        expect(refused.body.code).toBe('portalAssetSelectionOff');
      } finally {
        await setPortalSettings(t.owner, portal.environmentId, { asset_selection_enabled: true });
      }
    });
  });

  describe('booking', () => {
    it('books for the signed-in contact: source portal, reported by them, details as a note, and the confirmation queued', async () => {
      const start = await startAt(maya.client, 5, '10:00');
      nextDay = Math.max(nextDay, 6);
      const res = await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start, details: '  The pilot light keeps going out.  ' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        reference: expect.stringMatching(/^WO-[0-9A-Z]{8}$/),
        status: 'scheduled',
        serviceType: { id: f.serviceTypeId, name: 'Furnace tune-up' },
        assetId: f.assetId,
        assetName: 'Oven hood furnace',
        start,
        end: expect.any(String),
        timeZone: 'America/New_York',
        serviceAddress: { addressLine1: '88 Bedford Ave', addressLine2: null, city: 'Brooklyn', region: 'NY', postalCode: '11211', country: 'US' },
        details: 'The pilot light keeps going out.',
        cancelReason: null,
        canReschedule: true,
        rescheduleRefusal: null,
        canCancel: true,
        cancelRefusal: null,
        createdAt: expect.any(String),
      });
      expect(new Date(res.body.end).getTime() - new Date(start).getTime()).toBe(HOUR);
      expect(await bookingRow(res.body.id)).toMatchObject({ source: 'portal', status: 'scheduled', reported_by_contact_id: maya.contactId, asset_id: f.assetId });
      const { rows: notes } = await t.owner.query(`SELECT author_kind, author_id, text FROM booking_note WHERE booking_id = $1`, [res.body.id]);
      expect(notes).toEqual([{ author_kind: 'contact', author_id: maya.contactId, text: 'The pilot light keeps going out.' }]);
      const confirmed = await eventually(async () => {
        const rows = (await notificationsOf(t.owner, portal.environmentId)).filter((row) => row.booking_id === res.body.id);
        return rows.length > 0 && rows;
      }, 'the confirmation of the portal booking');
      expect(confirmed).toMatchObject([{ type: 'confirmed', channel: 'email', contact_id: maya.contactId, recipient: maya.email }]);
      expect((await maya.client.get(url(`/bookings/${res.body.id}`)).expect(200)).body).toEqual(res.body);
    }, 30_000);

    it('books once however often the request is retried with the same Idempotency-Key, and refuses the key for another body', async () => {
      const days = nextDay++;
      const start = await startAt(nico.client, days, '11:00');
      const body = { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start };
      const send = (key: string, payload: object) => nico.client.agent.post(url('/bookings')).set('X-XSRF-TOKEN', nico.client.csrfToken).set('Idempotency-Key', key).send(payload);
      const first = await send('portal-book-1', body).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await send('portal-book-1', body).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await bookingsOf(nico.contactId)).toBe(1);
      const other = await send('portal-book-1', { ...body, start: await startAt(nico.client, days, '13:00') }).expect(422);
      expect(other.body.code).toBe('idempotencyKeyReused');
      expect(await bookingsOf(nico.contactId)).toBe(1);
      await nico.client.post(url(`/bookings/${first.body.id}/cancel`), { reason: 'Booked by mistake' }).expect(200);
    });

    it('refuses details that are too long, or any details when the portal does not take them', async () => {
      const days = nextDay++;
      const start = await startAt(maya.client, days, '09:00');
      const tooLong = await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start, details: 'x'.repeat(2001) }).expect(400);
      expect(tooLong.body.details).toEqual([{ field: 'details', code: 'maxLength', message: 'Additional details must be at most 2000 characters.' }]);
      await setPortalSettings(t.owner, portal.environmentId, { additional_details_enabled: false });
      try {
        const off = await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start, details: 'Back door' }).set('Accept-Language', 'de').expect(400);
        expect(off.body).toMatchObject({ code: 'portalDetailsOff', details: [{ field: 'details', code: 'portalDetailsOff' }] });
        expect(off.body.message).toMatch(/keine zusätzlichen Angaben/);
      } finally {
        await setPortalSettings(t.owner, portal.environmentId, { additional_details_enabled: true });
      }
      const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM booking WHERE environment_id = $1 AND starts_at = $2`, [portal.environmentId, start]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses another account’s asset, a service type the portal does not offer and an asset missing while selection is on', async () => {
      const days = nextDay++;
      const start = await startAt(maya.client, days, '09:00');
      const foreign = await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: chicagoAssetId, start }).expect(404);
      expect(foreign.body.code).toBe('assetNotFound');
      const [{ id: officeOnly }] = (await t.owner.query(`SELECT id FROM incident_type WHERE environment_id = $1 AND name = 'Office-only inspection'`, [portal.environmentId]))
        .rows;
      expect((await maya.client.post(url('/bookings'), { serviceTypeId: officeOnly, assetId: f.assetId, start }).expect(404)).body.code).toBe('portalServiceTypeNotFound');
      expect((await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, start }).expect(400)).body.code).toBe('portalAssetRequired');
      const extra = await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start, contactId: nico.contactId }).expect(400);
      expect(extra.body.details).toMatchObject([{ field: 'contactId', code: 'unknownField' }]);
      const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM booking WHERE environment_id = $1 AND starts_at = $2`, [portal.environmentId, start]);
      expect(rows[0].n).toBe(0);
    });

    it('answers a time taken meanwhile with 409 and fresh alternatives', async () => {
      const days = nextDay++;
      const start = await startAt(maya.client, days, '14:00');
      for (const technicianId of f.technicianIds) await insertBooking(t.owner, f, technicianId, start);
      const res = await maya.client.post(url('/bookings'), { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start }).expect(409);
      expect(res.body).toMatchObject({ code: 'slotTaken', message: 'This time has just been taken. Please choose another one.' });
      expect(res.body.alternatives.length).toBeGreaterThan(0);
      expect(res.body.alternatives.map((slot: SlotView) => slot.start)).not.toContain(start);
      expect(res.body.alternatives[0]).toEqual({ start: expect.any(String), end: expect.any(String), technicianCount: expect.any(Number) });
    });
  });

  describe('the contact’s bookings', () => {
    it('lists the contact’s own bookings only: upcoming soonest first, past and canceled latest first', async () => {
      const first = await book(cleo.client, '10:00', chicagoAssetId);
      const second = await book(cleo.client, '10:00', chicagoAssetId);
      const canceled = await book(cleo.client, '12:00', chicagoAssetId);
      await cleo.client.post(url(`/bookings/${canceled.id}/cancel`), { reason: 'Landlord fixed it' }).expect(200);
      const [{ id: ended }] = (
        await t.owner.query(
          `WITH wo AS (
             INSERT INTO work_order (environment_id, reference, account_id, reported_by_contact_id, incident_type_id, address_line1, city, country, lat, lng, time_zone, status)
             VALUES ($1, 'WO-PAST0001', $2, $3, $4, '233 S Wacker Dr', 'Chicago', 'US', 41.88, -87.64, 'America/Chicago', 'completed') RETURNING id)
           INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, status, source)
           SELECT $1, wo.id, $5, now() - interval '3 days', now() - interval '3 days' + interval '1 hour', 'completed', 'portal' FROM wo RETURNING id`,
          [portal.environmentId, portal.accountId, cleo.contactId, f.serviceTypeId, f.technicianIds[0]],
        )
      ).rows;
      const list = await cleo.client.get(url('/bookings')).expect(200);
      expect(list.headers['cache-control']).toBe('no-store');
      expect(list.body.upcoming.map((booking: { id: string }) => booking.id)).toEqual([first.id, second.id]);
      expect(list.body.past.map((booking: { id: string }) => booking.id)).toEqual([canceled.id, ended]);
      expect(list.body.past[0]).toMatchObject({ status: 'canceled', cancelReason: 'Landlord fixed it', canCancel: false, canReschedule: false });
      expect(list.body.past[1]).toMatchObject({ status: 'completed', reference: 'WO-PAST0001', assetId: null, assetName: null, details: null });

      const mayas = (await maya.client.get(url('/bookings')).expect(200)).body;
      const everyone = [...mayas.upcoming, ...mayas.past].map((booking: { id: string }) => booking.id);
      expect(everyone).not.toContain(first.id);
      expect(everyone).not.toContain(ended);
      expect(everyone.length).toBeGreaterThan(0);
    });

    it('answers another contact’s booking, a malformed and an unknown id with the same 404, and changes nothing', async () => {
      const theirs = await book(nico.client, '15:00');
      const expected = { statusCode: 404, error: 'Not Found', code: 'bookingNotFound', message: 'Booking not found.' };
      for (const id of [theirs.id, 'not-a-booking', UNKNOWN_ID]) {
        expect((await maya.client.get(url(`/bookings/${id}`)).expect(404)).body).toEqual(expected);
        expect((await maya.client.get(url(`/bookings/${id}/slots?from=${nyDate(theirs.days)}&to=${nyDate(theirs.days)}`)).expect(404)).body).toEqual(expected);
        expect((await maya.client.get(url(`/bookings/${id}/calendar.ics`)).expect(404)).body).toEqual(expected);
        expect((await maya.client.post(url(`/bookings/${id}/reschedule`), { start: await startAt(maya.client, theirs.days, '16:00') }).expect(404)).body).toEqual(expected);
        expect((await maya.client.post(url(`/bookings/${id}/cancel`), { reason: 'Not mine' }).expect(404)).body).toEqual(expected);
      }
      // A key Nico used is no way in either.
      await nico.client.agent
        .post(url(`/bookings/${theirs.id}/reschedule`))
        .set('X-XSRF-TOKEN', nico.client.csrfToken)
        .set('Idempotency-Key', 'shared-key')
        .send({ start: await startAt(nico.client, theirs.days, '16:00') })
        .expect(200);
      await maya.client.agent
        .post(url(`/bookings/${theirs.id}/reschedule`))
        .set('X-XSRF-TOKEN', maya.client.csrfToken)
        .set('Idempotency-Key', 'shared-key')
        .send({ start: await startAt(nico.client, theirs.days, '16:00') })
        .expect(404);
      expect(await bookingRow(theirs.id)).toMatchObject({ status: 'scheduled', reported_by_contact_id: nico.contactId });
    });

    it('offers other times for the booking, reschedules it once per Idempotency-Key, and cancels it', async () => {
      const booking = await book();
      const options = await maya.client.get(url(`/bookings/${booking.id}/slots?from=${nyDate(booking.days)}&to=${nyDate(booking.days)}`)).expect(200);
      expect(options.body.timeZone).toBe('America/New_York');
      // Its own time is free for it: the booking does not block itself.
      expect(options.body.slots.find((slot: SlotView) => slot.start === booking.start)).toMatchObject({ technicianCount: 2 });
      const target = options.body.slots.find((slot: SlotView) => slot.start.slice(11, 16) === '15:00').start;

      const send = (key: string, start: string) =>
        maya.client.agent.post(url(`/bookings/${booking.id}/reschedule`)).set('X-XSRF-TOKEN', maya.client.csrfToken).set('Idempotency-Key', key).send({ start });
      const moved = await send('move-1', target).expect(200);
      expect(moved.body).toMatchObject({ id: booking.id, reference: booking.reference, start: target, status: 'scheduled', canReschedule: true });
      const again = await send('move-1', target).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(moved.body);
      expect((await send('move-1', booking.start).expect(422)).body.code).toBe('idempotencyKeyReused');
      expect((await bookingRow(booking.id)).starts_at.getTime()).toBe(new Date(target).getTime());
      expect((await maya.client.post(url(`/bookings/${booking.id}/reschedule`), { start: 'soon' }).expect(400)).body.code).toBe('invalidStart');
      await maya.client.get(url(`/bookings/${booking.id}/slots?from=tomorrow&to=${nyDate(3)}`)).expect(400);

      const missing = await maya.client.post(url(`/bookings/${booking.id}/cancel`), {}).expect(400);
      expect(missing.body.details).toMatchObject([{ field: 'reason', code: 'isNotEmpty' }]);
      const canceled = await maya.client.post(url(`/bookings/${booking.id}/cancel`), { reason: 'Fixed it ourselves' }).expect(200);
      expect(canceled.body).toMatchObject({
        status: 'canceled',
        cancelReason: 'Fixed it ourselves',
        canCancel: false,
        cancelRefusal: { code: 'bookingNotCancelable', message: 'A booking that is canceled cannot be canceled.' },
        canReschedule: false,
      });
      const twice = await maya.client.post(url(`/bookings/${booking.id}/cancel`), { reason: 'Twice' }).expect(409);
      expect(twice.body.code).toBe('bookingNotCancelable');
      expect((await maya.client.get(url(`/bookings/${booking.id}/slots?from=${nyDate(booking.days)}&to=${nyDate(booking.days)}`)).expect(409)).body.code).toBe(
        'bookingNotReschedulable',
      );
      const types = await eventually(async () => {
        const rows = (await notificationsOf(t.owner, portal.environmentId)).filter((row) => row.booking_id === booking.id);
        return rows.length === 3 && rows.map((row) => row.type);
      }, 'confirmed, rescheduled and canceled notices');
      expect(types).toEqual(['confirmed', 'rescheduled', 'canceled']);
    }, 30_000);

    it('holds the contact to the cut-offs, saying it is too late and how to reach the company', async () => {
      const booking = await book();
      const target = await startAt(maya.client, booking.days + 1, '10:00');
      await t.owner.query(
        `INSERT INTO content_snippet (environment_id, key, language, text) VALUES ($1, 'contact_email', 'en', 'office@hudson-heating.test'), ($1, 'contact_phone', 'en', '+1 212 555 0100')`,
        [portal.environmentId],
      );
      await setPortalSettings(t.owner, portal.environmentId, { reschedule_cutoff_hours: 720, cancel_cutoff_hours: 700 });
      try {
        const page = await maya.client.get(url(`/bookings/${booking.id}`)).expect(200);
        const rescheduleMessage = 'It is too late to reschedule online: changes are possible up to 720 hours before the appointment. Please contact us.';
        expect(page.body).toMatchObject({
          canReschedule: false,
          rescheduleRefusal: { code: 'rescheduleCutOffPassed', message: rescheduleMessage },
          canCancel: false,
          cancelRefusal: { code: 'cancelCutOffPassed' },
        });
        const move = await maya.client.post(url(`/bookings/${booking.id}/reschedule`), { start: target }).expect(409);
        expect(move.body).toEqual({
          statusCode: 409,
          error: 'Conflict',
          code: 'rescheduleCutOffPassed',
          message: rescheduleMessage,
          details: [
            { field: 'contactEmail', code: 'contactEmail', message: 'Email: office@hudson-heating.test' },
            { field: 'contactPhone', code: 'contactPhone', message: 'Phone: +1 212 555 0100' },
          ],
          contact: { email: 'office@hudson-heating.test', phone: '+1 212 555 0100' },
        });
        const cancel = await maya.client.post(url(`/bookings/${booking.id}/cancel`), { reason: 'Away' }).set('Accept-Language', 'de').expect(409);
        expect(cancel.body).toMatchObject({ code: 'cancelCutOffPassed', contact: { email: 'office@hudson-heating.test' } });
        expect(cancel.body.message).toBe('Für eine Online-Stornierung ist es zu spät: Stornierungen sind bis 700 Stunden vor dem Termin möglich. Bitte kontaktieren Sie uns.');
        const slots = await maya.client.get(url(`/bookings/${booking.id}/slots?from=${nyDate(booking.days)}&to=${nyDate(booking.days)}`)).expect(409);
        expect(slots.body).toMatchObject({ code: 'rescheduleCutOffPassed', contact: { phone: '+1 212 555 0100' } });
      } finally {
        await setPortalSettings(t.owner, portal.environmentId, { reschedule_cutoff_hours: 24, cancel_cutoff_hours: 24 });
      }
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'scheduled' });
      expect((await bookingRow(booking.id)).starts_at.getTime()).toBe(new Date(booking.start).getTime());
    });

    it('gives the booking as a calendar file with the UID the messages use, and a cancellation once canceled', async () => {
      const booking = await book();
      const res = await maya.client.get(url(`/bookings/${booking.id}/calendar.ics`)).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${booking.reference}.ics"`);
      const ics = res.text.replace(/\r\n /g, '');
      expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(ics).toContain('METHOD:REQUEST\r\n');
      expect(ics).toContain(`UID:${booking.id}@fieldbook.test\r\n`);
      expect(ics).toContain('SEQUENCE:0\r\n');
      expect(ics).toContain(`DTSTART:${new Date(booking.start).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}\r\n`);
      expect(ics).toContain('LOCATION:88 Bedford Ave\\, 11211 Brooklyn\\, NY\\, US\r\n');
      expect(ics).toContain(`mailto:${maya.email}`);

      // The emailed confirmation carries the same event.
      const attachment = await eventually(async () => {
        const [row] = (await t.owner.query(`SELECT content FROM notification WHERE booking_id = $1 AND type = 'confirmed' AND channel = 'email'`, [booking.id])).rows;
        return row?.content?.attachments?.[0]?.content as string | undefined;
      }, 'the rendered confirmation');
      expect(Buffer.from(attachment, 'base64').toString('utf8')).toContain(`UID:${booking.id}@fieldbook.test\r\n`);

      await maya.client.post(url(`/bookings/${booking.id}/cancel`), { reason: 'Plans changed' }).expect(200);
      const canceled = await maya.client.get(url(`/bookings/${booking.id}/calendar.ics`)).expect(200);
      expect(canceled.headers['content-type']).toBe('text/calendar; charset=utf-8; method=CANCEL');
      expect(canceled.text).toContain('METHOD:CANCEL\r\n');
      expect(canceled.text).toContain(`UID:${booking.id}@fieldbook.test\r\n`);
      expect(canceled.text).toContain('STATUS:CANCELLED\r\n');
    }, 30_000);
  });
});
