import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

type Detail = { field: string; code: string; message: string };
const codes = (body: { details?: Detail[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);

describe('technicians', () => {
  let t: TestApp;
  let owner: SignedUp;
  const base = (environmentId = owner.productionId) => `/api/environments/${environmentId}`;
  const technicians = (environmentId?: string) => `${base(environmentId)}/technicians`;
  const aTechnician = (overrides: Record<string, unknown> = {}) => ({ name: 'Jordan Reyes', homeLat: 52.52, homeLng: 13.405, timeZone: 'Europe/Berlin', ...overrides });

  async function createSkill(name: string, environmentId = owner.productionId): Promise<string> {
    const res = await owner.client.post(`${base(environmentId)}/skills`, { name }).expect(201);
    return res.body.id;
  }

  async function createTechnician(overrides: Record<string, unknown> = {}, environmentId?: string): Promise<string> {
    const res = await owner.client.post(technicians(environmentId), aTechnician(overrides)).expect(201);
    return res.body.id;
  }

  async function rowCount(table: string, environmentId = owner.productionId): Promise<number> {
    const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE environment_id = $1`, [environmentId]);
    return rows[0].n;
  }

  /** A booking of `technicianId` from `startsInHours` for two hours, with the account, service type and work order it needs. */
  async function insertBooking(technicianId: string, startsInHours: number, status = 'scheduled'): Promise<void> {
    const environmentId = owner.productionId;
    const address = `'1 Main St', 'Berlin', 'DE', 52.5, 13.4, 'Europe/Berlin'`;
    await t.owner.query(
      `WITH a AS (INSERT INTO account (environment_id, name, address_line1, city, country, lat, lng, time_zone)
                  VALUES ($1, 'Customer', ${address}) RETURNING id),
            it AS (INSERT INTO incident_type (environment_id, name, duration_minutes) VALUES ($1, 'Repair', 120) RETURNING id),
            wo AS (INSERT INTO work_order (environment_id, reference, account_id, incident_type_id, address_line1, city, country, lat, lng, time_zone)
                   SELECT $1, 'WO-' || upper(substr(md5(random()::text), 1, 8)), a.id, it.id, ${address} FROM a, it RETURNING id)
       INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, status, source)
       SELECT $1, wo.id, $2, now() + make_interval(hours => $3), now() + make_interval(hours => $3 + 2), $4, 'office' FROM wo`,
      [environmentId, technicianId, startsInHours, status],
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
    it('creates a technician with skills and weekly hours in one request and reads them back', async () => {
      const furnace = await createSkill('Furnace repair');
      const ducts = await createSkill('Ductwork');
      const created = await owner.client
        .post(
          technicians(),
          aTechnician({
            email: 'Jordan@Example.test',
            phone: '+49 30 1234567',
            externalKey: 'T-1',
            skills: [
              { skillId: furnace, proficiency: 4 },
              { skillId: ducts, proficiency: 2 },
            ],
            weeklyHours: [
              { weekday: 2, start: '08:00', end: '12:00' },
              { weekday: 1, start: '13:00', end: '17:00' },
              { weekday: 1, start: '08:00', end: '12:00' },
              { weekday: 5, start: '22:00', end: '24:00' },
            ],
          }),
        )
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Jordan Reyes',
        email: 'jordan@example.test',
        phone: '+49301234567',
        homeLat: 52.52,
        homeLng: 13.405,
        timeZone: 'Europe/Berlin',
        externalKey: 'T-1',
        active: true,
        upcomingTimeOff: [],
      });
      expect(created.body.skills).toEqual([
        { skillId: ducts, skillName: 'Ductwork', proficiency: 2, skillActive: true },
        { skillId: furnace, skillName: 'Furnace repair', proficiency: 4, skillActive: true },
      ]);
      expect(created.body.weeklyHours).toEqual([
        { weekday: 1, start: '08:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 5, start: '22:00', end: '24:00' },
      ]);

      const read = await owner.client.get(`${technicians()}/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
      const { rows } = await t.owner.query(`SELECT start_minute, end_minute FROM work_hours WHERE resource_id = $1 AND weekday = 5`, [created.body.id]);
      expect(rows).toEqual([{ start_minute: 1320, end_minute: 1440 }]);
    });

    it('creates a technician with nothing but the required fields', async () => {
      const res = await owner.client.post(technicians(), aTechnician()).expect(201);
      expect(res.body).toMatchObject({ email: null, phone: null, externalKey: null, skills: [], weeklyHours: [], upcomingTimeOff: [] });
    });

    it('stores a time zone in its canonical spelling', async () => {
      const res = await owner.client.post(technicians(), aTechnician({ timeZone: 'america/new_york' })).expect(201);
      expect(res.body.timeZone).toBe('America/New_York');
    });
  });

  describe('bad input on create writes nothing', () => {
    let skillId: string;
    beforeEach(async () => {
      skillId = await createSkill('Wiring');
    });

    async function refused(body: Record<string, unknown>): Promise<{ details: Detail[]; message: string }> {
      const res = await owner.client.post(technicians(), body).expect(400);
      expect(res.body.code).toBe('validation');
      expect(await rowCount('resource')).toBe(0);
      expect(await rowCount('resource_skill')).toBe(0);
      expect(await rowCount('work_hours')).toBe(0);
      return res.body;
    }

    it.each(['Mars/Olympus_Mons', '+01:00', 'Berlin', 'EST', 'Europe/Berlin/Mitte'])('refuses the time zone %p', async (timeZone) => {
      const body = await refused(aTechnician({ timeZone }));
      expect(codes(body)).toEqual(['timeZone:timeZone']);
    });

    it('explains an unknown time zone in words', async () => {
      const body = await refused(aTechnician({ timeZone: 'Mars/Olympus_Mons' }));
      expect(body.details[0].message).toBe('Time zone must be an IANA time zone such as Europe/Berlin or America/New_York; “Mars/Olympus_Mons” is not one.');
    });

    it('explains it in the caller’s language', async () => {
      const res = await owner.client.post(technicians(), aTechnician({ timeZone: 'Mars/Olympus_Mons' })).set('Accept-Language', 'de').expect(400);
      expect(res.body.details[0].message).toBe('Zeitzone muss eine IANA-Zeitzone wie Europe/Berlin oder America/New_York sein; „Mars/Olympus_Mons“ ist keine.');
    });

    it.each([
      [{ homeLat: 90.5 }, 'homeLat:max'],
      [{ homeLat: -91 }, 'homeLat:min'],
      [{ homeLng: 180.01 }, 'homeLng:max'],
      [{ homeLng: -181 }, 'homeLng:min'],
      [{ homeLat: '52.5' }, 'homeLat:isNumber'],
      [{ homeLat: undefined }, 'homeLat:isNotEmpty'],
      [{ homeLng: null }, 'homeLng:isNotEmpty'],
      [{ name: '' }, 'name:isNotEmpty'],
      [{ email: 'not-an-email' }, 'email:isEmail'],
      [{ phone: '030 1234567' }, 'phone:phoneNumber'],
      [{ timeZone: undefined }, 'timeZone:isNotEmpty'],
      [{ color: 'blue' }, 'color:unknownField'],
    ])('refuses %p', async (overrides, expected) => {
      const body = await refused(aTechnician(overrides));
      expect(codes(body)).toEqual([expected]);
    });

    it('refuses overlapping weekly hours with the stretches named', async () => {
      const body = await refused(
        aTechnician({
          skills: [{ skillId, proficiency: 3 }],
          weeklyHours: [
            { weekday: 1, start: '08:00', end: '12:00' },
            { weekday: 1, start: '11:30', end: '15:00' },
          ],
        }),
      );
      expect(body.details).toEqual([{ field: 'weeklyHours.1', code: 'hoursOverlap', message: '11:30–15:00 overlaps 08:00–12:00 on the same day.' }]);
    });

    it('refuses a stretch that ends before it starts, and malformed times, per item', async () => {
      const body = await refused(
        aTechnician({
          weeklyHours: [
            { weekday: 1, start: '17:00', end: '08:00' },
            { weekday: 2, start: '8:00', end: '17:00' },
            { weekday: 3, start: '24:00', end: '24:00' },
          ],
        }),
      );
      expect(codes(body)).toEqual(['weeklyHours.0.end:endNotAfterStart', 'weeklyHours.1.start:clockTime', 'weeklyHours.2.start:clockTime']);
      expect(body.details[0].message).toBe('The end (08:00) must be later than the start (17:00).');
      expect(body.details[1].message).toBe('Start must be a time of day written HH:mm (00:00 to 23:59; an end may be 24:00), not “8:00”.');
    });

    it.each([
      [{ weekday: 0, start: '08:00', end: '12:00' }, 'weeklyHours.0.weekday:min'],
      [{ weekday: 8, start: '08:00', end: '12:00' }, 'weeklyHours.0.weekday:max'],
      [{ weekday: 1, start: '08:00' }, 'weeklyHours.0.end:isNotEmpty'],
    ])('refuses the weekly-hours item %p', async (item, expected) => {
      const body = await refused(aTechnician({ weeklyHours: [item] }));
      expect(codes(body)).toEqual([expected]);
    });

    it('refuses unknown, inactive, duplicated and badly rated skills', async () => {
      const retired = await createSkill('Retired');
      await owner.client.patch(`${base()}/skills/${retired}`, { active: false }).expect(200);
      const body = await refused(
        aTechnician({
          skills: [
            { skillId, proficiency: 3 },
            { skillId: UNKNOWN_ID, proficiency: 3 },
            { skillId: retired, proficiency: 3 },
            { skillId, proficiency: 5 },
          ],
        }),
      );
      expect(codes(body)).toEqual(['skills.1.skillId:unknownSkill', 'skills.2.skillId:inactiveSkill', 'skills.3.skillId:duplicateSkill']);
      expect(body.details[1].message).toBe('The skill “Retired” is deactivated. Reactivate it or choose another.');

      const rating = await refused(aTechnician({ skills: [{ skillId, proficiency: 6 }, { skillId: 'nope', proficiency: 0 }] }));
      expect(codes(rating)).toEqual(['skills.0.proficiency:max', 'skills.1.skillId:isUuid', 'skills.1.proficiency:min']);
    });

    it("refuses a skill of another environment as unknown", async () => {
      const sandboxSkill = await createSkill('Sandbox only', owner.sandboxId);
      const body = await refused(aTechnician({ skills: [{ skillId: sandboxSkill, proficiency: 3 }] }));
      expect(body.details).toEqual([{ field: 'skills.0.skillId', code: 'unknownSkill', message: 'No skill with this id exists in this environment.' }]);
    });

    it('reports every problem of the request at once', async () => {
      const body = await refused(
        aTechnician({ timeZone: 'Nowhere', phone: '12', weeklyHours: [{ weekday: 1, start: '10:00', end: '09:00' }], skills: [{ skillId: UNKNOWN_ID, proficiency: 1 }] }),
      );
      expect(codes(body)).toEqual(['timeZone:timeZone', 'phone:phoneNumber', 'weeklyHours.0.end:endNotAfterStart', 'skills.0.skillId:unknownSkill']);
    });
  });

  describe('list', () => {
    it('pages, searches name, email and external key, and sorts', async () => {
      await createTechnician({ name: 'Alex Kim', email: 'alex@example.test' });
      await createTechnician({ name: 'Sam Ortiz', externalKey: 'HR-77' });
      await createTechnician({ name: 'Chris Obi' });

      const page = await owner.client.get(`${technicians()}?sort=name&order=desc&limit=2`).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(page.body.items.map((item: { name: string }) => item.name)).toEqual(['Sam Ortiz', 'Chris Obi']);
      const next = await owner.client.get(`${technicians()}?sort=name&order=desc&limit=2&offset=2`).expect(200);
      expect(next.body.items.map((item: { name: string }) => item.name)).toEqual(['Alex Kim']);

      const byEmail = await owner.client.get(`${technicians()}?q=ALEX@EXAMPLE`).expect(200);
      expect(byEmail.body.items.map((item: { name: string }) => item.name)).toEqual(['Alex Kim']);
      const byKey = await owner.client.get(`${technicians()}?q=hr-7`).expect(200);
      expect(byKey.body.items.map((item: { name: string }) => item.name)).toEqual(['Sam Ortiz']);
      expect((await owner.client.get(`${technicians()}?q=%25`).expect(200)).body.total).toBe(0);

      const byCreation = await owner.client.get(`${technicians()}?sort=createdAt`).expect(200);
      expect(byCreation.body.items.map((item: { name: string }) => item.name)).toEqual(['Alex Kim', 'Sam Ortiz', 'Chris Obi']);
    });

    it('filters by skill and by active, and hides deactivated technicians unless asked', async () => {
      const gas = await createSkill('Gas');
      const withGas = await createTechnician({ name: 'Has Gas', skills: [{ skillId: gas, proficiency: 3 }] });
      const retired = await createTechnician({ name: 'Retired' });
      await createTechnician({ name: 'Plain' });
      await owner.client.patch(`${technicians()}/${retired}`, { active: false }).expect(200);

      const bySkill = await owner.client.get(`${technicians()}?skillId=${gas}`).expect(200);
      expect(bySkill.body.items.map((item: { id: string }) => item.id)).toEqual([withGas]);
      expect(bySkill.body.items[0].skills).toEqual([{ skillId: gas, skillName: 'Gas', proficiency: 3, skillActive: true }]);

      const names = async (query: string) => (await owner.client.get(`${technicians()}${query}`).expect(200)).body.items.map((item: { name: string }) => item.name);
      expect(await names('')).toEqual(['Has Gas', 'Plain']);
      expect(await names('?includeInactive=true')).toEqual(['Has Gas', 'Plain', 'Retired']);
      expect(await names('?active=false')).toEqual(['Retired']);
      expect(await names('?active=true&includeInactive=true')).toEqual(['Has Gas', 'Plain']);
    });

    it('refuses an unknown sort field, a malformed skill filter and a non-boolean active filter', async () => {
      const sort = await owner.client.get(`${technicians()}?sort=homeLat`).expect(400);
      expect(sort.body.details).toEqual([{ field: 'sort', code: 'isIn', message: 'Sort must be one of: name, email, timeZone, createdAt, updatedAt.' }]);
      const skill = await owner.client.get(`${technicians()}?skillId=gas`).expect(400);
      expect(codes(skill.body)).toEqual(['skillId:isUuid']);
      const active = await owner.client.get(`${technicians()}?active=yes`).expect(400);
      expect(codes(active.body)).toEqual(['active:isBoolean']);
    });
  });

  describe('update, deactivate, delete', () => {
    it('changes fields, and clears optional ones with null', async () => {
      const id = await createTechnician({ email: 'a@example.test', phone: '+4930123456', externalKey: 'K-1' });
      const res = await owner.client
        .patch(`${technicians()}/${id}`, { name: 'Jordan R.', email: null, phone: null, externalKey: null, homeLat: -33.87, homeLng: 151.21, timeZone: 'Australia/Sydney' })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'Jordan R.', email: null, phone: null, externalKey: null, homeLat: -33.87, homeLng: 151.21, timeZone: 'Australia/Sydney' });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
    });

    it('refuses bad changes and changes nothing', async () => {
      const id = await createTechnician();
      const before = (await owner.client.get(`${technicians()}/${id}`).expect(200)).body;
      const zone = await owner.client.patch(`${technicians()}/${id}`, { name: 'New name', timeZone: 'Atlantis/Capital' }).expect(400);
      expect(codes(zone.body)).toEqual(['timeZone:timeZone']);
      const nulls = await owner.client.patch(`${technicians()}/${id}`, { name: null, homeLat: null, active: null }).expect(400);
      expect(codes(nulls.body)).toEqual(['name:isNotEmpty', 'homeLat:isNotEmpty', 'active:isNotEmpty']);
      await owner.client.patch(`${technicians()}/${id}`, { homeLng: 200 }).expect(400);
      await owner.client.patch(`${technicians()}/${id}`, { phone: 'call me' }).expect(400);
      expect((await owner.client.get(`${technicians()}/${id}`).expect(200)).body).toEqual(before);
    });

    it('refuses a taken external key with 409, but not in another environment', async () => {
      await createTechnician({ externalKey: 'EMP-1' });
      const res = await owner.client.post(technicians(), aTechnician({ name: 'Other', externalKey: 'EMP-1' })).expect(409);
      expect(res.body.message).toBe('Another record already uses the external key “EMP-1”.');
      const second = await createTechnician({ externalKey: 'EMP-2' });
      await owner.client.patch(`${technicians()}/${second}`, { externalKey: 'EMP-1' }).expect(409);
      await createTechnician({ externalKey: 'EMP-1' }, owner.sandboxId);
      expect(await rowCount('resource')).toBe(2);
    });

    it('refuses to deactivate a technician with upcoming bookings, says how many, and changes nothing', async () => {
      const id = await createTechnician({ name: 'Busy Bee' });
      await insertBooking(id, 24);
      await insertBooking(id, 48, 'traveling');
      const res = await owner.client.patch(`${technicians()}/${id}`, { active: false, name: 'Renamed' }).expect(409);
      expect(res.body).toMatchObject({
        code: 'technicianHasUpcomingBookings',
        message: 'Busy Bee has 2 upcoming booking(s). Reassign or cancel them before deactivating.',
      });
      const after = await owner.client.get(`${technicians()}/${id}`).expect(200);
      expect(after.body).toMatchObject({ name: 'Busy Bee', active: true });
      const { rows } = await t.owner.query(`SELECT status FROM booking WHERE resource_id = $1 ORDER BY starts_at`, [id]);
      expect(rows.map((row) => row.status)).toEqual(['scheduled', 'traveling']);
    });

    it('deactivates a technician whose bookings are over or canceled, and reactivates', async () => {
      const id = await createTechnician();
      await insertBooking(id, -48, 'completed');
      await insertBooking(id, -72);
      await insertBooking(id, 24, 'canceled');
      const off = await owner.client.patch(`${technicians()}/${id}`, { active: false }).expect(200);
      expect(off.body.active).toBe(false);
      expect((await owner.client.get(technicians()).expect(200)).body.total).toBe(0);
      const on = await owner.client.patch(`${technicians()}/${id}`, { active: true }).expect(200);
      expect(on.body.active).toBe(true);
    });

    it('deletes a technician who never had a booking, with skills, hours and time off', async () => {
      const skillId = await createSkill('Pumps');
      const id = await createTechnician({ skills: [{ skillId, proficiency: 2 }], weeklyHours: [{ weekday: 1, start: '08:00', end: '16:00' }] });
      await owner.client.post(`${technicians()}/${id}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }).expect(201);
      await owner.client.delete(`${technicians()}/${id}`).expect(204);
      await owner.client.get(`${technicians()}/${id}`).expect(404);
      expect([await rowCount('resource'), await rowCount('resource_skill'), await rowCount('work_hours'), await rowCount('time_off')]).toEqual([0, 0, 0, 0]);
      await owner.client.get(`${base()}/skills/${skillId}`).expect(200);
    });

    it('refuses to delete a technician with booking history and deletes nothing', async () => {
      const id = await createTechnician({ name: 'Veteran' });
      await insertBooking(id, -24, 'completed');
      const res = await owner.client.delete(`${technicians()}/${id}`).expect(409);
      expect(res.body.message).toBe('Veteran has 1 booking(s) on record and cannot be deleted. Deactivate instead.');
      await owner.client.get(`${technicians()}/${id}`).expect(200);
    });
  });

  describe('skills', () => {
    it('replaces the full set, adds one, changes a proficiency and removes one', async () => {
      const [a, b, c] = [await createSkill('Alpha'), await createSkill('Beta'), await createSkill('Gamma')];
      const id = await createTechnician({ skills: [{ skillId: a, proficiency: 1 }] });

      const replaced = await owner.client.put(`${technicians()}/${id}/skills`, { skills: [{ skillId: b, proficiency: 2 }, { skillId: c, proficiency: 3 }] }).expect(200);
      expect(replaced.body.map((skill: { skillName: string; proficiency: number }) => `${skill.skillName}:${skill.proficiency}`)).toEqual(['Beta:2', 'Gamma:3']);

      await owner.client.put(`${technicians()}/${id}/skills/${a}`, { proficiency: 5 }).expect(200);
      const changed = await owner.client.put(`${technicians()}/${id}/skills/${b}`, { proficiency: 4 }).expect(200);
      expect(changed.body.map((skill: { skillName: string; proficiency: number }) => `${skill.skillName}:${skill.proficiency}`)).toEqual(['Alpha:5', 'Beta:4', 'Gamma:3']);

      await owner.client.delete(`${technicians()}/${id}/skills/${c}`).expect(204);
      const held = await owner.client.get(`${technicians()}/${id}/skills`).expect(200);
      expect(held.body.map((skill: { skillName: string }) => skill.skillName)).toEqual(['Alpha', 'Beta']);

      const cleared = await owner.client.put(`${technicians()}/${id}/skills`, { skills: [] }).expect(200);
      expect(cleared.body).toEqual([]);
    });

    it('refuses a bad full set and keeps the skills as they were', async () => {
      const a = await createSkill('Alpha');
      const id = await createTechnician({ skills: [{ skillId: a, proficiency: 3 }] });
      const unknown = await owner.client.put(`${technicians()}/${id}/skills`, { skills: [{ skillId: UNKNOWN_ID, proficiency: 3 }] }).expect(400);
      expect(codes(unknown.body)).toEqual(['skills.0.skillId:unknownSkill']);
      const rating = await owner.client.put(`${technicians()}/${id}/skills`, { skills: [{ skillId: a, proficiency: 0 }] }).expect(400);
      expect(codes(rating.body)).toEqual(['skills.0.proficiency:min']);
      const missing = await owner.client.put(`${technicians()}/${id}/skills`, {}).expect(400);
      expect(codes(missing.body)).toEqual(['skills:isNotEmpty']);
      const notArray = await owner.client.put(`${technicians()}/${id}/skills`, { skills: 'Alpha' }).expect(400);
      expect(codes(notArray.body)).toEqual(['skills:invalid']);
      const held = await owner.client.get(`${technicians()}/${id}/skills`).expect(200);
      expect(held.body).toEqual([{ skillId: a, skillName: 'Alpha', proficiency: 3, skillActive: true }]);
    });

    it('answers 404 for an unknown or other-environment skill and 400 for an inactive one when adding one', async () => {
      const id = await createTechnician();
      const unknown = await owner.client.put(`${technicians()}/${id}/skills/${UNKNOWN_ID}`, { proficiency: 3 }).expect(404);
      expect(unknown.body.message).toBe('Skill not found.');
      const sandboxSkill = await createSkill('Elsewhere', owner.sandboxId);
      await owner.client.put(`${technicians()}/${id}/skills/${sandboxSkill}`, { proficiency: 3 }).expect(404);
      const retired = await createSkill('Retired');
      await owner.client.patch(`${base()}/skills/${retired}`, { active: false }).expect(200);
      const inactive = await owner.client.put(`${technicians()}/${id}/skills/${retired}`, { proficiency: 3 }).expect(400);
      expect(inactive.body).toMatchObject({ code: 'skillInactive', message: 'The skill “Retired” is deactivated. Reactivate it first.' });
      const live = await createSkill('Live');
      await owner.client.put(`${technicians()}/${id}/skills/${live}`, { proficiency: 9 }).expect(400);
      expect(await rowCount('resource_skill')).toBe(0);
    });

    it('answers 404 when removing a skill the technician does not hold', async () => {
      const skillId = await createSkill('Alpha');
      const id = await createTechnician();
      const res = await owner.client.delete(`${technicians()}/${id}/skills/${skillId}`).expect(404);
      expect(res.body.message).toBe('This technician does not have that skill.');
    });

    it('keeps a held skill from being deleted, through the skills API', async () => {
      const skillId = await createSkill('Held');
      await createTechnician({ skills: [{ skillId, proficiency: 2 }] });
      const res = await owner.client.delete(`${base()}/skills/${skillId}`).expect(409);
      expect(res.body.code).toBe('skillInUse');
      expect(res.body.message).toContain('held by 1 technician(s)');
    });
  });

  describe('weekly hours', () => {
    const week = [
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '16:00' },
      { weekday: 3, start: '09:00', end: '17:00' },
    ];

    it('replaces the whole pattern and reads it back sorted', async () => {
      const id = await createTechnician({ weeklyHours: [{ weekday: 7, start: '10:00', end: '14:00' }] });
      const res = await owner.client.put(`${technicians()}/${id}/weekly-hours`, { weeklyHours: [...week].reverse() }).expect(200);
      expect(res.body).toEqual(week);
      expect((await owner.client.get(`${technicians()}/${id}/weekly-hours`).expect(200)).body).toEqual(week);
      expect((await owner.client.get(`${technicians()}/${id}`).expect(200)).body.weeklyHours).toEqual(week);
      const cleared = await owner.client.put(`${technicians()}/${id}/weekly-hours`, { weeklyHours: [] }).expect(200);
      expect(cleared.body).toEqual([]);
    });

    it.each([
      [[{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '09:00', end: '10:00' }], ['weeklyHours.1:hoursOverlap']],
      [[{ weekday: 2, start: '08:00', end: '08:00' }], ['weeklyHours.0.end:endNotAfterStart']],
      [[{ weekday: 2, start: '08:00', end: '24:01' }], ['weeklyHours.0.end:clockTime']],
      [[{ weekday: 2, start: '08:00', end: 'noon' }], ['weeklyHours.0.end:clockTime']],
      [[{ weekday: 2, start: 800, end: '12:00' }], ['weeklyHours.0.start:isString']],
      [[{ weekday: 2.5, start: '08:00', end: '12:00' }], ['weeklyHours.0.weekday:isInt']],
      [['Monday 8-12'], ['weeklyHours.0:invalid']],
    ])('refuses %j with details and keeps the old pattern', async (weeklyHours, expected) => {
      const id = await createTechnician({ weeklyHours: week });
      const res = await owner.client.put(`${technicians()}/${id}/weekly-hours`, { weeklyHours }).expect(400);
      expect(codes(res.body)).toEqual(expected);
      expect((await owner.client.get(`${technicians()}/${id}/weekly-hours`).expect(200)).body).toEqual(week);
    });

    it('is backed by the database: overlapping stretches cannot be stored even around the API', async () => {
      const id = await createTechnician({ weeklyHours: [{ weekday: 1, start: '08:00', end: '12:00' }] });
      await expect(
        t.owner.query(`INSERT INTO work_hours (environment_id, resource_id, weekday, start_minute, end_minute) VALUES ($1, $2, 1, 600, 700)`, [owner.productionId, id]),
      ).rejects.toThrow(/exclusion constraint/);
    });
  });

  describe('time off', () => {
    const future = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

    it('adds, lists and removes time off; the technician shows what is upcoming', async () => {
      const id = await createTechnician();
      const vacation = await owner.client
        .post(`${technicians()}/${id}/time-off`, { startsAt: '2030-07-01T08:00:00+02:00', endsAt: '2030-07-14T18:00:00+02:00', reason: 'Vacation' })
        .expect(201);
      expect(vacation.body).toMatchObject({ technicianId: id, startsAt: '2030-07-01T06:00:00.000Z', endsAt: '2030-07-14T16:00:00.000Z', reason: 'Vacation' });
      const past = await owner.client.post(`${technicians()}/${id}/time-off`, { startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-01-02T00:00:00Z' }).expect(201);
      const current = await owner.client.post(`${technicians()}/${id}/time-off`, { startsAt: future(-1), endsAt: future(1) }).expect(201);

      const upcoming = await owner.client.get(`${technicians()}/${id}/time-off`).expect(200);
      expect(upcoming.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(upcoming.body.items.map((item: { id: string }) => item.id)).toEqual([current.body.id, vacation.body.id]);
      const all = await owner.client.get(`${technicians()}/${id}/time-off?includePast=true&limit=1&offset=0`).expect(200);
      expect(all.body).toMatchObject({ total: 3 });
      expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([past.body.id]);

      const detail = await owner.client.get(`${technicians()}/${id}`).expect(200);
      expect(detail.body.upcomingTimeOff.map((item: { id: string }) => item.id)).toEqual([current.body.id, vacation.body.id]);

      await owner.client.delete(`${technicians()}/${id}/time-off/${vacation.body.id}`).expect(204);
      await owner.client.delete(`${technicians()}/${id}/time-off/${vacation.body.id}`).expect(404);
      expect((await owner.client.get(`${technicians()}/${id}/time-off`).expect(200)).body.total).toBe(1);
    });

    it.each([
      [{ startsAt: '2030-07-02T08:00:00Z', endsAt: '2030-07-01T08:00:00Z' }, ['endsAt:endsAfterStart']],
      [{ startsAt: '2030-07-01T10:00:00+02:00', endsAt: '2030-07-01T08:00:00Z' }, ['endsAt:endsAfterStart']],
      [{ startsAt: '2030-07-01T08:00:00', endsAt: '2030-07-02T08:00:00Z' }, ['startsAt:offsetDateTime']],
      [{ startsAt: '2030-02-30T08:00:00Z', endsAt: '2030-03-02T08:00:00Z' }, ['startsAt:offsetDateTime']],
      [{ startsAt: '2030-07-01T08:00:00Z', endsAt: 'next week' }, ['endsAt:offsetDateTime']],
      [{ startsAt: '2030-07-01T08:00:00Z' }, ['endsAt:isNotEmpty']],
      [{ startsAt: '2030-07-01T08:00:00Z', endsAt: '2030-07-02T08:00:00Z', reason: 'x'.repeat(201) }, ['reason:maxLength']],
    ])('refuses %j and writes nothing', async (body, expected) => {
      const id = await createTechnician();
      const res = await owner.client.post(`${technicians()}/${id}/time-off`, body).expect(400);
      expect(codes(res.body)).toEqual(expected);
      expect(await rowCount('time_off')).toBe(0);
    });

    it('says in words why an end before the start is refused', async () => {
      const id = await createTechnician();
      const res = await owner.client.post(`${technicians()}/${id}/time-off`, { startsAt: '2030-07-02T08:00:00Z', endsAt: '2030-07-02T08:00:00Z' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'endsAt', code: 'endsAfterStart', message: 'End must be later than the start.' }]);
    });

    it("answers 404 for time off of another technician and for unknown or malformed ids", async () => {
      const first = await createTechnician({ name: 'First' });
      const second = await createTechnician({ name: 'Second' });
      const entry = await owner.client.post(`${technicians()}/${first}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }).expect(201);
      await owner.client.delete(`${technicians()}/${second}/time-off/${entry.body.id}`).expect(404);
      const malformed = await owner.client.delete(`${technicians()}/${first}/time-off/nope`).expect(404);
      expect(malformed.body.message).toBe('Time off not found.');
      await owner.client.post(`${technicians()}/${UNKNOWN_ID}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }).expect(404);
      expect(await rowCount('time_off')).toBe(1);
    });
  });

  describe('not found', () => {
    it('answers 404 for unknown and malformed ids on every technician route', async () => {
      const res = await owner.client.get(`${technicians()}/nope`).expect(404);
      expect(res.body.message).toBe('Technician not found.');
      const url = `${technicians()}/${UNKNOWN_ID}`;
      await owner.client.get(url).expect(404);
      await owner.client.patch(url, { name: 'X' }).expect(404);
      await owner.client.delete(url).expect(404);
      await owner.client.get(`${url}/skills`).expect(404);
      await owner.client.put(`${url}/skills`, { skills: [] }).expect(404);
      await owner.client.get(`${url}/weekly-hours`).expect(404);
      await owner.client.put(`${url}/weekly-hours`, { weeklyHours: [] }).expect(404);
      await owner.client.get(`${url}/time-off`).expect(404);
    });

    it("answers 404 for a technician of another environment and leaves it alone", async () => {
      const sandboxTechnician = await createTechnician({ name: 'Sandbox tech' }, owner.sandboxId);
      const url = `${technicians()}/${sandboxTechnician}`;
      await owner.client.get(url).expect(404);
      await owner.client.patch(url, { name: 'Moved' }).expect(404);
      await owner.client.delete(url).expect(404);
      await owner.client.put(`${url}/weekly-hours`, { weeklyHours: [{ weekday: 1, start: '08:00', end: '09:00' }] }).expect(404);
      await owner.client.post(`${url}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }).expect(404);
      const kept = await owner.client.get(`${technicians(owner.sandboxId)}/${sandboxTechnician}`).expect(200);
      expect(kept.body).toMatchObject({ name: 'Sandbox tech', weeklyHours: [], upcomingTimeOff: [] });
    });
  });

  describe('roles and audit', () => {
    it('lets a dispatcher read but not change technicians, skills, hours or time off', async () => {
      const skillId = await createSkill('Alpha');
      const id = await createTechnician();
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      await dispatcher.client.get(technicians()).expect(200);
      await dispatcher.client.get(`${technicians()}/${id}`).expect(200);
      await dispatcher.client.get(`${technicians()}/${id}/time-off`).expect(200);
      const res = await dispatcher.client.post(technicians(), aTechnician({ name: 'Sneaky' })).expect(403);
      expect(res.body.code).toBe('roleForbidden');
      await dispatcher.client.patch(`${technicians()}/${id}`, { active: false }).expect(403);
      await dispatcher.client.delete(`${technicians()}/${id}`).expect(403);
      await dispatcher.client.put(`${technicians()}/${id}/skills/${skillId}`, { proficiency: 3 }).expect(403);
      await dispatcher.client.put(`${technicians()}/${id}/weekly-hours`, { weeklyHours: [] }).expect(403);
      await dispatcher.client.post(`${technicians()}/${id}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }).expect(403);
      expect([await rowCount('resource'), await rowCount('resource_skill'), await rowCount('time_off')]).toEqual([1, 0, 0]);
    });

    it('lets an admin change technicians', async () => {
      const admin = await addMember(t.http, owner, 'admin');
      await admin.client.post(technicians(), aTechnician()).expect(201);
    });

    it('records every change in the audit trail', async () => {
      const skillId = await createSkill('Alpha');
      const id = await createTechnician();
      await owner.client.patch(`${technicians()}/${id}`, { name: 'Renamed' }).expect(200);
      await owner.client.put(`${technicians()}/${id}/skills`, { skills: [{ skillId, proficiency: 2 }] }).expect(200);
      await owner.client.put(`${technicians()}/${id}/skills/${skillId}`, { proficiency: 3 }).expect(200);
      await owner.client.delete(`${technicians()}/${id}/skills/${skillId}`).expect(204);
      await owner.client.put(`${technicians()}/${id}/weekly-hours`, { weeklyHours: [{ weekday: 1, start: '08:00', end: '12:00' }] }).expect(200);
      const timeOff = await owner.client.post(`${technicians()}/${id}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' }).expect(201);
      await owner.client.delete(`${technicians()}/${id}/time-off/${timeOff.body.id}`).expect(204);
      await owner.client.patch(`${technicians()}/${id}`, { active: false }).expect(200);
      await owner.client.patch(`${technicians()}/${id}`, { active: true }).expect(200);
      await owner.client.delete(`${technicians()}/${id}`).expect(204);
      const audit = await owner.client.get(`${base()}/audit-events?limit=11`).expect(200);
      expect(audit.body.items.map((event: { action: string }) => event.action).reverse()).toEqual([
        'technician.created',
        'technician.updated',
        'technician.skillsReplaced',
        'technician.skillSet',
        'technician.skillRemoved',
        'technician.weeklyHoursReplaced',
        'technician.timeOffCreated',
        'technician.timeOffDeleted',
        'technician.deactivated',
        'technician.reactivated',
        'technician.deleted',
      ]);
      expect(audit.body.items[10].details).toMatchObject({ technicianId: id, name: 'Jordan Reyes' });
    });

    it('records nothing for a refused change', async () => {
      await owner.client.post(technicians(), aTechnician({ timeZone: 'Nowhere/Land' })).expect(400);
      const audit = await owner.client.get(`${base()}/audit-events`).expect(200);
      expect(audit.body.items.filter((event: { action: string }) => event.action.startsWith('technician.'))).toEqual([]);
    });
  });
});
