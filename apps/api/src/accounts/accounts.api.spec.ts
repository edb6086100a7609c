import { aContact, aFunctionalLocation, addWorkOrder, anAccount, anAsset, customerRoutes, setWorkOrderStatus } from '../../test/customer-builders';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

type Issue = { field: string; code: string; message: string };
const issues = (body: { details?: Issue[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);

describe('accounts', () => {
  let t: TestApp;
  let owner: SignedUp;
  let api: ReturnType<typeof customerRoutes>;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    api = customerRoutes(owner.productionId);
  });
  afterAll(() => t.close());

  const create = async (overrides: Parameters<typeof anAccount>[0] = {}) => (await owner.client.post(api.accounts, anAccount(overrides)).expect(201)).body;

  describe('create, read, update', () => {
    it('creates an account with its address, position and time zone, and reads it back', async () => {
      const created = await owner.client
        .post(api.accounts, anAccount({ externalKey: 'ACC-1', email: 'Office@Harbor.example', phone: '+1 (312) 555-0142', addressLine2: 'Suite 4100' }))
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        externalKey: 'ACC-1',
        name: 'Harbor View Apartments',
        email: 'office@harbor.example',
        phone: '+13125550142',
        addressLine1: '233 S Wacker Dr',
        addressLine2: 'Suite 4100',
        city: 'Chicago',
        region: 'IL',
        postalCode: '60606',
        country: 'US',
        lat: 41.8789,
        lng: -87.6359,
        timeZone: 'America/Chicago',
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await owner.client.get(api.account(created.body.id)).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('corrects the letter case of the time zone and the country code, and keeps current zone names', async () => {
      const account = await create({ timeZone: 'america/new_york', country: 'us' });
      expect(account).toMatchObject({ timeZone: 'America/New_York', country: 'US' });
      expect(await create({ timeZone: 'Asia/Kolkata' })).toMatchObject({ timeZone: 'Asia/Kolkata' });
      expect(await create({ timeZone: 'Europe/Kyiv' })).toMatchObject({ timeZone: 'Europe/Kyiv' });
    });

    it('changes only the fields sent, and clears optional ones sent as null', async () => {
      const account = await create({ addressLine2: 'Suite 4100', email: 'office@harbor.example', externalKey: 'ACC-9' });
      const changed = await owner.client
        .patch(api.account(account.id), { name: 'Harbor View Condos', addressLine2: null, email: null, lat: -33.8688, lng: 151.2093, timeZone: 'Australia/Sydney' })
        .expect(200);
      expect(changed.body).toMatchObject({
        name: 'Harbor View Condos',
        addressLine2: null,
        email: null,
        externalKey: 'ACC-9',
        city: 'Chicago',
        lat: -33.8688,
        lng: 151.2093,
        timeZone: 'Australia/Sydney',
      });
      expect(new Date(changed.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(account.updatedAt).getTime());
      expect((await owner.client.get(api.account(account.id)).expect(200)).body).toEqual(changed.body);
    });

    it('refuses a duplicate external key with 409, on create and on update', async () => {
      await create({ externalKey: 'ACC-1' });
      const other = await create({ name: 'Other' });
      const onCreate = await owner.client.post(api.accounts, anAccount({ name: 'Third', externalKey: 'ACC-1' })).expect(409);
      expect(onCreate.body).toMatchObject({ code: 'externalKeyTaken', message: 'Another record already uses the external key “ACC-1”.' });
      const onUpdate = await owner.client.patch(api.account(other.id), { externalKey: 'ACC-1' }).expect(409);
      expect(onUpdate.body.code).toBe('externalKeyTaken');
      expect((await owner.client.get(api.accounts).expect(200)).body.total).toBe(2);
    });

    it('lets the same external key exist in another environment', async () => {
      await create({ externalKey: 'ACC-1' });
      await owner.client.post(customerRoutes(owner.sandboxId).accounts, anAccount({ externalKey: 'ACC-1' })).expect(201);
    });
  });

  describe('lists', () => {
    beforeEach(async () => {
      await create({ name: 'Birch Dental', city: 'Evanston', externalKey: 'K-300' });
      await create({ name: 'alder bakery', city: 'Chicago', externalKey: 'K-100' });
      await create({ name: 'Cedar Gym', city: 'Aurora', externalKey: 'K-200' });
    });
    const names = (body: { items: { name: string }[] }) => body.items.map((account) => account.name);

    it('sorts by name (any case) by default and pages with limit and offset', async () => {
      const first = await owner.client.get(`${api.accounts}?limit=2`).expect(200);
      expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(names(first.body)).toEqual(['alder bakery', 'Birch Dental']);
      const second = await owner.client.get(`${api.accounts}?limit=2&offset=2`).expect(200);
      expect(names(second.body)).toEqual(['Cedar Gym']);
      const beyond = await owner.client.get(`${api.accounts}?offset=10`).expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 3 });
    });

    it('sorts by city, and by creation time in either direction', async () => {
      expect(names((await owner.client.get(`${api.accounts}?sort=city`).expect(200)).body)).toEqual(['Cedar Gym', 'alder bakery', 'Birch Dental']);
      expect(names((await owner.client.get(`${api.accounts}?sort=createdAt&order=desc`).expect(200)).body)).toEqual(['Cedar Gym', 'alder bakery', 'Birch Dental']);
      expect(names((await owner.client.get(`${api.accounts}?sort=name&order=desc`).expect(200)).body)).toEqual(['Cedar Gym', 'Birch Dental', 'alder bakery']);
    });

    it('searches name, external key and city, case-insensitively', async () => {
      expect(names((await owner.client.get(`${api.accounts}?q=BAKERY`).expect(200)).body)).toEqual(['alder bakery']);
      expect(names((await owner.client.get(`${api.accounts}?q=k-2`).expect(200)).body)).toEqual(['Cedar Gym']);
      expect(names((await owner.client.get(`${api.accounts}?q=evans`).expect(200)).body)).toEqual(['Birch Dental']);
      const none = await owner.client.get(`${api.accounts}?q=nowhere`).expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });

    it('treats search text literally (no wildcards)', async () => {
      expect((await owner.client.get(`${api.accounts}?q=%25`).expect(200)).body.total).toBe(0);
      expect((await owner.client.get(`${api.accounts}?q=K_1`).expect(200)).body.total).toBe(0);
    });

    it('refuses an unknown sort field and bad paging by name', async () => {
      const sort = await owner.client.get(`${api.accounts}?sort=email`).expect(400);
      expect(sort.body.details).toEqual([{ field: 'sort', code: 'isIn', message: 'Sort must be one of: name, city, createdAt, updatedAt.' }]);
      const paging = await owner.client.get(`${api.accounts}?limit=0&offset=-1&active=maybe`).expect(400);
      expect(issues(paging.body)).toEqual(['active:isBoolean', 'limit:min', 'offset:min']);
    });

    it('hides deactivated accounts unless asked, and filters on exactly active or inactive', async () => {
      const { items } = (await owner.client.get(`${api.accounts}?q=cedar`).expect(200)).body;
      await owner.client.patch(api.account(items[0].id), { active: false }).expect(200);
      expect(names((await owner.client.get(api.accounts).expect(200)).body)).toEqual(['alder bakery', 'Birch Dental']);
      expect((await owner.client.get(`${api.accounts}?includeInactive=true`).expect(200)).body.total).toBe(3);
      expect(names((await owner.client.get(`${api.accounts}?active=false`).expect(200)).body)).toEqual(['Cedar Gym']);
      expect((await owner.client.get(`${api.accounts}?active=true&includeInactive=true`).expect(200)).body.total).toBe(2);
    });

    it("lists only the addressed environment's accounts", async () => {
      expect((await owner.client.get(customerRoutes(owner.sandboxId).accounts).expect(200)).body.total).toBe(0);
      const stranger = await signUpOrganization(t.http);
      expect((await stranger.client.get(customerRoutes(stranger.productionId).accounts).expect(200)).body.total).toBe(0);
    });
  });

  describe('bad input', () => {
    it('refuses unknown fields and missing required ones with field details, and writes nothing', async () => {
      const res = await owner.client.post(api.accounts, { name: 'Lonely', colour: 'blue' }).expect(400);
      expect(res.body.message).toBe('Some fields are not valid. Check them and try again.');
      expect(issues(res.body).sort()).toEqual(
        ['addressLine1:isNotEmpty', 'city:isNotEmpty', 'colour:unknownField', 'country:isNotEmpty', 'lat:isNotEmpty', 'lng:isNotEmpty', 'timeZone:isNotEmpty'].sort(),
      );
      expect((await owner.client.get(`${api.accounts}?includeInactive=true`).expect(200)).body.total).toBe(0);
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'timeZone', 'Time zone must be an IANA time zone such as Europe/Berlin or America/New_York; “Mars/Olympus_Mons” is not one.'],
      ['a time zone abbreviation', { timeZone: 'EST' }, 'timeZone', 'timeZone', 'Time zone must be an IANA time zone such as Europe/Berlin or America/New_York; “EST” is not one.'],
      ['a UTC offset instead of a zone', { timeZone: '+05:00' }, 'timeZone', 'timeZone', 'Time zone must be an IANA time zone such as Europe/Berlin or America/New_York; “+05:00” is not one.'],
      ['a latitude above 90', { lat: 90.5 }, 'lat', 'max', 'Latitude must be at most 90.'],
      ['a latitude below −90', { lat: -91 }, 'lat', 'min', 'Latitude must be at least -90.'],
      ['a longitude above 180', { lng: 180.01 }, 'lng', 'max', 'Longitude must be at most 180.'],
      ['a longitude below −180', { lng: -200 }, 'lng', 'min', 'Longitude must be at least -180.'],
      ['a latitude sent as text', { lat: '41.8' }, 'lat', 'isNumber', 'Latitude must be a number.'],
      ['a three-letter country', { country: 'USA' }, 'country', 'isCountry', 'Country must be a two-letter country code (ISO 3166-1) such as US, DE or FR.'],
      ['a country code that does not exist', { country: 'XX' }, 'country', 'isCountry', 'Country must be a two-letter country code (ISO 3166-1) such as US, DE or FR.'],
      ['a phone number without the country code', { phone: '312 555 0142' }, 'phone', 'phoneNumber', 'Phone must be an international number starting with + and the country code, e.g. +4930123456.'],
      ['a phone number that is too long', { phone: '+1234567890123456' }, 'phone', 'phoneNumber', 'Phone must be an international number starting with + and the country code, e.g. +4930123456.'],
      ['a malformed email address', { email: 'office@' }, 'email', 'isEmail', 'Email must be a valid email address.'],
      ['a name over 200 characters', { name: 'n'.repeat(201) }, 'name', 'maxLength', 'Name must be at most 200 characters.'],
      ['a blank name', { name: '   ' }, 'name', 'isNotEmpty', 'Name is required.'],
      ['a street over 200 characters', { addressLine1: 's'.repeat(201) }, 'addressLine1', 'maxLength', 'Address line 1 must be at most 200 characters.'],
      ['a city over 100 characters', { city: 'c'.repeat(101) }, 'city', 'maxLength', 'City must be at most 100 characters.'],
      ['a postal code over 20 characters', { postalCode: '1'.repeat(21) }, 'postalCode', 'maxLength', 'Postal code must be at most 20 characters.'],
      ['an external key over 100 characters', { externalKey: 'k'.repeat(101) }, 'externalKey', 'maxLength', 'External key must be at most 100 characters.'],
    ])('refuses %s', async (_case, overrides, field, code, message) => {
      const res = await owner.client.post(api.accounts, { ...anAccount(), ...overrides }).expect(400);
      expect(res.body.details).toEqual([{ field, code, message }]);
      expect((await owner.client.get(`${api.accounts}?includeInactive=true`).expect(200)).body.total).toBe(0);
    });

    it('refuses null for a field that always has a value, and leaves the account as it was', async () => {
      const account = await create();
      const res = await owner.client.patch(api.account(account.id), { name: null, timeZone: null, lat: null, city: 'Skokie' }).expect(400);
      expect(issues(res.body)).toEqual(['name:isNotEmpty', 'lat:isNotEmpty', 'timeZone:isNotEmpty']);
      expect((await owner.client.get(api.account(account.id)).expect(200)).body).toEqual(account);
    });

    it('refuses a bad time zone on update too', async () => {
      const account = await create();
      const res = await owner.client.patch(api.account(account.id), { timeZone: 'Europe/Atlantis' }).expect(400);
      expect(issues(res.body)).toEqual(['timeZone:timeZone']);
    });

    it('answers in the language the caller asks for', async () => {
      const res = await owner.client.post(api.accounts, anAccount({ lat: 95 })).set('Accept-Language', 'de').expect(400);
      expect(res.body.details).toEqual([{ field: 'lat', code: 'max', message: 'Breitengrad darf höchstens 90 sein.' }]);
      const zone = await owner.client.post(api.accounts, anAccount({ timeZone: 'Nowhere/Land' })).set('Accept-Language', 'fr').expect(400);
      expect(zone.body.details[0].message).toBe(
        'Fuseau horaire doit être un fuseau horaire IANA comme Europe/Paris ou America/New_York ; « Nowhere/Land » n’en est pas un.',
      );
    });
  });

  describe('ids that name nothing here', () => {
    it('answers 404 for an unknown or malformed id on every route', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const id of [unknown, 'not-an-id']) {
        expect((await owner.client.get(api.account(id)).expect(404)).body.message).toBe('Account not found.');
        await owner.client.patch(api.account(id), { name: 'X' }).expect(404);
        await owner.client.delete(api.account(id)).expect(404);
      }
    });

    it("answers 404 for an account of the organization's other environment and of another organization", async () => {
      const account = await create();
      const sandbox = customerRoutes(owner.sandboxId);
      await owner.client.get(sandbox.account(account.id)).expect(404);
      await owner.client.patch(sandbox.account(account.id), { name: 'Moved' }).expect(404);
      await owner.client.delete(sandbox.account(account.id)).expect(404);
      const stranger = await signUpOrganization(t.http);
      await stranger.client.get(customerRoutes(stranger.productionId).account(account.id)).expect(404);
      await stranger.client.delete(customerRoutes(stranger.productionId).account(account.id)).expect(404);
      expect((await owner.client.get(api.account(account.id)).expect(200)).body).toEqual(account);
    });
  });

  describe('deactivation and deletion', () => {
    it('refuses to deactivate an account that still has active records or open work orders, says what, and changes nothing', async () => {
      const account = await create();
      const contact = (await owner.client.post(api.accountContacts(account.id), aContact()).expect(201)).body;
      const location = (await owner.client.post(api.functionalLocations, aFunctionalLocation(account.id)).expect(201)).body;
      const asset = (await owner.client.post(api.assets, anAsset(account.id, { functionalLocationId: location.id })).expect(201)).body;
      const workOrder = await addWorkOrder(t.owner, owner.productionId, { accountId: account.id });

      const refused = await owner.client.patch(api.account(account.id), { active: false, name: 'Renamed' }).expect(409);
      expect(refused.body).toMatchObject({
        code: 'accountInUse',
        message:
          '“Harbor View Apartments” cannot be deactivated yet: it still has 1 active contact(s), 1 active functional location(s), 1 active asset(s) and 1 open work order(s). Deactivate those and complete or cancel the work orders first.',
      });
      expect((await owner.client.get(api.account(account.id)).expect(200)).body).toMatchObject({ name: 'Harbor View Apartments', active: true });

      await owner.client.patch(api.contact(contact.id), { active: false }).expect(200);
      await owner.client.patch(api.asset(asset.id), { active: false }).expect(200);
      await owner.client.patch(api.functionalLocation(location.id), { active: false }).expect(200);
      const stillOpen = await owner.client.patch(api.account(account.id), { active: false }).expect(409);
      expect(stillOpen.body.message).toContain('0 active contact(s), 0 active functional location(s), 0 active asset(s) and 1 open work order(s)');

      await setWorkOrderStatus(t.owner, workOrder, 'completed');
      const done = await owner.client.patch(api.account(account.id), { active: false }).expect(200);
      expect(done.body.active).toBe(false);
      const back = await owner.client.patch(api.account(account.id), { active: true }).expect(200);
      expect(back.body.active).toBe(true);
    });

    it('answers the reason in German when asked', async () => {
      const account = await create();
      await owner.client.post(api.accountContacts(account.id), aContact()).expect(201);
      const res = await owner.client.patch(api.account(account.id), { active: false }).set('Accept-Language', 'de-DE').expect(409);
      expect(res.body.message).toBe(
        '„Harbor View Apartments“ kann noch nicht deaktiviert werden. Noch vorhanden sind aktive Kontakte: 1, aktive Standorte: 0, aktive Geräte: 0, offene Arbeitsaufträge: 0. Deaktivieren Sie diese zuerst und schließen Sie die Arbeitsaufträge ab oder stornieren Sie sie.',
      );
    });

    it('deletes an account nothing refers to', async () => {
      const account = await create();
      await owner.client.delete(api.account(account.id)).expect(204);
      await owner.client.get(api.account(account.id)).expect(404);
      await owner.client.delete(api.account(account.id)).expect(404);
    });

    it('refuses to delete an account that records still belong to, even deactivated ones, and deletes nothing', async () => {
      const account = await create();
      const contact = (await owner.client.post(api.accountContacts(account.id), aContact()).expect(201)).body;
      await owner.client.patch(api.contact(contact.id), { active: false }).expect(200);
      await addWorkOrder(t.owner, owner.productionId, { accountId: account.id }, 'canceled');
      const res = await owner.client.delete(api.account(account.id)).expect(409);
      expect(res.body).toMatchObject({
        code: 'accountReferenced',
        message:
          '“Harbor View Apartments” cannot be deleted: 1 contact(s), 0 functional location(s), 0 asset(s) and 1 work order(s) belong to it. Deactivate it instead.',
      });
      await owner.client.get(api.account(account.id)).expect(200);
      await owner.client.get(api.contact(contact.id)).expect(200);
    });
  });

  describe('concurrent changes', () => {
    /** Waits until a statement of the API's is blocked on a row lock (polls the server, no sleeping on a timer). */
    async function blockedStatement(fragment: string): Promise<void> {
      for (let attempt = 0; attempt < 500; attempt++) {
        const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%' || $1 || '%'`, [fragment]);
        if (rows[0].n > 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error(`No statement containing "${fragment}" is waiting for a lock`);
    }

    it('counts a contact added while the account is being deactivated', async () => {
      const account = await create();
      const other = await t.owner.connect();
      try {
        await other.query('BEGIN');
        await other.query(`INSERT INTO contact (environment_id, account_id, first_name, last_name) VALUES ($1, $2, 'Late', 'Arrival')`, [owner.productionId, account.id]);
        const deactivation = owner.client.patch(api.account(account.id), { active: false }).then((res) => res);
        await blockedStatement('FROM account WHERE id = $1 FOR UPDATE');
        await other.query('COMMIT');
        const res = await deactivation;
        expect(res.status).toBe(409);
        expect(res.body.message).toContain('1 active contact(s)');
      } finally {
        // A no-op after COMMIT; after a failed expectation it frees the row for the next test.
        await other.query('ROLLBACK');
        other.release();
      }
    });

    it('refuses a contact for an account whose deactivation commits meanwhile', async () => {
      const account = await create();
      const other = await t.owner.connect();
      try {
        await other.query('BEGIN');
        await other.query(`UPDATE account SET active = false WHERE id = $1`, [account.id]);
        const creation = owner.client.post(api.accountContacts(account.id), aContact()).then((res) => res);
        await blockedStatement('FROM account WHERE id = $1 FOR SHARE');
        await other.query('COMMIT');
        const res = await creation;
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('accountInactive');
        expect((await owner.client.get(`${api.contacts}?includeInactive=true`).expect(200)).body.total).toBe(0);
      } finally {
        // A no-op after COMMIT; after a failed expectation it frees the row for the next test.
        await other.query('ROLLBACK');
        other.release();
      }
    });
  });

  describe('roles', () => {
    it('lets a dispatcher read accounts but not create, change or delete them', async () => {
      const account = await create();
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      await dispatcher.client.get(api.accounts).expect(200);
      await dispatcher.client.get(api.account(account.id)).expect(200);
      const refused = await dispatcher.client.post(api.accounts, anAccount({ name: 'Sneaky' })).expect(403);
      expect(refused.body.message).toBe('Your role (dispatcher) cannot do this. Ask an owner or an admin.');
      await dispatcher.client.patch(api.account(account.id), { name: 'Sneaky' }).expect(403);
      await dispatcher.client.patch(api.account(account.id), { active: false }).expect(403);
      await dispatcher.client.delete(api.account(account.id)).expect(403);
      expect((await owner.client.get(`${api.accounts}?includeInactive=true`).expect(200)).body.items).toEqual([account]);
    });

    it('lets an admin manage accounts', async () => {
      const admin = await addMember(t.http, owner, 'admin');
      const { body } = await admin.client.post(api.accounts, anAccount()).expect(201);
      await admin.client.patch(api.account(body.id), { name: 'By an admin' }).expect(200);
      await admin.client.delete(api.account(body.id)).expect(204);
    });
  });

  it('records every change in the audit trail', async () => {
    const account = await create();
    await owner.client.patch(api.account(account.id), { name: 'Renamed' }).expect(200);
    await owner.client.patch(api.account(account.id), { active: false }).expect(200);
    await owner.client.patch(api.account(account.id), { active: true }).expect(200);
    await owner.client.delete(api.account(account.id)).expect(204);
    const audit = await owner.client.get(api.audit).expect(200);
    const events = audit.body.items.filter((event: { details: { accountId?: string } }) => event.details.accountId === account.id);
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      'account.deleted',
      'account.reactivated',
      'account.deactivated',
      'account.updated',
      'account.created',
    ]);
    expect(events[3].details).toMatchObject({ name: 'Renamed', change: { name: 'Renamed' } });
    expect(events[0].actorName).toBe('Robin Park');
  });
});
