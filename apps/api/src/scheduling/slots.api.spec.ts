import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { SchedulingFixture, addTechnician, insertBooking, nyDate, seedScheduling, setPortalSettings } from '../../test/scheduling-fixtures';

interface SlotBody {
  timeZone: string;
  window: { start: string; end: string } | null;
  slots: { start: string; end: string; technicianCount: number }[];
  reasons: { code: string; message: string }[];
}

describe('slots', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  const slots = (params: Record<string, string>) => `/api/environments/${owner.productionId}/slots?${new URLSearchParams(params).toString()}`;
  const query = (extra: Record<string, string> = {}) => ({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(2), to: nyDate(2), ...extra });

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, owner.productionId, [{ name: 'Ana' }, { name: 'Ben' }]);
  });
  afterAll(() => t.close());

  it("offers hourly times within working hours, in the service location's zone, with the zone named", async () => {
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    expect(body.timeZone).toBe('America/New_York');
    expect(body.reasons).toEqual([]);
    // 08:00–17:00 with a 60-minute job: starts 08:00 … 16:00.
    expect(body.slots.map((slot) => slot.start.slice(11, 16))).toEqual(['08', '09', '10', '11', '12', '13', '14', '15', '16'].map((hour) => `${hour}:00`));
    for (const slot of body.slots) {
      expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00-0[45]:00$/);
      expect(slot.start.slice(0, 10)).toBe(nyDate(2));
      expect(slot.technicianCount).toBe(2);
    }
  });

  it('leaves out times taken by bookings and time off, per technician', async () => {
    const day = nyDate(2);
    const [ana, ben] = f.technicianIds;
    const first = (await owner.client.get(slots(query())).expect(200)).body as SlotBody;
    const nine = first.slots.find((slot) => slot.start.slice(11, 16) === '09:00')!;
    await insertBooking(t.owner, f, ana!, nine.start);
    await t.owner.query(`INSERT INTO time_off (environment_id, resource_id, starts_at, ends_at) VALUES ($1, $2, $3::timestamptz, $3::timestamptz + interval '2 hours')`, [
      owner.productionId,
      ben,
      nine.start,
    ]);
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    const at = (hour: string) => body.slots.find((slot) => slot.start.slice(11, 16) === hour);
    expect(at('09:00')).toBeUndefined();
    expect(at('10:00')).toMatchObject({ technicianCount: 1 });
    expect(at('11:00')).toMatchObject({ technicianCount: 2 });
    expect(day).toBe(body.slots[0]!.start.slice(0, 10));
  });

  it('keeps the travel buffer free around existing bookings', async () => {
    await setPortalSettings(t.owner, owner.productionId, { travel_buffer_minutes: 30 });
    const [ana, ben] = f.technicianIds;
    await t.owner.query(`UPDATE resource SET active = false WHERE id = $1`, [ben]);
    const first = (await owner.client.get(slots(query())).expect(200)).body as SlotBody;
    const noon = first.slots.find((slot) => slot.start.slice(11, 16) === '12:00')!;
    await insertBooking(t.owner, f, ana!, noon.start);
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    const hours = body.slots.map((slot) => slot.start.slice(11, 16));
    // 11:00–12:00 would end inside the 30-minute buffer before noon; 13:00 starts inside the one after.
    expect(hours).not.toContain('11:00');
    expect(hours).not.toContain('12:00');
    expect(hours).not.toContain('13:00');
    expect(hours).toContain('10:00');
    expect(hours).toContain('14:00');
  });

  it('says why nothing is offered: missing skill level, with the skill named', async () => {
    await t.owner.query(`UPDATE resource_skill SET proficiency = 1 WHERE environment_id = $1`, [owner.productionId]);
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    expect(body.slots).toEqual([]);
    expect(body.reasons).toEqual([{ code: 'missingSkill', message: 'No technician has the skill “Furnace repair” at level 2 or higher.' }]);
    const german = await owner.client.agent.get(slots(query())).set('Accept-Language', 'de').expect(200);
    expect(german.body.reasons[0].message).toBe('Kein Techniker hat die Fähigkeit „Furnace repair“ auf Stufe 2 oder höher.');
  });

  it('says why nothing is offered: no technicians at all', async () => {
    await t.owner.query(`UPDATE resource SET active = false WHERE environment_id = $1`, [owner.productionId]);
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    expect(body.reasons.map((reason) => reason.code)).toEqual(['noTechnicians']);
  });

  it('says why nothing is offered: every qualified technician beyond the travel radius', async () => {
    await setPortalSettings(t.owner, owner.productionId, { travel_radius_km: 50 });
    await t.owner.query(`UPDATE resource SET home_lat = 42.36, home_lng = -71.06 WHERE environment_id = $1`, [owner.productionId]); // Boston
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    expect(body.reasons).toEqual([{ code: 'beyondRadius', message: 'Every qualified technician is more than 50 km away.' }]);
  });

  it('counts only technicians with the skill at its level and within the travel radius', async () => {
    await setPortalSettings(t.owner, owner.productionId, { travel_radius_km: 50 });
    const [, ben] = f.technicianIds;
    await t.owner.query(`UPDATE resource SET home_lat = 42.36, home_lng = -71.06 WHERE id = $1`, [ben]); // Boston
    await addTechnician(t.owner, owner.productionId, f.skillId, { name: 'Cleo', proficiency: 1 }); // near, below level 2
    await addTechnician(t.owner, owner.productionId, f.skillId, { name: 'Dev', lat: 40.65, lng: -73.95 }); // Brooklyn
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    expect(body.reasons).toEqual([]);
    expect(new Set(body.slots.map((slot) => slot.technicianCount))).toEqual(new Set([2]));
  });

  it('says why nothing is offered: the skilled technicians are beyond the radius, the near one lacks the skill', async () => {
    await setPortalSettings(t.owner, owner.productionId, { travel_radius_km: 50 });
    await t.owner.query(`UPDATE resource SET home_lat = 42.36, home_lng = -71.06 WHERE environment_id = $1`, [owner.productionId]); // Boston
    await addTechnician(t.owner, owner.productionId, f.skillId, { name: 'Cleo', proficiency: 1 });
    const { body } = (await owner.client.get(slots(query())).expect(200)) as { body: SlotBody };
    expect(body.slots).toEqual([]);
    expect(body.reasons).toEqual([{ code: 'beyondRadius', message: 'Every qualified technician is more than 50 km away.' }]);
  });

  it('says why nothing is offered: outside the booking window, and clamps ranges to it', async () => {
    const past = (await owner.client.get(slots(query({ from: nyDate(-5), to: nyDate(0) }))).expect(200)).body as SlotBody;
    expect(past.window).toBeNull();
    expect(past.reasons.map((reason) => reason.code)).toEqual(['outsideBookingWindow']);
    const clamped = (await owner.client.get(slots(query({ from: nyDate(0), to: nyDate(1) }))).expect(200)).body as SlotBody;
    expect(clamped.window!.start.slice(0, 10)).toBe(nyDate(1));
    expect(new Set(clamped.slots.map((slot) => slot.start.slice(0, 10)))).toEqual(new Set([nyDate(1)]));
  });

  it('says why nothing is offered: nobody works those days, or everyone is booked', async () => {
    await t.owner.query(`DELETE FROM work_hours WHERE environment_id = $1`, [owner.productionId]);
    const idle = (await owner.client.get(slots(query())).expect(200)).body as SlotBody;
    expect(idle.reasons.map((reason) => reason.code)).toEqual(['noWorkingHours']);

    await t.owner.query(`INSERT INTO work_hours (environment_id, resource_id, weekday, start_minute, end_minute) SELECT environment_id, id, d, 540, 600 FROM resource, generate_series(1, 7) d WHERE environment_id = $1`, [
      owner.productionId,
    ]);
    const open = (await owner.client.get(slots(query())).expect(200)).body as SlotBody;
    expect(open.slots).toHaveLength(1);
    // Time off that day counts as not working; bookings filling every working hour make it fully booked.
    for (const technicianId of f.technicianIds) await insertBooking(t.owner, f, technicianId, open.slots[0]!.start);
    const full = (await owner.client.get(slots(query())).expect(200)).body as SlotBody;
    expect(full.reasons).toEqual([{ code: 'fullyBooked', message: 'Fully booked in this period. Please try other dates.' }]);
  });

  it('serves an asset at its functional location, else at its account (and its zone)', async () => {
    await t.owner.query(`UPDATE functional_location SET time_zone = 'America/Chicago' WHERE id = $1`, [f.functionalLocationId]);
    const atLocation = (await owner.client.get(slots(query())).expect(200)).body as SlotBody;
    expect(atLocation.timeZone).toBe('America/Chicago');
    const atAccount = (await owner.client.get(slots({ serviceTypeId: f.serviceTypeId, accountId: f.accountId, from: nyDate(2), to: nyDate(2) })).expect(200)).body as SlotBody;
    expect(atAccount.timeZone).toBe('America/New_York');
  });

  it('refuses bad ranges and dates with a clear 400', async () => {
    const reversed = await owner.client.get(slots(query({ from: nyDate(5), to: nyDate(3) }))).expect(400);
    expect(reversed.body.message).toBe('The end of the range is before its start.');
    const tooLong = await owner.client.get(slots(query({ from: nyDate(1), to: nyDate(60) }))).expect(400);
    expect(tooLong.body.message).toBe('Ask for at most 31 days at a time.');
    const badDate = await owner.client.get(slots(query({ from: '2026-02-30' }))).expect(400);
    expect(badDate.body.details[0]).toMatchObject({ field: 'from' });
    const noPlace = await owner.client.get(slots({ serviceTypeId: f.serviceTypeId, from: nyDate(2), to: nyDate(2) })).expect(400);
    expect(noPlace.body.message).toMatch(/asset, a functional location or an account/);
    await owner.client.get(slots(query({ serviceTypeId: 'not-a-uuid' }))).expect(400);
    await owner.client.get(`${slots(query())}&extra=1`).expect(400);
  });

  it('answers 404 for unknown ids and ids of another environment', async () => {
    const other = await signUpOrganization(t.http);
    const theirs = await seedScheduling(t.owner, other.productionId, [{ name: 'Cleo' }]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await owner.client.get(slots(query({ serviceTypeId: unknown }))).expect(404)).body.message).toBe('Service type not found.');
    expect((await owner.client.get(slots(query({ serviceTypeId: theirs.serviceTypeId }))).expect(404)).body.message).toBe('Service type not found.');
    await owner.client.get(slots({ serviceTypeId: f.serviceTypeId, accountId: theirs.accountId, from: nyDate(2), to: nyDate(2) })).expect(404);
    await owner.client.get(slots({ serviceTypeId: f.serviceTypeId, assetId: theirs.assetId, from: nyDate(2), to: nyDate(2) })).expect(404);
    // An asset paired with a functional location of another account is refused, not mixed.
    const otherAccount = await seedScheduling(t.owner, owner.sandboxId, []);
    await owner.client.get(slots({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, functionalLocationId: otherAccount.functionalLocationId, from: nyDate(2), to: nyDate(2) })).expect(404);
    // The other organization's session cannot read this environment's slots at all.
    await other.client.get(slots(query())).expect(404);
  });

  it('reads everything for one search in a constant number of statements, whatever the technicians or days', async () => {
    const count = async (params: Record<string, string>) => {
      // A spy that calls through: the real queries run, the test only reads what was sent.
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        await owner.client.get(slots(params)).expect(200);
        return spy.mock.calls.map((call) => String(call[0])).filter((sql) => /\b(portal_settings|resource|account|booking)\b/.test(sql)).length;
      } finally {
        spy.mockRestore();
      }
    };
    const small = await count(query());
    for (let index = 0; index < 20; index += 1) await addTechnician(t.owner, owner.productionId, f.skillId, { name: `Tech ${index}` });
    const large = await count(query({ to: nyDate(29) }));
    expect(small).toBeLessThanOrEqual(5);
    expect(large).toBe(small);
    // When nobody qualifies, reading why takes the place of reading calendars.
    await t.owner.query(`UPDATE resource_skill SET proficiency = 1 WHERE environment_id = $1`, [owner.productionId]);
    expect(await count(query({ to: nyDate(29) }))).toBeLessThanOrEqual(5);
  });
});
