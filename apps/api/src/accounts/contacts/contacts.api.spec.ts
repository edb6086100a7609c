import { aContact, addWorkOrder, anAccount, customerRoutes, setWorkOrderStatus } from '../../../test/customer-builders';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

type Issue = { field: string; code: string; message: string };
const issues = (body: { details?: Issue[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);
const names = (body: { items: { firstName: string; lastName: string }[] }) => body.items.map((contact) => `${contact.firstName} ${contact.lastName}`);

describe('contacts', () => {
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

  const create = async (overrides: Parameters<typeof aContact>[0] = {}, account = accountId) =>
    (await owner.client.post(api.accountContacts(account), aContact(overrides)).expect(201)).body;

  describe('create, read, update', () => {
    it('adds a contact to an account and reads it back', async () => {
      const created = await owner.client
        .post(api.accountContacts(accountId), aContact({ email: 'Dana.W@Harbor.example', phone: '+1 312-555-0199', language: 'es', preferredChannel: 'both', externalKey: 'C-1' }))
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        accountId,
        externalKey: 'C-1',
        firstName: 'Dana',
        lastName: 'Whitfield',
        email: 'dana.w@harbor.example',
        phone: '+13125550199',
        language: 'es',
        preferredChannel: 'both',
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await owner.client.get(api.contact(created.body.id)).expect(200)).body).toEqual(created.body);
    });

    it('needs no email, phone, language or channel', async () => {
      const contact = await create();
      expect(contact).toMatchObject({ email: null, phone: null, language: null, preferredChannel: null });
    });

    it('changes only the fields sent, and clears optional ones sent as null', async () => {
      const contact = await create({ email: 'dana@harbor.example', phone: '+13125550199', language: 'de', preferredChannel: 'sms' });
      const changed = await owner.client.patch(api.contact(contact.id), { lastName: 'Okafor', preferredChannel: 'email', phone: null, language: null }).expect(200);
      expect(changed.body).toMatchObject({ firstName: 'Dana', lastName: 'Okafor', email: 'dana@harbor.example', phone: null, language: null, preferredChannel: 'email' });
    });

    it('keeps email addresses unique in the environment, whatever the case, on create and update', async () => {
      const otherAccount = (await owner.client.post(api.accounts, anAccount({ name: 'Second account' })).expect(201)).body.id;
      await create({ email: 'dana@harbor.example' });
      const onCreate = await owner.client.post(api.accountContacts(otherAccount), aContact({ email: 'DANA@harbor.example' })).expect(409);
      expect(onCreate.body).toMatchObject({ code: 'contactEmailTaken', message: 'Another contact already uses the email address dana@harbor.example.' });
      const second = await create({ email: 'sam@harbor.example' });
      const onUpdate = await owner.client.patch(api.contact(second.id), { email: 'dana@harbor.example' }).expect(409);
      expect(onUpdate.body.code).toBe('contactEmailTaken');
      const sandbox = customerRoutes(owner.sandboxId);
      const sandboxAccount = (await owner.client.post(sandbox.accounts, anAccount()).expect(201)).body.id;
      await owner.client.post(sandbox.accountContacts(sandboxAccount), aContact({ email: 'dana@harbor.example' })).expect(201);
    });

    it('refuses a duplicate external key with 409', async () => {
      await create({ externalKey: 'C-1' });
      const res = await owner.client.post(api.accountContacts(accountId), aContact({ externalKey: 'C-1' })).expect(409);
      expect(res.body.code).toBe('externalKeyTaken');
    });
  });

  describe('lists', () => {
    let secondAccount: string;
    beforeEach(async () => {
      secondAccount = (await owner.client.post(api.accounts, anAccount({ name: 'Birch Dental' })).expect(201)).body.id;
      await create({ firstName: 'Maya', lastName: 'Ortiz', email: 'maya@harbor.example', phone: '+13125550101' });
      await create({ firstName: 'Ben', lastName: 'adams', externalKey: 'C-77' });
      await create({ firstName: 'Zoe', lastName: 'Ortiz', email: 'zoe@birch.example' }, secondAccount);
    });

    it("lists one account's contacts, sorted by last then first name", async () => {
      const res = await owner.client.get(api.accountContacts(accountId)).expect(200);
      expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(names(res.body)).toEqual(['Ben adams', 'Maya Ortiz']);
    });

    it('lists every account’s contacts, filters by account, sorts and pages', async () => {
      expect(names((await owner.client.get(api.contacts).expect(200)).body)).toEqual(['Ben adams', 'Maya Ortiz', 'Zoe Ortiz']);
      expect(names((await owner.client.get(`${api.contacts}?accountId=${secondAccount}`).expect(200)).body)).toEqual(['Zoe Ortiz']);
      expect(names((await owner.client.get(`${api.contacts}?sort=name&order=desc&limit=1&offset=1`).expect(200)).body)).toEqual(['Maya Ortiz']);
      expect(names((await owner.client.get(`${api.contacts}?sort=email`).expect(200)).body)).toEqual(['Maya Ortiz', 'Zoe Ortiz', 'Ben adams']);
    });

    it('searches first name, last name, full name, email, phone and external key', async () => {
      const search = async (q: string) => names((await owner.client.get(`${api.contacts}?q=${encodeURIComponent(q)}`).expect(200)).body);
      expect(await search('ortiz')).toEqual(['Maya Ortiz', 'Zoe Ortiz']);
      expect(await search('maya ort')).toEqual(['Maya Ortiz']);
      expect(await search('BIRCH.example')).toEqual(['Zoe Ortiz']);
      expect(await search('5550101')).toEqual(['Maya Ortiz']);
      expect(await search('c-77')).toEqual(['Ben adams']);
    });

    it('hides deactivated contacts unless asked', async () => {
      const [ben] = (await owner.client.get(`${api.contacts}?q=ben`).expect(200)).body.items;
      await owner.client.patch(api.contact(ben.id), { active: false }).expect(200);
      expect(names((await owner.client.get(api.accountContacts(accountId)).expect(200)).body)).toEqual(['Maya Ortiz']);
      expect(names((await owner.client.get(`${api.accountContacts(accountId)}?active=false`).expect(200)).body)).toEqual(['Ben adams']);
      expect((await owner.client.get(`${api.contacts}?includeInactive=true`).expect(200)).body.total).toBe(3);
    });

    it('refuses a malformed account filter, an unknown sort and an account filter on the account route', async () => {
      expect(issues((await owner.client.get(`${api.contacts}?accountId=nope`).expect(400)).body)).toEqual(['accountId:isUuid']);
      expect(issues((await owner.client.get(`${api.contacts}?sort=phone`).expect(400)).body)).toEqual(['sort:isIn']);
      expect(issues((await owner.client.get(`${api.accountContacts(accountId)}?accountId=${secondAccount}`).expect(400)).body)).toEqual([
        'accountId:unknownField',
      ]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a malformed email address', { email: 'dana-at-harbor' }, 'email', 'isEmail', 'Email must be a valid email address.'],
      ['a phone number without +', { phone: '0049 30 1234567' }, 'phone', 'phoneNumber', 'Phone must be an international number starting with + and the country code, e.g. +4930123456.'],
      ['a phone number with letters', { phone: '+1 800 FLOWERS' }, 'phone', 'phoneNumber', 'Phone must be an international number starting with + and the country code, e.g. +4930123456.'],
      ['an unsupported language', { language: 'ar' }, 'language', 'isIn', 'Language must be one of: en, de, fr, es.'],
      ['an unknown channel', { preferredChannel: 'pigeon' }, 'preferredChannel', 'isIn', 'Preferred channel must be one of: email, sms, both.'],
      ['a first name over 100 characters', { firstName: 'f'.repeat(101) }, 'firstName', 'maxLength', 'First name must be at most 100 characters.'],
      ['a blank last name', { lastName: ' ' }, 'lastName', 'isNotEmpty', 'Last name is required.'],
      ['an unknown field', { nickname: 'D' }, 'nickname', 'unknownField', 'nickname is not an accepted field.'],
    ])('refuses %s and writes nothing', async (_case, overrides, field, code, message) => {
      const res = await owner.client.post(api.accountContacts(accountId), { ...aContact(), ...overrides }).expect(400);
      expect(res.body.details).toEqual([{ field, code, message }]);
      expect((await owner.client.get(`${api.contacts}?includeInactive=true`).expect(200)).body.total).toBe(0);
    });

    it('refuses a preferred channel the contact cannot be reached by', async () => {
      const sms = await owner.client.post(api.accountContacts(accountId), aContact({ preferredChannel: 'sms', email: 'dana@harbor.example' })).expect(400);
      expect(sms.body.details).toEqual([{ field: 'phone', code: 'requiredForSms', message: 'Phone is required for a contact who prefers messages by SMS.' }]);
      const both = await owner.client.post(api.accountContacts(accountId), aContact({ preferredChannel: 'both' })).expect(400);
      expect(issues(both.body)).toEqual(['email:requiredForEmail', 'phone:requiredForSms']);
      expect((await owner.client.get(api.contacts).expect(200)).body.total).toBe(0);
    });

    it('refuses to remove the means of the preferred channel on update', async () => {
      const contact = await create({ email: 'dana@harbor.example', preferredChannel: 'email' });
      const res = await owner.client.patch(api.contact(contact.id), { email: null }).expect(400);
      expect(res.body.details).toEqual([{ field: 'email', code: 'requiredForEmail', message: 'Email is required for a contact who prefers messages by email.' }]);
      await owner.client.patch(api.contact(contact.id), { email: null, preferredChannel: null }).expect(200);
    });

    it('does not move a contact to another account, and refuses null names', async () => {
      const contact = await create();
      const res = await owner.client.patch(api.contact(contact.id), { accountId, firstName: null }).expect(400);
      expect(issues(res.body)).toEqual(['accountId:unknownField', 'firstName:isNotEmpty']);
    });
  });

  describe('ids that name nothing here', () => {
    it('answers 404 for an unknown or malformed contact id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        expect((await owner.client.get(api.contact(id)).expect(404)).body.message).toBe('Contact not found.');
        await owner.client.patch(api.contact(id), { firstName: 'X' }).expect(404);
        await owner.client.delete(api.contact(id)).expect(404);
      }
    });

    it('answers 404 for contacts of an account that does not exist here', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await owner.client.get(api.accountContacts(missing)).expect(404)).body.message).toBe('Account not found.');
      expect((await owner.client.post(api.accountContacts(missing), aContact()).expect(404)).body.code).toBe('accountNotFound');
      const sandbox = customerRoutes(owner.sandboxId);
      await owner.client.get(sandbox.accountContacts(accountId)).expect(404);
      await owner.client.post(sandbox.accountContacts(accountId), aContact()).expect(404);
      expect((await owner.client.get(`${sandbox.contacts}?includeInactive=true`).expect(200)).body.total).toBe(0);
    });

    it("answers 404 for a contact of the other environment or organization, and leaves it alone", async () => {
      const contact = await create();
      const sandbox = customerRoutes(owner.sandboxId);
      await owner.client.get(sandbox.contact(contact.id)).expect(404);
      await owner.client.patch(sandbox.contact(contact.id), { firstName: 'Moved' }).expect(404);
      await owner.client.delete(sandbox.contact(contact.id)).expect(404);
      const stranger = await signUpOrganization(t.http);
      await stranger.client.get(customerRoutes(stranger.productionId).contact(contact.id)).expect(404);
      expect((await owner.client.get(api.contact(contact.id)).expect(200)).body).toEqual(contact);
    });
  });

  describe('deactivation and deletion', () => {
    it('refuses to add or reactivate a contact of a deactivated account', async () => {
      const contact = await create();
      await owner.client.patch(api.contact(contact.id), { active: false }).expect(200);
      await owner.client.patch(api.account(accountId), { active: false }).expect(200);
      const add = await owner.client.post(api.accountContacts(accountId), aContact({ firstName: 'New' })).expect(409);
      expect(add.body).toMatchObject({ code: 'accountInactive', message: 'The account “Harbor View Apartments” is deactivated. Reactivate it first.' });
      const back = await owner.client.patch(api.contact(contact.id), { active: true }).expect(409);
      expect(back.body.code).toBe('accountInactive');
      expect((await owner.client.get(api.contact(contact.id)).expect(200)).body.active).toBe(false);
      await owner.client.patch(api.account(accountId), { active: true }).expect(200);
      await owner.client.patch(api.contact(contact.id), { active: true }).expect(200);
    });

    it('refuses to deactivate a contact who reported open work orders, and says so', async () => {
      const contact = await create({ firstName: 'Maya', lastName: 'Ortiz' });
      const workOrder = await addWorkOrder(t.owner, owner.productionId, { accountId, contactId: contact.id });
      const res = await owner.client.patch(api.contact(contact.id), { active: false }).expect(409);
      expect(res.body).toMatchObject({
        code: 'contactInUse',
        message: 'Maya Ortiz cannot be deactivated yet: they reported 1 open work order(s). Complete or cancel them first.',
      });
      expect((await owner.client.get(api.contact(contact.id)).expect(200)).body.active).toBe(true);
      await setWorkOrderStatus(t.owner, workOrder, 'canceled');
      await owner.client.patch(api.contact(contact.id), { active: false }).expect(200);
    });

    it('deletes a contact no work order names, and refuses one that is named', async () => {
      const unused = await create();
      await owner.client.delete(api.contact(unused.id)).expect(204);
      await owner.client.get(api.contact(unused.id)).expect(404);

      const named = await create({ firstName: 'Maya', lastName: 'Ortiz' });
      await addWorkOrder(t.owner, owner.productionId, { accountId, contactId: named.id }, 'completed');
      const res = await owner.client.delete(api.contact(named.id)).expect(409);
      expect(res.body).toMatchObject({ code: 'contactReferenced', message: 'Maya Ortiz cannot be deleted: they reported 1 work order(s). Deactivate the contact instead.' });
      await owner.client.get(api.contact(named.id)).expect(200);
    });
  });

  it('lets a dispatcher read contacts but not change them', async () => {
    const contact = await create();
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await dispatcher.client.get(api.contacts).expect(200);
    await dispatcher.client.get(api.accountContacts(accountId)).expect(200);
    await dispatcher.client.get(api.contact(contact.id)).expect(200);
    await dispatcher.client.post(api.accountContacts(accountId), aContact({ firstName: 'Sneaky' })).expect(403);
    await dispatcher.client.patch(api.contact(contact.id), { firstName: 'Sneaky' }).expect(403);
    await dispatcher.client.delete(api.contact(contact.id)).expect(403);
    expect((await owner.client.get(api.contacts).expect(200)).body.items).toEqual([contact]);
  });

  it('records every change in the audit trail', async () => {
    const contact = await create({ firstName: 'Maya', lastName: 'Ortiz' });
    await owner.client.patch(api.contact(contact.id), { phone: '+13125550101' }).expect(200);
    await owner.client.patch(api.contact(contact.id), { active: false }).expect(200);
    await owner.client.patch(api.contact(contact.id), { active: true }).expect(200);
    await owner.client.delete(api.contact(contact.id)).expect(204);
    const audit = await owner.client.get(api.audit).expect(200);
    const events = audit.body.items.filter((event: { details: { contactId?: string } }) => event.details.contactId === contact.id);
    expect(events.map((event: { action: string }) => event.action)).toEqual(['contact.deleted', 'contact.reactivated', 'contact.deactivated', 'contact.updated', 'contact.created']);
    expect(events[4].details).toEqual({ contactId: contact.id, accountId, name: 'Maya Ortiz' });
  });
});
