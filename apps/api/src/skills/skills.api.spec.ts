import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

describe('skills', () => {
  let t: TestApp;
  let owner: SignedUp;
  const skills = () => `/api/environments/${owner.productionId}/skills`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  it('creates, reads, renames and lists skills with search, sort and paging', async () => {
    const created = await owner.client.post(skills(), { name: 'Gas furnace repair', externalKey: 'GAS-1' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Gas furnace repair', externalKey: 'GAS-1', active: true });
    await owner.client.post(skills(), { name: 'Heat pump install' }).expect(201);
    await owner.client.post(skills(), { name: 'Ductwork' }).expect(201);

    await owner.client.get(`${skills()}/${created.body.id}`).expect(200);
    const renamed = await owner.client.patch(`${skills()}/${created.body.id}`, { name: 'Gas furnace service' }).expect(200);
    expect(renamed.body.name).toBe('Gas furnace service');

    const all = await owner.client.get(`${skills()}?sort=name&order=desc&limit=2`).expect(200);
    expect(all.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(all.body.items.map((skill: { name: string }) => skill.name)).toEqual(['Heat pump install', 'Gas furnace service']);
    const search = await owner.client.get(`${skills()}?q=FURNACE`).expect(200);
    expect(search.body.items.map((skill: { name: string }) => skill.name)).toEqual(['Gas furnace service']);
  });

  it('treats search text literally (no wildcards)', async () => {
    await owner.client.post(skills(), { name: 'Boilers' }).expect(201);
    const res = await owner.client.get(`${skills()}?q=%25`).expect(200);
    expect(res.body.total).toBe(0);
  });

  it('hides deactivated skills unless asked, and can reactivate them', async () => {
    const { body } = await owner.client.post(skills(), { name: 'Refrigerant handling' }).expect(201);
    await owner.client.patch(`${skills()}/${body.id}`, { active: false }).expect(200);
    expect((await owner.client.get(skills()).expect(200)).body.total).toBe(0);
    expect((await owner.client.get(`${skills()}?includeInactive=true`).expect(200)).body.total).toBe(1);
    await owner.client.patch(`${skills()}/${body.id}`, { active: true }).expect(200);
    expect((await owner.client.get(skills()).expect(200)).body.total).toBe(1);
  });

  it('refuses a duplicate name (any case) and a duplicate external key with 409', async () => {
    await owner.client.post(skills(), { name: 'Wiring', externalKey: 'W-1' }).expect(201);
    const name = await owner.client.post(skills(), { name: 'WIRING' }).expect(409);
    expect(name.body.message).toBe('A skill named “WIRING” already exists.');
    const key = await owner.client.post(skills(), { name: 'Other', externalKey: 'W-1' }).expect(409);
    expect(key.body.code).toBe('externalKeyTaken');
  });

  it('lets the same name exist in another environment', async () => {
    await owner.client.post(skills(), { name: 'Wiring' }).expect(201);
    await owner.client.post(`/api/environments/${owner.sandboxId}/skills`, { name: 'Wiring' }).expect(201);
  });

  it('deletes an unused skill', async () => {
    const { body } = await owner.client.post(skills(), { name: 'Temporary' }).expect(201);
    await owner.client.delete(`${skills()}/${body.id}`).expect(204);
    await owner.client.get(`${skills()}/${body.id}`).expect(404);
  });

  it('refuses to delete a skill a service type requires, says why, and deletes nothing', async () => {
    const { body } = await owner.client.post(skills(), { name: 'Electrical' }).expect(201);
    await t.owner.query(
      `WITH it AS (INSERT INTO incident_type (environment_id, name, duration_minutes) VALUES ($1, 'Panel check', 60) RETURNING id)
       INSERT INTO incident_type_skill (environment_id, incident_type_id, skill_id, min_proficiency) SELECT $1, id, $2, 3 FROM it`,
      [owner.productionId, body.id],
    );
    const res = await owner.client.delete(`${skills()}/${body.id}`).expect(409);
    expect(res.body.message).toBe(
      '“Electrical” is held by 0 technician(s) and required by 1 service type(s). Deactivate it instead, or remove it from them first.',
    );
    await owner.client.get(`${skills()}/${body.id}`).expect(200);
  });

  it('answers 404 for unknown and malformed ids', async () => {
    await owner.client.get(`${skills()}/00000000-0000-4000-8000-000000000000`).expect(404);
    const res = await owner.client.get(`${skills()}/nope`).expect(404);
    expect(res.body.message).toBe('Skill not found.');
  });

  it('refuses bad input with field details and an unknown sort field by name', async () => {
    const res = await owner.client.post(skills(), { name: '', color: 'red' }).expect(400);
    expect(res.body.details.map((detail: { field: string; code: string }) => `${detail.field}:${detail.code}`)).toEqual(['color:unknownField', 'name:isNotEmpty']);
    const sort = await owner.client.get(`${skills()}?sort=password`).expect(400);
    expect(sort.body.details).toEqual([{ field: 'sort', code: 'isIn', message: 'Sort must be one of: name, createdAt, updatedAt.' }]);
  });

  it('lets a dispatcher read but not change skills', async () => {
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await dispatcher.client.get(skills()).expect(200);
    await dispatcher.client.post(skills(), { name: 'Sneaky' }).expect(403);
  });

  it('records changes in the audit trail', async () => {
    const { body } = await owner.client.post(skills(), { name: 'Audited' }).expect(201);
    await owner.client.patch(`${skills()}/${body.id}`, { name: 'Audited twice' }).expect(200);
    const audit = await owner.client.get(`/api/environments/${owner.productionId}/audit-events`).expect(200);
    expect(audit.body.items.slice(0, 2).map((event: { action: string }) => event.action)).toEqual(['skill.updated', 'skill.created']);
  });
});
