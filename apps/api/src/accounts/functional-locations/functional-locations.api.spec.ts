import { aFunctionalLocation, addWorkOrder, anAccount, anAsset, customerRoutes, setWorkOrderStatus } from '../../../test/customer-builders';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

type Issue = { field: string; code: string; message: string };
const issues = (body: { details?: Issue[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);
const names = (body: { items: { name: string }[] }) => body.items.map((location) => location.name);

describe('functional locations', () => {
  let t: TestApp;
  let owner: SignedUp;
  let api: ReturnType<typeof customerRoutes>;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    api = customerRoutes(owner.productionId);
    accountId = (await owner.client.post(api.accounts, anAccount()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const create = async (overrides: Parameters<typeof aFunctionalLocation>[1] = {}, account = accountId) =>
    (await owner.client.post(api.functionalLocations, aFunctionalLocation(account, overrides)).expect(201)).body;
  const total = async () => (await owner.client.get(`${api.functionalLocations}?includeInactive=true`).expect(200)).body.total;

  describe('create, read, update', () => {
    it('creates a functional location of an account with its own address, position and time zone', async () => {
      const created = await owner.client
        .post(api.functionalLocations, aFunctionalLocation(accountId, { externalKey: 'FL-1', timeZone: 'Asia/Kathmandu', lat: 27.7172, lng: 85.324, country: 'np' }))
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        accountId,
        externalKey: 'FL-1',
        name: 'Building B plant room',
        addressLine1: '1 N State St',
        addressLine2: null,
        city: 'Chicago',
        region: 'IL',
        postalCode: '60602',
        country: 'NP',
        lat: 27.7172,
        lng: 85.324,
        timeZone: 'Asia/Kathmandu',
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await owner.client.get(api.functionalLocation(created.body.id)).expect(200)).body).toEqual(created.body);
    });

    it('changes only the fields sent', async () => {
      const location = await create({ region: 'IL' });
      const changed = await owner.client.patch(api.functionalLocation(location.id), { name: 'Boiler room', region: null, timeZone: 'UTC' }).expect(200);
      expect(changed.body).toMatchObject({ name: 'Boiler room', region: null, timeZone: 'UTC', city: 'Chicago', accountId });
    });

    it('refuses a duplicate external key with 409', async () => {
      await create({ externalKey: 'FL-1' });
      expect((await owner.client.post(api.functionalLocations, aFunctionalLocation(accountId, { externalKey: 'FL-1' })).expect(409)).body.code).toBe('externalKeyTaken');
    });
  });

  describe('lists', () => {
    let secondAccount: string;
    beforeEach(async () => {
      secondAccount = (await owner.client.post(api.accounts, anAccount({ name: 'Birch Dental' })).expect(201)).body.id;
      await create({ name: 'Roof', city: 'Oak Park', addressLine1: '10 Lake St' });
      await create({ name: 'basement', city: 'Chicago', externalKey: 'FL-B' });
      await create({ name: 'Clinic', city: 'Evanston', addressLine1: '500 Davis St' }, secondAccount);
    });

    it('lists by name, by city, per account, with paging', async () => {
      expect(names((await owner.client.get(api.functionalLocations).expect(200)).body)).toEqual(['basement', 'Clinic', 'Roof']);
      expect(names((await owner.client.get(`${api.functionalLocations}?sort=city&order=desc`).expect(200)).body)).toEqual(['Roof', 'Clinic', 'basement']);
      expect(names((await owner.client.get(`${api.functionalLocations}?accountId=${accountId}`).expect(200)).body)).toEqual(['basement', 'Roof']);
      const page = await owner.client.get(`${api.functionalLocations}?limit=1&offset=1`).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ name: 'Clinic' }] });
    });

    it('searches name, external key, street and city', async () => {
      const search = async (q: string) => names((await owner.client.get(`${api.functionalLocations}?q=${encodeURIComponent(q)}`).expect(200)).body);
      expect(await search('ROOF')).toEqual(['Roof']);
      expect(await search('fl-b')).toEqual(['basement']);
      expect(await search('davis')).toEqual(['Clinic']);
      expect(await search('oak park')).toEqual(['Roof']);
    });

    it('hides deactivated locations unless asked', async () => {
      const [roof] = (await owner.client.get(`${api.functionalLocations}?q=roof`).expect(200)).body.items;
      await owner.client.patch(api.functionalLocation(roof.id), { active: false }).expect(200);
      expect(names((await owner.client.get(api.functionalLocations).expect(200)).body)).toEqual(['basement', 'Clinic']);
      expect(names((await owner.client.get(`${api.functionalLocations}?active=false`).expect(200)).body)).toEqual(['Roof']);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown time zone', { timeZone: 'Europe/Gotham' }, 'timeZone', 'timeZone'],
      ['an empty time zone', { timeZone: '' }, 'timeZone', 'isNotEmpty'],
      ['a time zone that is not text', { timeZone: 5 }, 'timeZone', 'isString'],
      ['a latitude of 90.0001', { lat: 90.0001 }, 'lat', 'max'],
      ['a longitude of −180.5', { lng: -180.5 }, 'lng', 'min'],
      ['a missing longitude', { lng: undefined }, 'lng', 'isNotEmpty'],
      ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name', 'maxLength'],
      ['a region over 100 characters', { region: 'r'.repeat(101) }, 'region', 'maxLength'],
      ['a malformed account id', { accountId: 'acc-1' }, 'accountId', 'isUuid'],
      ['a missing account id', { accountId: undefined }, 'accountId', 'isNotEmpty'],
    ])('refuses %s and writes nothing', async (_case, overrides, field, code) => {
      const res = await owner.client.post(api.functionalLocations, { ...aFunctionalLocation(accountId), ...overrides }).expect(400);
      expect(issues(res.body)).toEqual([`${field}:${code}`]);
      expect(await total()).toBe(0);
    });

    it('refuses bad coordinates and zones on update, and moving to another account', async () => {
      const location = await create();
      const res = await owner.client.patch(api.functionalLocation(location.id), { lat: 1000, lng: 'east', timeZone: 'Berlin', accountId }).expect(400);
      expect(issues(res.body)).toEqual(['accountId:unknownField', 'lat:max', 'lng:isNumber', 'timeZone:timeZone']);
      expect((await owner.client.get(api.functionalLocation(location.id)).expect(200)).body).toEqual(location);
    });
  });

  describe('ids that name nothing here', () => {
    it('answers 404 for an unknown or malformed location id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'fl-1']) {
        expect((await owner.client.get(api.functionalLocation(id)).expect(404)).body.message).toBe('Functional location not found.');
        await owner.client.patch(api.functionalLocation(id), { name: 'X' }).expect(404);
        await owner.client.delete(api.functionalLocation(id)).expect(404);
      }
    });

    it('answers 404 for an account that does not exist here, and writes nothing', async () => {
      const unknown = await owner.client.post(api.functionalLocations, aFunctionalLocation('00000000-0000-4000-8000-000000000000')).expect(404);
      expect(unknown.body).toMatchObject({ code: 'accountNotFound', message: 'Account not found.' });
      const sandboxAccount = (await owner.client.post(customerRoutes(owner.sandboxId).accounts, anAccount()).expect(201)).body.id;
      await owner.client.post(api.functionalLocations, aFunctionalLocation(sandboxAccount)).expect(404);
      expect(await total()).toBe(0);
    });

    it('answers 404 for a location of the other environment', async () => {
      const location = await create();
      const sandbox = customerRoutes(owner.sandboxId);
      await owner.client.get(sandbox.functionalLocation(location.id)).expect(404);
      await owner.client.patch(sandbox.functionalLocation(location.id), { active: false }).expect(404);
      await owner.client.delete(sandbox.functionalLocation(location.id)).expect(404);
      expect((await owner.client.get(api.functionalLocation(location.id)).expect(200)).body).toEqual(location);
    });
  });

  describe('deactivation and deletion', () => {
    it('refuses a new or reactivated location of a deactivated account', async () => {
      const location = await create();
      await owner.client.patch(api.functionalLocation(location.id), { active: false }).expect(200);
      await owner.client.patch(api.account(accountId), { active: false }).expect(200);
      expect((await owner.client.post(api.functionalLocations, aFunctionalLocation(accountId)).expect(409)).body.code).toBe('accountInactive');
      expect((await owner.client.patch(api.functionalLocation(location.id), { active: true }).expect(409)).body.code).toBe('accountInactive');
      expect(await total()).toBe(1);
    });

    it('refuses to deactivate a location with active assets or open work orders there, and says so', async () => {
      const location = await create({ name: 'Roof' });
      const asset = (await owner.client.post(api.assets, anAsset(accountId, { functionalLocationId: location.id })).expect(201)).body;
      const workOrder = await addWorkOrder(t.owner, owner.productionId, { accountId, functionalLocationId: location.id });
      const res = await owner.client.patch(api.functionalLocation(location.id), { active: false }).expect(409);
      expect(res.body).toMatchObject({
        code: 'functionalLocationInUse',
        message:
          '“Roof” cannot be deactivated yet: 1 active asset(s) are there and 1 open work order(s) are served there. Move or deactivate the assets and complete or cancel the work orders first.',
      });
      await owner.client.patch(api.asset(asset.id), { functionalLocationId: null }).expect(200);
      expect((await owner.client.patch(api.functionalLocation(location.id), { active: false }).expect(409)).body.message).toContain('0 active asset(s)');
      await setWorkOrderStatus(t.owner, workOrder, 'completed');
      expect((await owner.client.patch(api.functionalLocation(location.id), { active: false }).expect(200)).body.active).toBe(false);
    });

    it('deletes a location nothing refers to, and refuses one an asset or work order refers to', async () => {
      const unused = await create();
      await owner.client.delete(api.functionalLocation(unused.id)).expect(204);
      await owner.client.get(api.functionalLocation(unused.id)).expect(404);

      const used = await create({ name: 'Roof' });
      const asset = (await owner.client.post(api.assets, anAsset(accountId, { functionalLocationId: used.id })).expect(201)).body;
      await owner.client.patch(api.asset(asset.id), { active: false }).expect(200);
      const res = await owner.client.delete(api.functionalLocation(used.id)).expect(409);
      expect(res.body).toMatchObject({
        code: 'functionalLocationReferenced',
        message: '“Roof” cannot be deleted: 1 asset(s) and 0 work order(s) refer to it. Deactivate it instead.',
      });
      expect((await owner.client.get(api.asset(asset.id)).expect(200)).body.functionalLocationId).toBe(used.id);
    });
  });

  it('lets a dispatcher read locations but not change them', async () => {
    const location = await create();
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await dispatcher.client.get(api.functionalLocations).expect(200);
    await dispatcher.client.get(api.functionalLocation(location.id)).expect(200);
    await dispatcher.client.post(api.functionalLocations, aFunctionalLocation(accountId)).expect(403);
    await dispatcher.client.patch(api.functionalLocation(location.id), { name: 'Sneaky' }).expect(403);
    await dispatcher.client.delete(api.functionalLocation(location.id)).expect(403);
    expect(await total()).toBe(1);
  });

  it('records every change in the audit trail', async () => {
    const location = await create();
    await owner.client.patch(api.functionalLocation(location.id), { name: 'Roof' }).expect(200);
    await owner.client.patch(api.functionalLocation(location.id), { active: false }).expect(200);
    await owner.client.delete(api.functionalLocation(location.id)).expect(204);
    const audit = await owner.client.get(api.audit).expect(200);
    const events = audit.body.items.filter((event: { details: { functionalLocationId?: string } }) => event.details.functionalLocationId === location.id);
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      'functionalLocation.deleted',
      'functionalLocation.deactivated',
      'functionalLocation.updated',
      'functionalLocation.created',
    ]);
  });
});
