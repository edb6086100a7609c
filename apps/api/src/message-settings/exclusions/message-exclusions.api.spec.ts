import { anAccount, customerRoutes } from '../../../test/customer-builders';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('message exclusions', () => {
  let t: TestApp;
  let owner: SignedUp;
  let accountId: string;
  let serviceTypeId: string;
  const exclusions = (environmentId = owner.productionId) => `/api/environments/${environmentId}/message-exclusions`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    const api = customerRoutes(owner.productionId);
    accountId = (await owner.client.post(api.accounts, anAccount({ name: 'Harbor View Apartments' })).expect(201)).body.id;
    serviceTypeId = (await owner.client.post(`/api/environments/${owner.productionId}/service-types`, { name: 'Duct cleaning', durationMinutes: 90 }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('starts empty', async () => {
    expect((await owner.client.get(exclusions()).expect(200)).body).toEqual([]);
  });

  it('excludes an account and a service type and lists them with their names, accounts first', async () => {
    const service = await owner.client.post(exclusions(), { kind: 'serviceType', targetId: serviceTypeId }).expect(201);
    expect(service.body).toEqual({ id: expect.any(String), kind: 'serviceType', targetId: serviceTypeId, targetName: 'Duct cleaning', createdAt: expect.any(String) });
    const account = await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
    expect(account.body).toMatchObject({ kind: 'account', targetId: accountId, targetName: 'Harbor View Apartments' });
    const list = await owner.client.get(exclusions()).expect(200);
    expect(list.body).toEqual([account.body, service.body]);
  });

  it('shows the current name of an excluded account after it is renamed', async () => {
    await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
    await owner.client.patch(customerRoutes(owner.productionId).account(accountId), { name: 'Harbor View Condos' }).expect(200);
    expect((await owner.client.get(exclusions()).expect(200)).body[0].targetName).toBe('Harbor View Condos');
  });

  it('refuses to exclude the same account or service type twice, and says which', async () => {
    await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
    const account = await owner.client.post(exclusions(), { kind: 'account', targetId: accountId.toUpperCase() }).expect(409);
    expect(account.body).toMatchObject({ code: 'accountAlreadyExcluded', message: 'The account “Harbor View Apartments” is already excluded from messages.' });
    await owner.client.post(exclusions(), { kind: 'serviceType', targetId: serviceTypeId }).expect(201);
    const service = await owner.client.post(exclusions(), { kind: 'serviceType', targetId: serviceTypeId }).set('Accept-Language', 'fr').expect(409);
    expect(service.body).toMatchObject({ code: 'serviceTypeAlreadyExcluded', message: 'Le type d’intervention « Duct cleaning » est déjà exclu des messages.' });
    expect((await owner.client.get(exclusions()).expect(200)).body).toHaveLength(2);
  });

  it('answers 404 for an account or service type that does not exist here', async () => {
    const unknown = await owner.client.post(exclusions(), { kind: 'account', targetId: MISSING }).expect(404);
    expect(unknown.body).toMatchObject({ code: 'accountNotFound', message: 'Account not found.' });
    const unknownService = await owner.client.post(exclusions(), { kind: 'serviceType', targetId: MISSING }).expect(404);
    expect(unknownService.body.code).toBe('serviceTypeNotFound');
    // The ids are real, but in the other environment.
    await owner.client.post(exclusions(owner.sandboxId), { kind: 'account', targetId: accountId }).expect(404);
    await owner.client.post(exclusions(owner.sandboxId), { kind: 'serviceType', targetId: serviceTypeId }).expect(404);
    // An account id given as a service type.
    await owner.client.post(exclusions(), { kind: 'serviceType', targetId: accountId }).expect(404);
    expect((await owner.client.get(exclusions(owner.sandboxId)).expect(200)).body).toEqual([]);
  });

  it.each([
    ['an unknown kind', { kind: 'contact', targetId: MISSING }, 'kind:isIn', 'Kind must be one of: account, serviceType.'],
    ['a malformed id', { kind: 'account', targetId: 'harbor' }, 'targetId:isUuid', 'Account or service type must be a valid identifier.'],
    ['a missing id', { kind: 'account' }, 'targetId:isNotEmpty', 'Account or service type is required.'],
  ])('refuses %s with 400', async (_case, body, issue, message) => {
    const res = await owner.client.post(exclusions(), body).expect(400);
    expect(res.body.details.map((detail: { field: string; code: string }) => `${detail.field}:${detail.code}`)).toEqual([issue]);
    expect(res.body.details[0].message).toBe(message);
  });

  it('removes an exclusion, then answers 404 for it', async () => {
    const { body } = await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
    await owner.client.delete(`${exclusions()}/${body.id}`).expect(204);
    expect((await owner.client.get(exclusions()).expect(200)).body).toEqual([]);
    const again = await owner.client.delete(`${exclusions()}/${body.id}`).expect(404);
    expect(again.body).toMatchObject({ code: 'exclusionNotFound', message: 'Exclusion not found. It may have been removed already.' });
    await owner.client.delete(`${exclusions()}/not-an-id`).expect(404);
    await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
  });

  it('does not remove an exclusion through the other environment', async () => {
    const { body } = await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
    await owner.client.delete(`${exclusions(owner.sandboxId)}/${body.id}`).expect(404);
    expect((await owner.client.get(exclusions()).expect(200)).body).toHaveLength(1);
  });

  it('lets a dispatcher read the list but not change it', async () => {
    const { body } = await owner.client.post(exclusions(), { kind: 'account', targetId: accountId }).expect(201);
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    expect((await dispatcher.client.get(exclusions()).expect(200)).body).toHaveLength(1);
    await dispatcher.client.post(exclusions(), { kind: 'serviceType', targetId: serviceTypeId }).expect(403);
    await dispatcher.client.delete(`${exclusions()}/${body.id}`).expect(403);
    expect((await owner.client.get(exclusions()).expect(200)).body).toHaveLength(1);
  });

  it('records additions and removals in the audit trail', async () => {
    const { body } = await owner.client.post(exclusions(), { kind: 'serviceType', targetId: serviceTypeId }).expect(201);
    await owner.client.delete(`${exclusions()}/${body.id}`).expect(204);
    const audit = await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=2`).expect(200);
    const details = { exclusionId: body.id, kind: 'serviceType', targetId: serviceTypeId, name: 'Duct cleaning' };
    expect(audit.body.items).toMatchObject([
      { action: 'message_exclusion.deleted', details },
      { action: 'message_exclusion.created', details },
    ]);
  });
});
