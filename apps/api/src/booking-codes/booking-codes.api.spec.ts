import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { Client, SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';
import { SchedulingFixture, insertBooking, nyDate, seedScheduling, setPortalSettings } from '../../test/scheduling-fixtures';
import { TenancyService } from '../tenancy/tenancy.service';
import { BookingCodesService } from './booking-codes.service';

interface SlotView {
  start: string;
  end: string;
  technicianCount: number;
}

const DAY = 86_400_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('booking codes', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  let slug: string;
  /** A browser without any session: it only holds the CSRF cookie, like every visitor of the portal. */
  let visitor: Client;

  const admin = () => `/api/environments/${owner.productionId}`;
  const link = (token: string, path = '') => `/api/portal/${slug}/booking-codes/${token}${path}`;
  const at = async (days: number, hour: string): Promise<string> => {
    const query = new URLSearchParams({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(days), to: nyDate(days) });
    const slots: SlotView[] = (await owner.client.get(`${admin()}/slots?${query.toString()}`).expect(200)).body.slots;
    const slot = slots.find((candidate) => candidate.start.slice(11, 16) === hour);
    if (!slot) throw new Error(`no ${hour} slot on day +${days}`);
    return slot.start;
  };
  const book = async (days: number, hour: string) =>
    (await owner.client.post(`${admin()}/bookings`, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start: await at(days, hour) }).expect(201))
      .body as { id: string; start: string; end: string; workOrderReference: string };
  const issue = (bookingId: string, contactId = f.contactId, environmentId = owner.productionId) =>
    t.app.get(TenancyService).run(environmentId, () => t.app.get(BookingCodesService).issue({ bookingId, contactId }));
  const codeRow = async (token: string) =>
    (await t.owner.query(`SELECT * FROM booking_code WHERE token_hash = $1`, [createHash('sha256').update(token).digest()])).rows[0];
  const bookingRow = async (id: string) => (await t.owner.query(`SELECT status, starts_at, ends_at FROM booking WHERE id = $1`, [id])).rows[0];

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    slug = owner.session.organizations[0]!.environments.find((environment) => environment.kind === 'production')!.slug;
    f = await seedScheduling(t.owner, owner.productionId, [
      { name: 'Ana', lat: 40.72, lng: -73.96 },
      { name: 'Ben', lat: 40.85, lng: -73.87 },
    ]);
    visitor = await Client.create(t.http);
  });
  afterAll(() => t.close());

  describe('issuing', () => {
    it('issues a 256-bit token that opens the booking for anyone, in their language, with what they may do now', async () => {
      const booking = await book(3, '10:00');
      const { token, expiresAt } = await issue(booking.id);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(expiresAt.getTime()).toBe(new Date(booking.end).getTime() + DAY);

      const page = await visitor.get(link(token)).expect(200);
      // A link that works without a sign-in: no shared cache may keep the booking.
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toEqual({
        reference: booking.workOrderReference,
        serviceTypeName: 'Furnace tune-up',
        start: booking.start,
        end: booking.end,
        timeZone: 'America/New_York',
        serviceAddress: { addressLine1: '88 Bedford Ave', addressLine2: null, city: 'Brooklyn', region: 'NY', postalCode: '11211', country: 'US' },
        status: 'scheduled',
        canReschedule: true,
        rescheduleRefusal: null,
        canCancel: true,
        cancelRefusal: null,
        codeExpiresAt: expiresAt.toISOString(),
      });
      expect(booking.start).toMatch(/-0[45]:00$/);

      await t.owner.query(`UPDATE incident_type SET display_names = '{"en": "Furnace tune-up", "de": "Heizungswartung"}' WHERE id = $1`, [f.serviceTypeId]);
      const german = await visitor.get(link(token)).set('Accept-Language', 'de-DE,de;q=0.9').expect(200);
      expect(german.body.serviceTypeName).toBe('Heizungswartung');
      const spanish = await visitor.get(link(token)).set('Accept-Language', 'es').expect(200);
      expect(spanish.body.serviceTypeName).toBe('Furnace tune-up');
    });

    it('stores only the SHA-256 of the token, never the token itself', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const { rows } = await t.owner.query(`SELECT token_hash, row_to_json(bc)::text AS everything FROM booking_code bc WHERE environment_id = $1`, [owner.productionId]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toEqual(createHash('sha256').update(token).digest());
      expect(rows[0].everything).not.toContain(token);
      expect(rows[0].everything).not.toContain(Buffer.from(token).toString('hex'));
    });

    it('issues only for an existing booking and a contact of its account', async () => {
      const booking = await book(3, '10:00');
      await expect(issue(UNKNOWN_ID)).rejects.toMatchObject({ code: 'bookingNotFound' });
      const { rows } = await t.owner.query(
        `INSERT INTO account (environment_id, name, address_line1, city, country, lat, lng, time_zone)
         VALUES ($1, 'Other Bakery', '1 Other St', 'New York', 'US', 40.7, -74.0, 'America/New_York') RETURNING id`,
        [owner.productionId],
      );
      const stranger = await t.owner.query(`INSERT INTO contact (environment_id, account_id, first_name, last_name) VALUES ($1, $2, 'Sam', 'Stranger') RETURNING id`, [
        owner.productionId,
        rows[0].id,
      ]);
      await expect(issue(booking.id, stranger.rows[0].id)).rejects.toMatchObject({ code: 'contactNotFound' });
      const { rows: codes } = await t.owner.query(`SELECT count(*)::int AS n FROM booking_code WHERE environment_id = $1`, [owner.productionId]);
      expect(codes[0].n).toBe(0);
    });

    it('stores many codes at once by the same rule, telling each refused one apart, in order', async () => {
      const first = await book(3, '10:00');
      const second = await book(4, '11:00');
      const { rows } = await t.owner.query(
        `WITH a AS (INSERT INTO account (environment_id, name, address_line1, city, country, lat, lng, time_zone)
                    VALUES ($1, 'Elsewhere Ltd', '1 Side St', 'New York', 'US', 40.7, -74.0, 'America/New_York') RETURNING id)
         INSERT INTO contact (environment_id, account_id, first_name, last_name) SELECT $1, a.id, 'Sam', 'Stranger' FROM a RETURNING id`,
        [owner.productionId],
      );
      // Unique per run: a kept database (CI's second target) still holds the codes of earlier runs.
      const tokens = ['a', 'b', 'c', 'd'].map((letter) => randomBytes(32).toString('base64url').slice(0, 42) + letter);
      const results = await t.app.get(TenancyService).run(owner.productionId, () =>
        t.app.get(BookingCodesService).issueMany([
          { token: tokens[0]!, bookingId: first.id, contactId: f.contactId },
          { token: tokens[1]!, bookingId: UNKNOWN_ID, contactId: f.contactId },
          { token: tokens[2]!, bookingId: second.id, contactId: rows[0].id },
          { token: tokens[3]!, bookingId: second.id, contactId: f.contactId },
        ]),
      );
      expect(results.map((result) => (result instanceof Error ? (result as Error & { code: string }).code : 'stored'))).toEqual([
        'stored',
        'bookingNotFound',
        'contactNotFound',
        'stored',
      ]);
      // Valid until a day after each booking ends, as `issue` has it; only the hash is kept.
      expect((results[0] as { expiresAt: Date }).expiresAt.getTime()).toBe(Date.parse(first.end) + DAY);
      expect((results[3] as { expiresAt: Date }).expiresAt.getTime()).toBe(Date.parse(second.end) + DAY);
      expect(await codeRow(tokens[0]!)).toMatchObject({ booking_id: first.id, contact_id: f.contactId, state: 'active' });
      expect(await codeRow(tokens[1]!)).toBeUndefined();
      expect(await codeRow(tokens[2]!)).toBeUndefined();
      const { rows: plain } = await t.owner.query(`SELECT count(*)::int AS n FROM booking_code WHERE token_hash = ANY($1::bytea[])`, [tokens.map((token) => Buffer.from(token))]);
      expect(plain[0].n).toBe(0);
    });

    it("moves the expiry with a reschedule, but not one an admin chose nor a code that no longer works", async () => {
      const booking = await book(3, '10:00');
      const following = await issue(booking.id);
      const chosen = await issue(booking.id);
      const stopped = await issue(booking.id);
      const adminChoice = new Date(Date.now() + 20 * DAY).toISOString();
      await owner.client.post(`${admin()}/booking-codes/${(await codeRow(chosen.token)).id}/extend`, { expiresAt: adminChoice }).expect(200);
      await owner.client.post(`${admin()}/booking-codes/${(await codeRow(stopped.token)).id}/expire`).expect(200);
      const stoppedAt = (await codeRow(stopped.token)).expires_at;

      const moved = await owner.client.post(`${admin()}/bookings/${booking.id}/reschedule`, { start: await at(6, '13:00') }).expect(200);
      expect((await codeRow(following.token)).expires_at.getTime()).toBe(new Date(moved.body.end).getTime() + DAY);
      expect((await codeRow(chosen.token)).expires_at.toISOString()).toBe(adminChoice);
      expect((await codeRow(stopped.token)).expires_at).toEqual(stoppedAt);
      expect((await visitor.get(link(following.token)).expect(200)).body.codeExpiresAt).toBe(new Date(new Date(moved.body.end).getTime() + DAY).toISOString());
    });
  });

  describe('in the admin console', () => {
    it('lists codes newest first with the state as it stands now, filtered by booking, contact and state, paged', async () => {
      const first = await book(3, '10:00');
      const second = await book(4, '10:00');
      const old = await issue(first.id);
      await issue(first.id);
      await issue(second.id);
      await t.owner.query(`UPDATE booking_code SET expires_at = now() - interval '1 minute', created_at = now() - interval '1 day' WHERE id = $1`, [(await codeRow(old.token)).id]);

      const all = await owner.client.get(`${admin()}/booking-codes`).expect(200);
      expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(all.body.items.map((code: { state: string }) => code.state)).toEqual(['active', 'active', 'expired']);
      expect(all.body.items[2]).toEqual({
        id: (await codeRow(old.token)).id,
        bookingId: first.id,
        contactId: f.contactId,
        contactName: 'Maya Ortiz',
        state: 'expired',
        expiresAt: expect.any(String),
        lastUsedAt: null,
        createdAt: expect.any(String),
      });
      expect((await owner.client.get(`${admin()}/booking-codes?bookingId=${first.id}`).expect(200)).body.total).toBe(2);
      expect((await owner.client.get(`${admin()}/booking-codes?bookingId=${first.id}&state=active`).expect(200)).body.total).toBe(1);
      expect((await owner.client.get(`${admin()}/booking-codes?state=expired`).expect(200)).body.items).toMatchObject([{ bookingId: first.id }]);
      expect((await owner.client.get(`${admin()}/booking-codes?state=blocked`).expect(200)).body.total).toBe(0);
      expect((await owner.client.get(`${admin()}/booking-codes?contactId=${f.contactId}&limit=1&offset=1`).expect(200)).body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{}] });
      expect((await owner.client.get(`${admin()}/booking-codes?contactId=${UNKNOWN_ID}`).expect(200)).body.total).toBe(0);
    });

    it('refuses bad list filters with field messages', async () => {
      const res = await owner.client.get(`${admin()}/booking-codes?state=lost&bookingId=42&limit=0`).expect(400);
      expect(res.body.details.map((issue: { field: string }) => issue.field).sort()).toEqual(['bookingId', 'limit', 'state']);
      expect(res.body.details.find((issue: { field: string }) => issue.field === 'state').message).toBe('State must be one of: active, expired, blocked.');
    });

    it('extends, expires and blocks a code, each change in the audit trail, and blocked is final', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const id = (await codeRow(token)).id;
      const url = `${admin()}/booking-codes/${id}`;
      const later = new Date(Date.now() + 40 * DAY).toISOString();

      const extended = await owner.client.post(`${url}/extend`, { expiresAt: later }).expect(200);
      expect(extended.body).toMatchObject({ id, state: 'active', expiresAt: later });
      expect((await codeRow(token)).expiry_set_by_admin).toBe(true);

      const expired = await owner.client.post(`${url}/expire`).expect(200);
      expect(expired.body.state).toBe('expired');
      expect(new Date(expired.body.expiresAt).getTime()).toBeLessThanOrEqual(Date.now());
      await visitor.get(link(token)).expect(410);
      expect((await owner.client.post(`${url}/expire`).expect(200)).body).toEqual(expired.body);

      const reactivated = await owner.client.post(`${url}/extend`, { expiresAt: '2099-01-01T00:00:00Z' }).expect(400);
      expect(reactivated.body.details).toMatchObject([{ field: 'expiresAt', code: 'expiryTooFar', message: 'Expiry can be at most one year ahead.' }]);
      const inTenDays = new Date(Date.now() + 10 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
      expect((await owner.client.post(`${url}/extend`, { expiresAt: inTenDays }).expect(200)).body).toMatchObject({ state: 'active' });
      await visitor.get(link(token)).expect(200);

      const blocked = await owner.client.post(`${url}/block`).expect(200);
      expect(blocked.body.state).toBe('blocked');
      await visitor.get(link(token)).expect(403);
      const refused = await owner.client.post(`${url}/extend`, { expiresAt: inTenDays }).expect(409);
      expect(refused.body).toMatchObject({ code: 'bookingCodeBlockedForGood', message: 'This booking code is blocked, and blocking is final: it cannot be extended or expired.' });
      await owner.client.post(`${url}/expire`).expect(409);
      expect((await owner.client.post(`${url}/block`).expect(200)).body).toEqual(blocked.body);
      expect((await codeRow(token)).state).toBe('blocked');

      const { rows } = await t.owner.query(
        `SELECT action, actor_admin_user_id, details FROM audit_event WHERE environment_id = $1 AND action LIKE 'bookingCode.%' ORDER BY created_at, id`,
        [owner.productionId],
      );
      expect(rows.map((row) => row.action)).toEqual(['bookingCode.extended', 'bookingCode.expired', 'bookingCode.extended', 'bookingCode.blocked']);
      expect(rows.every((row) => row.actor_admin_user_id === owner.session.user.id)).toBe(true);
      expect(rows[0].details).toMatchObject({ codeId: id, bookingId: booking.id, to: later, reactivated: false });
      expect(rows[2].details).toMatchObject({ reactivated: true });
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('refuses a bad expiry with a field message and an unknown or foreign code with 404', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const url = `${admin()}/booking-codes/${(await codeRow(token)).id}/extend`;
      const cases: [object, string, string][] = [
        [{}, 'isNotEmpty', 'Expiry is required.'],
        [{ expiresAt: 'next Tuesday' }, 'offsetDateTime', 'Expiry must be a date and time with its UTC offset, e.g. 2026-03-02T08:00:00+01:00; “next Tuesday” is not.'],
        [{ expiresAt: '2030-01-01T10:00:00' }, 'offsetDateTime', expect.stringContaining('UTC offset') as unknown as string],
        [{ expiresAt: '2020-01-01T10:00:00Z' }, 'expiryNotInFuture', 'Expiry must be in the future.'],
        [{ expiresAt: new Date(Date.now() + 367 * DAY).toISOString() }, 'expiryTooFar', 'Expiry can be at most one year ahead.'],
        [{ expiresAt: 42 }, 'isString', 'Expiry must be text.'],
      ];
      for (const [body, code, message] of cases) {
        const res = await owner.client.post(url, body).expect(400);
        expect({ body, details: res.body.details }).toEqual({ body, details: [{ field: 'expiresAt', code, message }] });
      }
      const extra = await owner.client.post(url, { expiresAt: new Date(Date.now() + DAY).toISOString(), state: 'active' }).expect(400);
      expect(extra.body.details).toMatchObject([{ field: 'state', code: 'unknownField' }]);
      const german = await owner.client.agent.post(url).set('X-XSRF-TOKEN', owner.client.csrfToken).set('Accept-Language', 'de').send({ expiresAt: '2020-01-01T10:00:00Z' }).expect(400);
      expect(german.body.details[0].message).toBe('Ablaufzeitpunkt muss in der Zukunft liegen.');

      const unknown = await owner.client.post(`${admin()}/booking-codes/${UNKNOWN_ID}/extend`, { expiresAt: new Date(Date.now() + DAY).toISOString() }).expect(404);
      expect(unknown.body).toMatchObject({ code: 'bookingCodeNotFound', message: 'Booking code not found.' });
      await owner.client.post(`${admin()}/booking-codes/not-a-code/block`).expect(404);
      await owner.client.post(`${admin()}/booking-codes/${UNKNOWN_ID}/expire`).expect(404);

      const other = await signUpOrganization(t.http);
      const theirs = await seedScheduling(t.owner, other.productionId, [{ name: 'Cleo' }]);
      const theirBooking = await insertBooking(t.owner, theirs, theirs.technicianIds[0]!, new Date(Date.now() + 5 * DAY).toISOString());
      const theirCode = await issue(theirBooking, theirs.contactId, other.productionId);
      const theirId = (await codeRow(theirCode.token)).id;
      await owner.client.post(`${admin()}/booking-codes/${theirId}/block`).expect(404);
      await owner.client.post(`/api/environments/${owner.sandboxId}/booking-codes/${(await codeRow(token)).id}/block`).expect(404);
      expect((await codeRow(theirCode.token)).state).toBe('active');
      expect((await codeRow(token)).state).toBe('active');
    });

    it('lets a dispatcher list codes but not change them', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const url = `${admin()}/booking-codes/${(await codeRow(token)).id}`;
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      expect((await dispatcher.client.get(`${admin()}/booking-codes`).expect(200)).body.total).toBe(1);
      const refused = await dispatcher.client.post(`${url}/extend`, { expiresAt: new Date(Date.now() + DAY).toISOString() }).expect(403);
      expect(refused.body.code).toBe('roleForbidden');
      await dispatcher.client.post(`${url}/expire`).expect(403);
      await dispatcher.client.post(`${url}/block`).expect(403);
      const adminMember = await addMember(t.http, owner, 'admin');
      await adminMember.client.post(`${url}/expire`).expect(200);
    });
  });

  describe('in the portal', () => {
    it("answers an expired code with 410 saying what to do next, with the company's contact details when it has set them", async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      await t.owner.query(`UPDATE booking_code SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(token).digest()]);

      const bare = await visitor.get(link(token)).expect(410);
      expect(bare.body).toEqual({
        statusCode: 410,
        error: 'Gone',
        code: 'bookingCodeExpiredNoContact',
        message: 'This link has expired. Sign in to the portal to see or change your booking, or contact the company that sent it.',
        contact: { email: null, phone: null },
      });

      await t.owner.query(
        `INSERT INTO content_snippet (environment_id, key, language, text) VALUES
           ($1, 'contact_email', 'en', 'office@hudson-hvac.test'), ($1, 'contact_email', 'fr', 'bureau@hudson-hvac.test'), ($1, 'contact_phone', 'en', '+1 212 555 0100')`,
        [owner.productionId],
      );
      const french = await visitor.get(link(token)).set('Accept-Language', 'fr').expect(410);
      expect(french.body).toEqual({
        statusCode: 410,
        error: 'Gone',
        code: 'bookingCodeExpired',
        message: 'Ce lien a expiré. Connectez-vous au portail pour consulter ou modifier votre rendez-vous, ou contactez-nous :',
        details: [
          { field: 'contactEmail', code: 'contactEmail', message: 'E-mail : bureau@hudson-hvac.test' },
          { field: 'contactPhone', code: 'contactPhone', message: 'Téléphone : +1 212 555 0100' },
        ],
        contact: { email: 'bureau@hudson-hvac.test', phone: '+1 212 555 0100' },
      });
      const english = await visitor.get(link(token)).expect(410);
      expect(english.body.details[0].message).toBe('Email: office@hudson-hvac.test');
      await visitor.get(link(token, `/slots?from=${nyDate(5)}&to=${nyDate(5)}`)).expect(410);
      await visitor.post(link(token, '/cancel'), { reason: 'Away' }).expect(410);
      await visitor.post(link(token, '/reschedule'), { start: await at(5, '10:00') }).expect(410);
      expect((await bookingRow(booking.id)).status).toBe('scheduled');
    });

    it('answers a blocked code with 403 in its own words', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      await owner.client.post(`${admin()}/booking-codes/${(await codeRow(token)).id}/block`).expect(200);
      const res = await visitor.get(link(token)).set('Accept-Language', 'de').expect(403);
      expect(res.body).toMatchObject({
        code: 'bookingCodeBlocked',
        message: 'Dieser Link wurde deaktiviert. Melden Sie sich im Portal an, um Ihren Termin zu sehen oder zu ändern, oder kontaktieren Sie uns.',
      });
      expect((await visitor.post(link(token, '/cancel'), { reason: 'Away' }).expect(403)).body.code).toBe('bookingCodeBlocked');
      expect((await bookingRow(booking.id)).status).toBe('scheduled');
    });

    it('answers an unknown, malformed or foreign code with 404, also through the other environment’s own portal', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const unknown = await visitor.get(link('A'.repeat(43))).expect(404);
      expect(unknown.body).toMatchObject({ code: 'bookingLinkNotFound', message: 'This link is not valid. Check that you opened the whole link from your message, or sign in to the portal.' });
      await visitor.get(link('too-short')).expect(404);
      await visitor.get(link(`${token}x`)).expect(404);
      await visitor.get(link('%27%20OR%201%3D1--aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).expect(404);
      expect((await visitor.get(`/api/portal/no-such-portal/booking-codes/${token}`).expect(404)).body.code).toBe('portalNotFound');

      const sandboxSlug = owner.session.organizations[0]!.environments.find((environment) => environment.kind === 'sandbox')!.slug;
      await visitor.get(`/api/portal/${sandboxSlug}/booking-codes/${token}`).expect(404);
      await visitor.post(`/api/portal/${sandboxSlug}/booking-codes/${token}/cancel`, { reason: 'Away' }).expect(404);

      const other = await signUpOrganization(t.http);
      const otherSlug = other.session.organizations[0]!.environments.find((environment) => environment.kind === 'production')!.slug;
      const theirs = await seedScheduling(t.owner, other.productionId, [{ name: 'Cleo' }]);
      const theirBooking = await insertBooking(t.owner, theirs, theirs.technicianIds[0]!, new Date(Date.now() + 5 * DAY).toISOString());
      const theirCode = await issue(theirBooking, theirs.contactId, other.productionId);
      await visitor.get(`/api/portal/${otherSlug}/booking-codes/${theirCode.token}`).expect(200);
      await visitor.get(link(theirCode.token)).expect(404);
      await visitor.post(link(theirCode.token, '/cancel'), { reason: 'Away' }).expect(404);
      await visitor.get(`/api/portal/${otherSlug}/booking-codes/${token}`).expect(404);
      expect((await bookingRow(theirBooking)).status).toBe('scheduled');
    });

    it('offers other times for exactly that booking, and reschedules it once however often the request is retried', async () => {
      const booking = await book(3, '10:00');
      const neighbour = await book(3, '11:00');
      const { token } = await issue(booking.id);
      const options = await visitor.get(link(token, `/slots?from=${nyDate(3)}&to=${nyDate(3)}`)).expect(200);
      expect(options.body.timeZone).toBe('America/New_York');
      // Its own time is free for it: the booking does not block itself.
      expect(options.body.slots.find((slot: SlotView) => slot.start === booking.start)).toMatchObject({ technicianCount: 2 });
      const target = (await visitor.get(link(token, `/slots?from=${nyDate(5)}&to=${nyDate(5)}`)).expect(200)).body.slots.find(
        (slot: SlotView) => slot.start.slice(11, 16) === '14:00',
      ).start;

      const send = (key: string, start: string) => visitor.agent.post(link(token, '/reschedule')).set('X-XSRF-TOKEN', visitor.csrfToken).set('Idempotency-Key', key).send({ start });
      const moved = await send('move-4410', target).expect(200);
      expect(moved.body).toMatchObject({ reference: booking.workOrderReference, start: target, status: 'scheduled', canReschedule: true });
      const again = await send('move-4410', target).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(moved.body);
      const reused = await send('move-4410', await at(6, '09:00')).expect(422);
      expect(reused.body.code).toBe('idempotencyKeyReused');

      const row = await codeRow(token);
      expect(row.last_used_at).not.toBeNull();
      expect(row.expires_at.getTime()).toBe(new Date(moved.body.end).getTime() + DAY);
      expect(moved.body.codeExpiresAt).toBe(row.expires_at.toISOString());
      expect((await bookingRow(booking.id)).starts_at.getTime()).toBe(new Date(target).getTime());
      expect((await bookingRow(neighbour.id)).starts_at.getTime()).toBe(new Date(neighbour.start).getTime());
      const { rows } = await t.owner.query(`SELECT details FROM audit_event WHERE environment_id = $1 AND action = 'booking.rescheduled'`, [owner.productionId]);
      expect(rows).toEqual([{ details: expect.objectContaining({ bookingId: booking.id, to: new Date(target).toISOString(), by: 'contact' }) }]);

      const other = await visitor.post(link(token, '/reschedule'), { start: target, bookingId: neighbour.id }).expect(400);
      expect(other.body.details).toMatchObject([{ field: 'bookingId', code: 'unknownField' }]);
      const bad = await visitor.post(link(token, '/reschedule'), { start: 'soon' }).expect(400);
      expect(bad.body.message).toMatch(/date and time with its offset/);
      await visitor.get(link(token, '/slots?from=tomorrow&to=2030-01-01')).expect(400);
      await visitor.get(link(token, `/slots?from=${nyDate(5)}&to=${nyDate(3)}`)).expect(400);
      await visitor.get(link(token, `/slots?from=${nyDate(1)}&to=${nyDate(60)}`)).expect(400);
      await visitor.get(link(token, '/slots')).expect(400);
    });

    it('cancels exactly that booking once; a second cancel and a later reschedule are refused with the reason', async () => {
      const booking = await book(3, '10:00');
      const neighbour = await book(3, '11:00');
      const { token } = await issue(booking.id);
      const missing = await visitor.post(link(token, '/cancel'), {}).expect(400);
      expect(missing.body.details).toMatchObject([{ field: 'reason', code: 'isNotEmpty' }]);

      const canceled = await visitor.post(link(token, '/cancel'), { reason: 'Fixed it ourselves' }).expect(200);
      expect(canceled.body).toMatchObject({
        status: 'canceled',
        canCancel: false,
        cancelRefusal: { code: 'bookingNotCancelable', message: 'A booking that is canceled cannot be canceled.' },
        canReschedule: false,
        rescheduleRefusal: { code: 'bookingNotReschedulable', message: 'A booking that is canceled cannot be rescheduled.' },
      });
      expect((await codeRow(token)).last_used_at).not.toBeNull();
      expect((await bookingRow(neighbour.id)).status).toBe('scheduled');
      const { rows } = await t.owner.query(`SELECT cancel_reason FROM booking WHERE id = $1`, [booking.id]);
      expect(rows[0].cancel_reason).toBe('Fixed it ourselves');

      const twice = await visitor.post(link(token, '/cancel'), { reason: 'Twice' }).expect(409);
      expect(twice.body.message).toBe('A booking that is canceled cannot be canceled.');
      const move = await visitor.post(link(token, '/reschedule'), { start: await at(5, '10:00') }).expect(409);
      expect(move.body.code).toBe('bookingNotReschedulable');
      expect((await visitor.get(link(token, `/slots?from=${nyDate(5)}&to=${nyDate(5)}`)).expect(409)).body.code).toBe('bookingNotReschedulable');
      expect((await visitor.get(link(token)).expect(200)).body.status).toBe('canceled');
    });

    it('holds the customer to the cut-offs: the page says so, and rescheduling and canceling are refused with the cut-off message', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const target = await at(6, '10:00');
      await setPortalSettings(t.owner, owner.productionId, { reschedule_cutoff_hours: 240, cancel_cutoff_hours: 120 });

      const page = await visitor.get(link(token)).expect(200);
      const rescheduleMessage = 'It is too late to reschedule online: changes are possible up to 240 hours before the appointment. Please contact us.';
      const cancelMessage = 'It is too late to cancel online: cancellations are possible up to 120 hours before the appointment. Please contact us.';
      expect(page.body).toMatchObject({
        canReschedule: false,
        rescheduleRefusal: { code: 'rescheduleCutOffPassed', message: rescheduleMessage },
        canCancel: false,
        cancelRefusal: { code: 'cancelCutOffPassed', message: cancelMessage },
      });
      expect((await visitor.post(link(token, '/reschedule'), { start: target }).expect(409)).body).toMatchObject({ code: 'rescheduleCutOffPassed', message: rescheduleMessage });
      expect((await visitor.post(link(token, '/cancel'), { reason: 'Away' }).expect(409)).body).toMatchObject({ code: 'cancelCutOffPassed', message: cancelMessage });
      await visitor.get(link(token, `/slots?from=${nyDate(6)}&to=${nyDate(6)}`)).expect(409);
      expect((await bookingRow(booking.id)).status).toBe('scheduled');
      expect((await bookingRow(booking.id)).starts_at.getTime()).toBe(new Date(booking.start).getTime());
      expect((await codeRow(token)).last_used_at).toBeNull();

      // Only the cancel cut-off is past: the page and the routes agree.
      await setPortalSettings(t.owner, owner.productionId, { reschedule_cutoff_hours: 24 });
      expect((await visitor.get(link(token)).expect(200)).body).toMatchObject({ canReschedule: true, rescheduleRefusal: null, canCancel: false });
      await visitor.post(link(token, '/reschedule'), { start: target }).expect(200);
    });

    it('changes nothing on a GET, not even the last use', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const snapshot = async () =>
        (
          await t.owner.query(
            `SELECT (SELECT json_agg(row_to_json(bc)) FROM booking_code bc WHERE environment_id = $1) AS codes,
                    (SELECT json_agg(row_to_json(b)) FROM booking b WHERE environment_id = $1) AS bookings,
                    (SELECT count(*) FROM audit_event WHERE environment_id = $1)::int AS audit,
                    (SELECT count(*) FROM outbox_event WHERE environment_id = $1)::int AS outbox,
                    (SELECT count(*) FROM idempotency_record WHERE environment_id = $1)::int AS idempotency`,
            [owner.productionId],
          )
        ).rows[0];
      const before = await snapshot();
      for (let i = 0; i < 3; i += 1) {
        await request(t.http).get(link(token)).expect(200);
        await request(t.http).head(link(token)).expect(200);
        await request(t.http).get(link(token, `/slots?from=${nyDate(4)}&to=${nyDate(5)}`)).expect(200);
      }
      expect(await snapshot()).toEqual(before);
      expect((await codeRow(token)).last_used_at).toBeNull();
    });

    it('needs the CSRF header on writes like any browser request, and the code page itself hands out the cookie', async () => {
      const booking = await book(3, '10:00');
      const { token } = await issue(booking.id);
      const browser = request.agent(t.http);
      const page = await browser.get(link(token)).expect(200);
      const cookie = (page.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('XSRF-TOKEN='));
      expect(cookie).toBeDefined();
      const csrf = decodeURIComponent(cookie!.split(';')[0]!.slice('XSRF-TOKEN='.length));

      const forged = await browser.post(link(token, '/cancel')).send({ reason: 'Forged' }).expect(403);
      expect(forged.body.code).toBe('csrf');
      expect((await bookingRow(booking.id)).status).toBe('scheduled');
      await browser.post(link(token, '/cancel')).set('X-XSRF-TOKEN', csrf).send({ reason: 'Plans changed' }).expect(200);
      expect((await bookingRow(booking.id)).status).toBe('canceled');
    });
  });
});
