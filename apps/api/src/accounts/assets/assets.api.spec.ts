import { aFunctionalLocation, addWorkOrder, anAccount, anAsset, customerRoutes, setWorkOrderStatus } from '../../../test/customer-builders';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

type Issue = { field: string; code: string; message: string };
const issues = (body: { details?: Issue[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);
const names = (body: { items: { name: string }[] }) => body.items.map((asset) => asset.name);

describe('assets', () => {
  let t: TestApp;
  let owner: SignedUp;
  let api: ReturnType<typeof customerRoutes>;
  let accountId: string;
  let locationId: string;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    api = customerRoutes(owner.productionId);
    accountId = (await owner.client.post(api.accounts, anAccount()).expect(201)).body.id;
    locationId = (await owner.client.post(api.functionalLocations, aFunctionalLocation(accountId, { name: 'Roof' })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const create = async (overrides: Parameters<typeof anAsset>[1] = {}, account = accountId) =>
    (await owner.client.post(api.assets, anAsset(account, overrides)).expect(201)).body;
  const total = async () => (await owner.client.get(`${api.assets}?includeInactive=true`).expect(200)).body.total;
  const otherAccount = async () => {
    const other = (await owner.client.post(api.accounts, anAccount({ name: 'Birch Dental' })).expect(201)).body.id;
    const location = (await owner.client.post(api.functionalLocations, aFunctionalLocation(other, { name: 'Clinic basement' })).expect(201)).body.id;
    return { accountId: other, locationId: location };
  };

  describe('create, read, update', () => {
    it('creates an asset at a functional location of its account and reads it back', async () => {
      const created = await owner.client.post(api.assets, anAsset(accountId, { functionalLocationId: locationId, externalKey: 'A-1' })).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        accountId,
        functionalLocationId: locationId,
        externalKey: 'A-1',
        name: 'Rooftop unit 2',
        serialNumber: 'RTU-48812-B',
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await owner.client.get(api.asset(created.body.id)).expect(200)).body).toEqual(created.body);
    });

    it("creates an asset without a location (serviced at the account's address)", async () => {
      expect(await create({ serialNumber: undefined })).toMatchObject({ functionalLocationId: null, serialNumber: null });
    });

    it('moves an asset between locations of its account, and back to the account address', async () => {
      const asset = await create({ functionalLocationId: locationId });
      const second = (await owner.client.post(api.functionalLocations, aFunctionalLocation(accountId, { name: 'Basement' })).expect(201)).body.id;
      expect((await owner.client.patch(api.asset(asset.id), { functionalLocationId: second }).expect(200)).body.functionalLocationId).toBe(second);
      const cleared = await owner.client.patch(api.asset(asset.id), { functionalLocationId: null, serialNumber: null, name: 'RTU 2' }).expect(200);
      expect(cleared.body).toMatchObject({ functionalLocationId: null, serialNumber: null, name: 'RTU 2', accountId });
    });

    it('refuses a duplicate external key with 409', async () => {
      await create({ externalKey: 'A-1' });
      const other = await create();
      expect((await owner.client.patch(api.asset(other.id), { externalKey: 'A-1' }).expect(409)).body.code).toBe('externalKeyTaken');
    });
  });

  describe('lists', () => {
    let other: { accountId: string; locationId: string };
    beforeEach(async () => {
      other = await otherAccount();
      await create({ name: 'Rooftop unit 2', serialNumber: 'SN-300', functionalLocationId: locationId });
      await create({ name: 'boiler', serialNumber: 'SN-100', externalKey: 'EXT-9' });
      await create({ name: 'Autoclave', serialNumber: 'SN-200', functionalLocationId: other.locationId }, other.accountId);
    });

    it('lists by name, by serial number, per account and per location, with paging', async () => {
      expect(names((await owner.client.get(api.assets).expect(200)).body)).toEqual(['Autoclave', 'boiler', 'Rooftop unit 2']);
      expect(names((await owner.client.get(`${api.assets}?sort=serialNumber&order=desc`).expect(200)).body)).toEqual(['Rooftop unit 2', 'Autoclave', 'boiler']);
      expect(names((await owner.client.get(`${api.assets}?accountId=${accountId}`).expect(200)).body)).toEqual(['boiler', 'Rooftop unit 2']);
      expect(names((await owner.client.get(`${api.assets}?functionalLocationId=${locationId}`).expect(200)).body)).toEqual(['Rooftop unit 2']);
      expect((await owner.client.get(`${api.assets}?limit=2&offset=2`).expect(200)).body).toMatchObject({ total: 3, items: [{ name: 'Rooftop unit 2' }] });
    });

    it('searches name, serial number and external key', async () => {
      const search = async (q: string) => names((await owner.client.get(`${api.assets}?q=${encodeURIComponent(q)}`).expect(200)).body);
      expect(await search('ROOFTOP')).toEqual(['Rooftop unit 2']);
      expect(await search('sn-2')).toEqual(['Autoclave']);
      expect(await search('ext-9')).toEqual(['boiler']);
      expect(await search('SN-')).toEqual(['Autoclave', 'boiler', 'Rooftop unit 2']);
    });

    it('hides deactivated assets unless asked, and refuses malformed filters', async () => {
      const [boiler] = (await owner.client.get(`${api.assets}?q=boiler`).expect(200)).body.items;
      await owner.client.patch(api.asset(boiler.id), { active: false }).expect(200);
      expect(names((await owner.client.get(api.assets).expect(200)).body)).toEqual(['Autoclave', 'Rooftop unit 2']);
      expect(names((await owner.client.get(`${api.assets}?active=false`).expect(200)).body)).toEqual(['boiler']);
      const bad = await owner.client.get(`${api.assets}?functionalLocationId=roof&accountId=1&sort=price`).expect(400);
      expect(issues(bad.body)).toEqual(['accountId:isUuid', 'functionalLocationId:isUuid']);
    });
  });

  describe('the functional location must belong to the same account', () => {
    it('refuses a location of another account on create, says why, and writes nothing', async () => {
      const other = await otherAccount();
      const res = await owner.client.post(api.assets, anAsset(accountId, { functionalLocationId: other.locationId })).expect(400);
      expect(res.body).toMatchObject({
        code: 'functionalLocationOfOtherAccount',
        message: 'The functional location “Clinic basement” belongs to another account. Choose one of this account’s locations.',
      });
      expect(await total()).toBe(0);
    });

    it('refuses a location of another account on update, and leaves the asset where it was', async () => {
      const other = await otherAccount();
      const asset = await create({ functionalLocationId: locationId });
      const res = await owner.client.patch(api.asset(asset.id), { functionalLocationId: other.locationId, name: 'Moved' }).set('Accept-Language', 'es').expect(400);
      expect(res.body.message).toBe('La ubicación «Clinic basement» pertenece a otra cuenta de cliente. Elija una ubicación de esta cuenta.');
      expect((await owner.client.get(api.asset(asset.id)).expect(200)).body).toEqual(asset);
    });

    it('answers 404 for a location that does not exist here', async () => {
      const res = await owner.client.post(api.assets, anAsset(accountId, { functionalLocationId: '00000000-0000-4000-8000-000000000000' })).expect(404);
      expect(res.body.message).toBe('Functional location not found.');
      const sandbox = customerRoutes(owner.sandboxId);
      const sandboxAccount = (await owner.client.post(sandbox.accounts, anAccount()).expect(201)).body.id;
      const sandboxLocation = (await owner.client.post(sandbox.functionalLocations, aFunctionalLocation(sandboxAccount)).expect(201)).body.id;
      const asset = await create();
      await owner.client.patch(api.asset(asset.id), { functionalLocationId: sandboxLocation }).expect(404);
      expect(await total()).toBe(1);
    });

    it('refuses a deactivated location, and reactivating an asset whose location is deactivated', async () => {
      const asset = await create({ functionalLocationId: locationId });
      await owner.client.patch(api.asset(asset.id), { active: false }).expect(200);
      await owner.client.patch(api.functionalLocation(locationId), { active: false }).expect(200);
      const onCreate = await owner.client.post(api.assets, anAsset(accountId, { functionalLocationId: locationId })).expect(409);
      expect(onCreate.body).toMatchObject({ code: 'functionalLocationInactive', message: 'The functional location “Roof” is deactivated. Reactivate it or choose another.' });
      expect((await owner.client.patch(api.asset(asset.id), { active: true }).expect(409)).body.code).toBe('functionalLocationInactive');
      const elsewhere = await owner.client.patch(api.asset(asset.id), { active: true, functionalLocationId: null }).expect(200);
      expect(elsewhere.body).toMatchObject({ active: true, functionalLocationId: null });
    });
  });

  describe('bad input', () => {
    it.each([
      ['a name over 200 characters', { name: 'a'.repeat(201) }, 'name:maxLength'],
      ['a serial number over 100 characters', { serialNumber: 's'.repeat(101) }, 'serialNumber:maxLength'],
      ['a missing name', { name: undefined }, 'name:isNotEmpty'],
      ['a malformed location id', { functionalLocationId: 'roof' }, 'functionalLocationId:isUuid'],
      ['a malformed account id', { accountId: 42 }, 'accountId:isUuid'],
      ['an unknown field', { warrantyUntil: '2030-01-01' }, 'warrantyUntil:unknownField'],
    ])('refuses %s and writes nothing', async (_case, overrides, issue) => {
      const res = await owner.client.post(api.assets, { ...anAsset(accountId), ...overrides }).expect(400);
      expect(issues(res.body)).toEqual([issue]);
      expect(await total()).toBe(0);
    });

    it('does not move an asset to another account', async () => {
      const asset = await create();
      const { accountId: other } = await otherAccount();
      expect(issues((await owner.client.patch(api.asset(asset.id), { accountId: other }).expect(400)).body)).toEqual(['accountId:unknownField']);
    });

    it('answers 404 for an account that does not exist here, and 409 for a deactivated one', async () => {
      expect((await owner.client.post(api.assets, anAsset('00000000-0000-4000-8000-000000000000')).expect(404)).body.code).toBe('accountNotFound');
      await owner.client.patch(api.functionalLocation(locationId), { active: false }).expect(200);
      await owner.client.patch(api.account(accountId), { active: false }).expect(200);
      expect((await owner.client.post(api.assets, anAsset(accountId)).expect(409)).body.code).toBe('accountInactive');
      expect(await total()).toBe(0);
    });
  });

  describe('ids that name nothing here', () => {
    it('answers 404 for an unknown, malformed or other-environment asset id', async () => {
      const asset = await create();
      const sandbox = customerRoutes(owner.sandboxId);
      for (const url of [api.asset('00000000-0000-4000-8000-000000000000'), api.asset('rtu-2'), sandbox.asset(asset.id)]) {
        expect((await owner.client.get(url).expect(404)).body.message).toBe('Asset not found.');
        await owner.client.patch(url, { name: 'X' }).expect(404);
        await owner.client.delete(url).expect(404);
      }
      expect((await owner.client.get(api.asset(asset.id)).expect(200)).body).toEqual(asset);
    });
  });

  describe('deactivation and deletion', () => {
    it('refuses to deactivate an asset with open work orders, and says so', async () => {
      const asset = await create();
      const workOrder = await addWorkOrder(t.owner, owner.productionId, { accountId, assetId: asset.id });
      const res = await owner.client.patch(api.asset(asset.id), { active: false }).expect(409);
      expect(res.body).toMatchObject({
        code: 'assetInUse',
        message: '“Rooftop unit 2” cannot be deactivated yet: it has 1 open work order(s). Complete or cancel them first.',
      });
      await setWorkOrderStatus(t.owner, workOrder, 'completed');
      await owner.client.patch(api.asset(asset.id), { active: false }).expect(200);
    });

    it('deletes an asset no work order refers to, and refuses one that is referred to', async () => {
      const unused = await create();
      await owner.client.delete(api.asset(unused.id)).expect(204);
      await owner.client.get(api.asset(unused.id)).expect(404);

      const used = await create();
      await addWorkOrder(t.owner, owner.productionId, { accountId, assetId: used.id }, 'canceled');
      const res = await owner.client.delete(api.asset(used.id)).expect(409);
      expect(res.body).toMatchObject({ code: 'assetReferenced', message: '“Rooftop unit 2” cannot be deleted: 1 work order(s) refer to it. Deactivate it instead.' });
      await owner.client.get(api.asset(used.id)).expect(200);
    });
  });

  it('lets a dispatcher read assets but not change them', async () => {
    const asset = await create();
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await dispatcher.client.get(api.assets).expect(200);
    await dispatcher.client.get(api.asset(asset.id)).expect(200);
    await dispatcher.client.post(api.assets, anAsset(accountId)).expect(403);
    await dispatcher.client.patch(api.asset(asset.id), { name: 'Sneaky' }).expect(403);
    await dispatcher.client.delete(api.asset(asset.id)).expect(403);
    expect((await owner.client.get(api.assets).expect(200)).body.items).toEqual([asset]);
  });

  it('records every change in the audit trail', async () => {
    const asset = await create();
    await owner.client.patch(api.asset(asset.id), { functionalLocationId: locationId }).expect(200);
    await owner.client.patch(api.asset(asset.id), { active: false }).expect(200);
    await owner.client.patch(api.asset(asset.id), { active: true }).expect(200);
    await owner.client.delete(api.asset(asset.id)).expect(204);
    const audit = await owner.client.get(api.audit).expect(200);
    const events = audit.body.items.filter((event: { details: { assetId?: string } }) => event.details.assetId === asset.id);
    expect(events.map((event: { action: string }) => event.action)).toEqual(['asset.deleted', 'asset.reactivated', 'asset.deactivated', 'asset.updated', 'asset.created']);
    expect(events[3].details.change).toEqual({ functionalLocationId: locationId });
  });
});
