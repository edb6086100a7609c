import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Detail = { field: string; code: string; message: string };
const codes = (body: { details?: Detail[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);

describe('service types', () => {
  let t: TestApp;
  let owner: SignedUp;
  const base = (environmentId = owner.productionId) => `/api/environments/${environmentId}`;
  const serviceTypes = (environmentId?: string) => `${base(environmentId)}/service-types`;
  const aServiceType = (overrides: Record<string, unknown> = {}) => ({ name: 'Furnace tune-up', durationMinutes: 90, ...overrides });

  async function createSkill(name: string, environmentId = owner.productionId): Promise<string> {
    const res = await owner.client.post(`${base(environmentId)}/skills`, { name }).expect(201);
    return res.body.id;
  }

  async function createServiceType(overrides: Record<string, unknown> = {}, environmentId?: string): Promise<string> {
    const res = await owner.client.post(serviceTypes(environmentId), aServiceType(overrides)).expect(201);
    return res.body.id;
  }

  async function rowCount(table: string, environmentId = owner.productionId): Promise<number> {
    const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE environment_id = $1`, [environmentId]);
    return rows[0].n;
  }

  /** A work order of `serviceTypeId` in `status`, with the account it needs. */
  async function insertWorkOrder(serviceTypeId: string, status: 'scheduled' | 'completed' | 'canceled'): Promise<void> {
    const address = `'1 Main St', 'Berlin', 'DE', 52.5, 13.4, 'Europe/Berlin'`;
    await t.owner.query(
      `WITH a AS (INSERT INTO account (environment_id, name, address_line1, city, country, lat, lng, time_zone)
                  VALUES ($1, 'Customer', ${address}) RETURNING id)
       INSERT INTO work_order (environment_id, reference, account_id, incident_type_id, address_line1, city, country, lat, lng, time_zone, status)
       SELECT $1, 'WO-' || upper(substr(md5(random()::text), 1, 8)), a.id, $2, ${address}, $3 FROM a`,
      [owner.productionId, serviceTypeId, status],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  describe('create and read', () => {
    it('creates a service type with required skills and display names and reads it back', async () => {
      const gas = await createSkill('Gas');
      const electrical = await createSkill('Electrical');
      const created = await owner.client
        .post(
          serviceTypes(),
          aServiceType({
            description: 'Yearly check of a gas furnace',
            portalEnabled: true,
            externalKey: 'ST-1',
            displayNames: { fr: 'Entretien de chaudière', en: ' Furnace tune-up ', de: 'Heizungswartung' },
            requiredSkills: [
              { skillId: gas, minProficiency: 3 },
              { skillId: electrical, minProficiency: 1 },
            ],
          }),
        )
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Furnace tune-up',
        description: 'Yearly check of a gas furnace',
        durationMinutes: 90,
        portalEnabled: true,
        externalKey: 'ST-1',
        active: true,
        displayNames: { en: 'Furnace tune-up', de: 'Heizungswartung', fr: 'Entretien de chaudière' },
      });
      expect(created.body.requiredSkills).toEqual([
        { skillId: electrical, skillName: 'Electrical', minProficiency: 1, skillActive: true },
        { skillId: gas, skillName: 'Gas', minProficiency: 3, skillActive: true },
      ]);
      const read = await owner.client.get(`${serviceTypes()}/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('creates one with nothing but a name and a duration, not bookable in the portal', async () => {
      const res = await owner.client.post(serviceTypes(), aServiceType()).expect(201);
      expect(res.body).toMatchObject({ description: null, portalEnabled: false, displayNames: {}, requiredSkills: [], externalKey: null, active: true });
    });

    it('stores the duration and the portal flag in the columns the slot search reads', async () => {
      const id = await createServiceType({ portalEnabled: true });
      const { rows } = await t.owner.query(`SELECT duration_minutes, portal_enabled FROM incident_type WHERE id = $1`, [id]);
      expect(rows).toEqual([{ duration_minutes: 90, portal_enabled: true }]);
    });
  });

  describe('bad input writes nothing', () => {
    async function refused(body: Record<string, unknown>): Promise<{ details: Detail[] }> {
      const res = await owner.client.post(serviceTypes(), body).expect(400);
      expect(res.body.code).toBe('validation');
      expect(await rowCount('incident_type')).toBe(0);
      expect(await rowCount('incident_type_skill')).toBe(0);
      return res.body;
    }

    it.each([
      [{ durationMinutes: 0 }, 'durationMinutes:min'],
      [{ durationMinutes: -30 }, 'durationMinutes:min'],
      [{ durationMinutes: 4 }, 'durationMinutes:min'],
      [{ durationMinutes: 1441 }, 'durationMinutes:max'],
      [{ durationMinutes: 30.5 }, 'durationMinutes:isInt'],
      [{ durationMinutes: undefined }, 'durationMinutes:isInt'],
      [{ name: '  ' }, 'name:isNotEmpty'],
      [{ portalEnabled: 'yes' }, 'portalEnabled:isBoolean'],
      [{ displayNames: ['Tune-up'] }, 'displayNames:invalid'],
      [{ displayNames: 'Tune-up' }, 'displayNames:invalid'],
      [{ requiredSkills: [{ skillId: UNKNOWN_ID, minProficiency: 6 }] }, 'requiredSkills.0.minProficiency:max'],
    ])('refuses %p', async (overrides, expected) => {
      const body = await refused(aServiceType(overrides));
      expect(codes(body)).toEqual([expected]);
    });

    it('says in words that a duration must be at least five minutes', async () => {
      const body = await refused(aServiceType({ durationMinutes: 0 }));
      expect(body.details[0].message).toBe('Duration (minutes) must be at least 5.');
    });

    it('refuses display names in unknown languages and empty or overlong ones, per language', async () => {
      const body = await refused(aServiceType({ displayNames: { en: 'Tune-up', xx: 'Tune-up', de: '   ', fr: 'x'.repeat(121), es: 7 } }));
      expect(body.details).toEqual([
        { field: 'displayNames.xx', code: 'unknownLanguage', message: '“xx” is not a supported language. Use one of: en, de, fr, es.' },
        { field: 'displayNames.de', code: 'displayName', message: 'The name in Deutsch must be 1 to 120 characters long.' },
        { field: 'displayNames.fr', code: 'displayName', message: 'The name in Français must be 1 to 120 characters long.' },
        { field: 'displayNames.es', code: 'displayName', message: 'The name in Español must be 1 to 120 characters long.' },
      ]);
    });

    it('accepts a display name of exactly 120 characters', async () => {
      await owner.client.post(serviceTypes(), aServiceType({ displayNames: { es: 'x'.repeat(120) } })).expect(201);
    });

    it('refuses unknown, other-environment, inactive and repeated required skills', async () => {
      const gas = await createSkill('Gas');
      const retired = await createSkill('Retired');
      await owner.client.patch(`${base()}/skills/${retired}`, { active: false }).expect(200);
      const elsewhere = await createSkill('Elsewhere', owner.sandboxId);
      const body = await refused(
        aServiceType({
          requiredSkills: [
            { skillId: gas, minProficiency: 2 },
            { skillId: UNKNOWN_ID, minProficiency: 2 },
            { skillId: elsewhere, minProficiency: 2 },
            { skillId: retired, minProficiency: 2 },
            { skillId: gas, minProficiency: 4 },
          ],
        }),
      );
      expect(codes(body)).toEqual([
        'requiredSkills.1.skillId:unknownSkill',
        'requiredSkills.2.skillId:unknownSkill',
        'requiredSkills.3.skillId:inactiveSkill',
        'requiredSkills.4.skillId:duplicateSkill',
      ]);
    });
  });

  describe('list', () => {
    it('pages, searches name and external key, sorts and filters', async () => {
      await createServiceType({ name: 'Boiler repair', durationMinutes: 120, portalEnabled: true });
      await createServiceType({ name: 'AC install', durationMinutes: 240, externalKey: 'AC-9' });
      const retired = await createServiceType({ name: 'Chimney sweep', durationMinutes: 60, portalEnabled: true });
      await owner.client.patch(`${serviceTypes()}/${retired}`, { active: false }).expect(200);

      const names = async (query: string) => (await owner.client.get(`${serviceTypes()}${query}`).expect(200)).body.items.map((item: { name: string }) => item.name);
      expect(await names('')).toEqual(['AC install', 'Boiler repair']);
      expect(await names('?includeInactive=true&sort=durationMinutes&order=desc')).toEqual(['AC install', 'Boiler repair', 'Chimney sweep']);
      expect(await names('?includeInactive=true&limit=1&offset=1')).toEqual(['Boiler repair']);
      expect(await names('?q=boiler')).toEqual(['Boiler repair']);
      expect(await names('?q=ac-')).toEqual(['AC install']);
      expect(await names('?portalEnabled=true')).toEqual(['Boiler repair']);
      expect(await names('?portalEnabled=true&includeInactive=true')).toEqual(['Boiler repair', 'Chimney sweep']);
      expect(await names('?portalEnabled=false')).toEqual(['AC install']);
      expect(await names('?active=false')).toEqual(['Chimney sweep']);

      const page = await owner.client.get(`${serviceTypes()}?includeInactive=true&limit=2`).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    });

    it('refuses an unknown sort field and a non-boolean filter', async () => {
      const sort = await owner.client.get(`${serviceTypes()}?sort=display_names`).expect(400);
      expect(sort.body.details).toEqual([{ field: 'sort', code: 'isIn', message: 'Sort must be one of: name, durationMinutes, createdAt, updatedAt.' }]);
      const filter = await owner.client.get(`${serviceTypes()}?portalEnabled=1`).expect(400);
      expect(codes(filter.body)).toEqual(['portalEnabled:isBoolean']);
    });
  });

  describe('update, deactivate, delete', () => {
    it('changes fields and replaces required skills and display names as a whole', async () => {
      const gas = await createSkill('Gas');
      const water = await createSkill('Water');
      const id = await createServiceType({ description: 'Old', displayNames: { en: 'Tune-up', de: 'Wartung' }, requiredSkills: [{ skillId: gas, minProficiency: 2 }] });
      const res = await owner.client
        .patch(`${serviceTypes()}/${id}`, {
          name: 'Annual service',
          description: null,
          durationMinutes: 45,
          portalEnabled: true,
          displayNames: { fr: 'Entretien annuel' },
          requiredSkills: [{ skillId: water, minProficiency: 5 }],
        })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'Annual service', description: null, durationMinutes: 45, portalEnabled: true, displayNames: { fr: 'Entretien annuel' } });
      expect(res.body.requiredSkills).toEqual([{ skillId: water, skillName: 'Water', minProficiency: 5, skillActive: true }]);

      const untouched = await owner.client.patch(`${serviceTypes()}/${id}`, { durationMinutes: 60 }).expect(200);
      expect(untouched.body).toMatchObject({ displayNames: { fr: 'Entretien annuel' }, requiredSkills: [{ skillId: water }] });
      const cleared = await owner.client.patch(`${serviceTypes()}/${id}`, { requiredSkills: [], displayNames: {} }).expect(200);
      expect(cleared.body).toMatchObject({ requiredSkills: [], displayNames: {} });
    });

    it('refuses bad changes and changes nothing', async () => {
      const gas = await createSkill('Gas');
      const id = await createServiceType({ displayNames: { en: 'Tune-up' }, requiredSkills: [{ skillId: gas, minProficiency: 2 }] });
      const before = (await owner.client.get(`${serviceTypes()}/${id}`).expect(200)).body;
      const duration = await owner.client.patch(`${serviceTypes()}/${id}`, { name: 'Changed', durationMinutes: 0 }).expect(400);
      expect(codes(duration.body)).toEqual(['durationMinutes:min']);
      const language = await owner.client.patch(`${serviceTypes()}/${id}`, { name: 'Changed', displayNames: { it: 'Manutenzione' } }).expect(400);
      expect(codes(language.body)).toEqual(['displayNames.it:unknownLanguage']);
      const skill = await owner.client.patch(`${serviceTypes()}/${id}`, { name: 'Changed', requiredSkills: [{ skillId: UNKNOWN_ID, minProficiency: 1 }] }).expect(400);
      expect(codes(skill.body)).toEqual(['requiredSkills.0.skillId:unknownSkill']);
      const nulls = await owner.client.patch(`${serviceTypes()}/${id}`, { name: null, durationMinutes: null, requiredSkills: null }).expect(400);
      expect(codes(nulls.body)).toEqual(['name:isNotEmpty', 'durationMinutes:isNotEmpty', 'requiredSkills:isNotEmpty']);
      expect((await owner.client.get(`${serviceTypes()}/${id}`).expect(200)).body).toEqual(before);
    });

    it('refuses a taken external key with 409', async () => {
      await createServiceType({ externalKey: 'ST-1' });
      const res = await owner.client.post(serviceTypes(), aServiceType({ name: 'Other', externalKey: 'ST-1' })).expect(409);
      expect(res.body.code).toBe('externalKeyTaken');
      expect(await rowCount('incident_type')).toBe(1);
    });

    it('refuses to deactivate a service type open work orders use, says how many, and changes nothing', async () => {
      const id = await createServiceType({ name: 'Leak repair' });
      await insertWorkOrder(id, 'scheduled');
      await insertWorkOrder(id, 'completed');
      const res = await owner.client.patch(`${serviceTypes()}/${id}`, { active: false, durationMinutes: 30 }).expect(409);
      expect(res.body).toMatchObject({
        code: 'serviceTypeInUse',
        message: '“Leak repair” is used by 1 open work order(s). Complete or cancel them before deactivating.',
      });
      expect((await owner.client.get(`${serviceTypes()}/${id}`).expect(200)).body).toMatchObject({ active: true, durationMinutes: 90 });
    });

    it('deactivates one whose work orders are done, hides it, and reactivates it', async () => {
      const id = await createServiceType();
      await insertWorkOrder(id, 'completed');
      await insertWorkOrder(id, 'canceled');
      await owner.client.patch(`${serviceTypes()}/${id}`, { active: false }).expect(200);
      expect((await owner.client.get(serviceTypes()).expect(200)).body.total).toBe(0);
      const back = await owner.client.patch(`${serviceTypes()}/${id}`, { active: true }).expect(200);
      expect(back.body.active).toBe(true);
    });

    it('deletes an unused service type with its required skills, and keeps the skills', async () => {
      const gas = await createSkill('Gas');
      const id = await createServiceType({ requiredSkills: [{ skillId: gas, minProficiency: 2 }] });
      await owner.client.delete(`${serviceTypes()}/${id}`).expect(204);
      await owner.client.get(`${serviceTypes()}/${id}`).expect(404);
      expect(await rowCount('incident_type_skill')).toBe(0);
      await owner.client.delete(`${base()}/skills/${gas}`).expect(204);
    });

    it('refuses to delete a service type any work order used, and deletes nothing', async () => {
      const id = await createServiceType({ name: 'Leak repair' });
      await insertWorkOrder(id, 'completed');
      const res = await owner.client.delete(`${serviceTypes()}/${id}`).expect(409);
      expect(res.body.message).toBe('“Leak repair” is used by 1 work order(s) and cannot be deleted. Deactivate it instead.');
      await owner.client.get(`${serviceTypes()}/${id}`).expect(200);
    });

    it('keeps a required skill from being deleted, through the skills API', async () => {
      const gas = await createSkill('Gas');
      await createServiceType({ requiredSkills: [{ skillId: gas, minProficiency: 2 }] });
      const res = await owner.client.delete(`${base()}/skills/${gas}`).expect(409);
      expect(res.body.message).toContain('required by 1 service type(s)');
    });
  });

  describe('not found, roles and audit', () => {
    it('answers 404 for unknown, malformed and other-environment ids', async () => {
      const malformed = await owner.client.get(`${serviceTypes()}/nope`).expect(404);
      expect(malformed.body.message).toBe('Service type not found.');
      await owner.client.get(`${serviceTypes()}/${UNKNOWN_ID}`).expect(404);
      await owner.client.patch(`${serviceTypes()}/${UNKNOWN_ID}`, { name: 'X' }).expect(404);
      await owner.client.delete(`${serviceTypes()}/${UNKNOWN_ID}`).expect(404);
      const sandbox = await createServiceType({ name: 'Sandbox type' }, owner.sandboxId);
      await owner.client.get(`${serviceTypes()}/${sandbox}`).expect(404);
      await owner.client.patch(`${serviceTypes()}/${sandbox}`, { name: 'Moved' }).expect(404);
      await owner.client.delete(`${serviceTypes()}/${sandbox}`).expect(404);
      expect((await owner.client.get(`${serviceTypes(owner.sandboxId)}/${sandbox}`).expect(200)).body.name).toBe('Sandbox type');
    });

    it('lets a dispatcher read but not change service types', async () => {
      const id = await createServiceType();
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      await dispatcher.client.get(serviceTypes()).expect(200);
      await dispatcher.client.get(`${serviceTypes()}/${id}`).expect(200);
      await dispatcher.client.post(serviceTypes(), aServiceType({ name: 'Sneaky' })).expect(403);
      await dispatcher.client.patch(`${serviceTypes()}/${id}`, { active: false }).expect(403);
      await dispatcher.client.delete(`${serviceTypes()}/${id}`).expect(403);
      expect((await owner.client.get(`${serviceTypes()}/${id}`).expect(200)).body.active).toBe(true);
      expect(await rowCount('incident_type')).toBe(1);
    });

    it('records changes in the audit trail', async () => {
      const id = await createServiceType();
      await owner.client.patch(`${serviceTypes()}/${id}`, { durationMinutes: 30 }).expect(200);
      await owner.client.patch(`${serviceTypes()}/${id}`, { active: false }).expect(200);
      await owner.client.patch(`${serviceTypes()}/${id}`, { active: true }).expect(200);
      await owner.client.delete(`${serviceTypes()}/${id}`).expect(204);
      const audit = await owner.client.get(`${base()}/audit-events?limit=5`).expect(200);
      expect(audit.body.items.map((event: { action: string }) => event.action).reverse()).toEqual([
        'serviceType.created',
        'serviceType.updated',
        'serviceType.deactivated',
        'serviceType.reactivated',
        'serviceType.deleted',
      ]);
      expect(audit.body.items[3].details).toMatchObject({ serviceTypeId: id, change: { durationMinutes: 30 } });
    });
  });
});
