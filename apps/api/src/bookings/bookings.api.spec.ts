import { BookingChanges } from './booking-changes';
import { BookingsService } from './bookings.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';
import { SchedulingFixture, nyDate, seedScheduling, setPortalSettings } from '../../test/scheduling-fixtures';

interface SlotView {
  start: string;
  end: string;
  technicianCount: number;
}

describe('bookings', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  const base = () => `/api/environments/${owner.productionId}`;
  const slotsOn = async (days: number): Promise<SlotView[]> =>
    (
      await owner.client
        .get(`${base()}/slots?${new URLSearchParams({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(days), to: nyDate(days) }).toString()}`)
        .expect(200)
    ).body.slots;
  const at = async (days: number, hour: string): Promise<string> => {
    const slot = (await slotsOn(days)).find((candidate) => candidate.start.slice(11, 16) === hour);
    if (!slot) throw new Error(`no ${hour} slot on day +${days}`);
    return slot.start;
  };
  const book = (start: string, extra: Record<string, unknown> = {}) =>
    owner.client.post(`${base()}/bookings`, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start, ...extra });

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, owner.productionId, [
      { name: 'Ana', lat: 40.72, lng: -73.96 }, // Williamsburg, next to the Brooklyn location
      { name: 'Ben', lat: 40.85, lng: -73.87 }, // the Bronx
    ]);
  });
  afterAll(() => t.close());

  it('books: work order and booking together, at the asset’s location, on the nearest technician, with details, audit and outbox', async () => {
    const start = await at(3, '10:00');
    const res = await book(start, { details: 'Gate code 4411; the unit rattles.' }).expect(201);
    expect(res.body).toMatchObject({
      status: 'scheduled',
      source: 'office',
      start,
      timeZone: 'America/New_York',
      technician: { id: f.technicianIds[0], name: 'Ana' },
      serviceType: { id: f.serviceTypeId, name: 'Furnace tune-up' },
      account: { id: f.accountId, name: 'Hudson Bakery' },
      contact: { id: f.contactId, name: 'Maya Ortiz' },
      assetId: f.assetId,
      serviceAddress: { addressLine1: '88 Bedford Ave', city: 'Brooklyn', country: 'US' },
      notes: [{ authorKind: 'admin', text: 'Gate code 4411; the unit rattles.' }],
    });
    expect(res.body.workOrderReference).toMatch(/^WO-[0-9A-Z]{8}$/);
    expect(new Date(res.body.end).getTime() - new Date(res.body.start).getTime()).toBe(3_600_000);

    const { rows: audit } = await t.owner.query(`SELECT action FROM audit_event WHERE environment_id = $1 AND action LIKE 'booking.%'`, [owner.productionId]);
    expect(audit.map((row) => row.action)).toEqual(['booking.created']);
    const { rows: events } = await t.owner.query(`SELECT type, aggregate_id, payload FROM outbox_event WHERE environment_id = $1`, [owner.productionId]);
    expect(events).toEqual([expect.objectContaining({ type: 'booking.created', aggregate_id: res.body.id, payload: expect.objectContaining({ source: 'office', contactId: f.contactId }) })]);
    await owner.client.get(`${base()}/bookings/${res.body.id}`).expect(200);
    const list = await owner.client.get(`${base()}/bookings?technicianId=${f.technicianIds[0]}`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: res.body.id }] });
  });

  it('spreads work fairly: fewest bookings that day first, then the nearest', async () => {
    const first = await book(await at(3, '10:00')).expect(201);
    const second = await book(await at(3, '13:00')).expect(201);
    expect(first.body.technician.name).toBe('Ana');
    expect(second.body.technician.name).toBe('Ben');
  });

  it('never double-books under concurrency: 12 clients, one time, two technicians → 2 bookings, 10 × 409 with alternatives', async () => {
    const start = await at(4, '09:00');
    const results = await Promise.all(Array.from({ length: 12 }, () => book(start)));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array(2).fill(201), ...Array(10).fill(409)]);
    const refused = results.find((res) => res.status === 409)!;
    expect(refused.body.message).toBe('This time has just been taken. Please choose another one.');
    expect(refused.body.alternatives.length).toBeGreaterThan(0);
    expect(refused.body.alternatives.map((slot: SlotView) => slot.start)).not.toContain(start);
    const { rows } = await t.owner.query(`SELECT resource_id FROM booking WHERE environment_id = $1`, [owner.productionId]);
    expect(rows.map((row) => row.resource_id).sort()).toEqual([...f.technicianIds].sort());
    // The losers left nothing behind: one work order per booking.
    const { rows: orders } = await t.owner.query(`SELECT count(*)::int AS n FROM work_order WHERE environment_id = $1`, [owner.productionId]);
    expect(orders[0].n).toBe(2);
  });

  it('is backed by the exclusion constraint: an overlapping active booking cannot be written even directly', async () => {
    const res = await book(await at(3, '10:00')).expect(201);
    const attempt = t.owner.query(
      `INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, source)
       SELECT environment_id, work_order_id, resource_id, starts_at + interval '30 minutes', ends_at + interval '30 minutes', 'office' FROM booking WHERE id = $1`,
      [res.body.id],
    );
    await expect(attempt).rejects.toThrow(/booking_no_overlap/);
    // A canceled booking no longer blocks its time.
    await owner.client.post(`${base()}/bookings/${res.body.id}/cancel`, { reason: 'Customer away' }).expect(200);
    await t.owner.query(
      `INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, source)
       SELECT environment_id, work_order_id, resource_id, starts_at, ends_at, 'office' FROM booking WHERE id = $1`,
      [res.body.id],
    );
  });

  it('replays a retried request with the same Idempotency-Key and refuses the key with another body', async () => {
    const start = await at(3, '11:00');
    const body = { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start };
    const first = await owner.client.agent.post(`${base()}/bookings`).set('X-XSRF-TOKEN', owner.client.csrfToken).set('Idempotency-Key', 'order-7781').send(body).expect(201);
    const again = await owner.client.agent.post(`${base()}/bookings`).set('X-XSRF-TOKEN', owner.client.csrfToken).set('Idempotency-Key', 'order-7781').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await owner.client.agent
      .post(`${base()}/bookings`)
      .set('X-XSRF-TOKEN', owner.client.csrfToken)
      .set('Idempotency-Key', 'order-7781')
      .send({ ...body, start: await at(3, '12:00') })
      .expect(422);
    expect(other.body.message).toMatch(/already used for a different request/);
    const malformed = await owner.client.agent.post(`${base()}/bookings`).set('X-XSRF-TOKEN', owner.client.csrfToken).set('Idempotency-Key', 'bad key with spaces').send(body).expect(400);
    expect(malformed.body.message).toMatch(/Idempotency-Key/);
    const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM booking WHERE environment_id = $1`, [owner.productionId]);
    expect(rows[0].n).toBe(1);
  });

  it('reschedules: same work order, new time, the old time freed; audit and outbox record it', async () => {
    const created = await book(await at(3, '10:00')).expect(201);
    const target = await at(5, '14:00');
    const moved = await owner.client.post(`${base()}/bookings/${created.body.id}/reschedule`, { start: target }).expect(200);
    expect(moved.body).toMatchObject({ id: created.body.id, workOrderId: created.body.workOrderId, start: target, status: 'scheduled' });
    expect((await slotsOn(3)).find((slot) => slot.start === created.body.start)).toMatchObject({ technicianCount: 2 });
    const { rows } = await t.owner.query(`SELECT type FROM outbox_event WHERE environment_id = $1 ORDER BY created_at`, [owner.productionId]);
    expect(rows.map((row) => row.type)).toEqual(['booking.created', 'booking.rescheduled']);
  });

  it('reschedules onto a taken time only when another technician is free, else 409 with alternatives', async () => {
    const ten = await at(3, '10:00');
    const mine = await book(await at(3, '15:00')).expect(201);
    const bens = await book(await at(3, '16:00')).expect(201);
    const anas = await book(ten).expect(201);
    expect([mine, bens, anas].map((res) => res.body.technician.name)).toEqual(['Ana', 'Ben', 'Ana']);
    const moved = await owner.client.post(`${base()}/bookings/${mine.body.id}/reschedule`, { start: ten }).expect(200);
    expect(moved.body.technician.name).toBe('Ben');
    const refused = await owner.client.post(`${base()}/bookings/${bens.body.id}/reschedule`, { start: ten }).expect(409);
    expect(refused.body.alternatives.length).toBeGreaterThan(0);
    expect((await owner.client.get(`${base()}/bookings/${bens.body.id}`).expect(200)).body.start).toBe(bens.body.start);
  });

  it('cancels with a reason, frees the technician and closes the work order; a canceled booking cannot move', async () => {
    const created = await book(await at(3, '10:00')).expect(201);
    const missing = await owner.client.post(`${base()}/bookings/${created.body.id}/cancel`, {}).expect(400);
    expect(missing.body.details[0]).toMatchObject({ field: 'reason' });
    const canceled = await owner.client.post(`${base()}/bookings/${created.body.id}/cancel`, { reason: 'Fixed it ourselves' }).expect(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', cancelReason: 'Fixed it ourselves' });
    const { rows } = await t.owner.query(`SELECT status FROM work_order WHERE id = $1`, [created.body.workOrderId]);
    expect(rows[0].status).toBe('canceled');
    expect((await slotsOn(3)).find((slot) => slot.start === created.body.start)).toMatchObject({ technicianCount: 2 });
    const again = await owner.client.post(`${base()}/bookings/${created.body.id}/cancel`, { reason: 'Twice' }).expect(409);
    expect(again.body.message).toBe('A booking that is canceled cannot be canceled.');
    await owner.client.post(`${base()}/bookings/${created.body.id}/reschedule`, { start: await at(4, '10:00') }).expect(409);
  });

  it('moves status forward only: traveling → in progress → completed, completing the work order', async () => {
    const created = await book(await at(3, '10:00')).expect(201);
    const url = `${base()}/bookings/${created.body.id}/status`;
    await owner.client.post(url, { status: 'traveling' }).expect(200);
    await owner.client.post(url, { status: 'in_progress' }).expect(200);
    const back = await owner.client.post(url, { status: 'traveling' }).expect(409);
    expect(back.body.message).toBe('A booking cannot go from in_progress to traveling.');
    await owner.client.post(url, { status: 'scheduled' }).expect(400);
    const done = await owner.client.post(url, { status: 'completed' }).expect(200);
    expect(done.body.status).toBe('completed');
    const { rows } = await t.owner.query(`SELECT status FROM work_order WHERE id = $1`, [created.body.workOrderId]);
    expect(rows[0].status).toBe('completed');
    await owner.client.post(`${base()}/bookings/${created.body.id}/cancel`, { reason: 'late' }).expect(409);
    const notes = await owner.client.post(`${base()}/bookings/${created.body.id}/notes`, { text: 'Replaced the igniter.' }).expect(201);
    expect(notes.body.notes.map((note: { text: string }) => note.text)).toEqual(['Replaced the igniter.']);
  });

  it('holds customers to the cut-offs while the office may override them', async () => {
    const created = await book(await at(2, '10:00')).expect(201);
    const tenancy = t.app.get(TenancyService);
    const bookings = t.app.get(BookingsService);
    const changes = t.app.get(BookingChanges);
    const customer = { kind: 'contact' as const, id: f.contactId };
    // Twelve hours before the appointment, inside the 24-hour cut-offs.
    const late = new Date(created.body.start).getTime() - 12 * 3_600_000;
    await expect(tenancy.run(owner.productionId, () => changes.cancel(created.body.id, 'Sick', customer, late))).rejects.toMatchObject({
      code: 'cancelCutOffPassed',
      params: { hours: 24 },
    });
    await expect(tenancy.run(owner.productionId, () => bookings.reschedule(created.body.id, { start: created.body.start }, customer, late))).rejects.toMatchObject({
      code: 'rescheduleCutOffPassed',
    });
    const early = new Date(created.body.start).getTime() - 30 * 3_600_000;
    const canceled = await tenancy.run(owner.productionId, () => changes.cancel(created.body.id, 'Sick', customer, early));
    expect(canceled.status).toBe('canceled');
    // The office is not bound by the cut-off, however long it is.
    await setPortalSettings(t.owner, owner.productionId, { cancel_cutoff_hours: 720, reschedule_cutoff_hours: 720 });
    const office = await book(await at(1, '16:00')).expect(201);
    await owner.client.post(`${base()}/bookings/${office.body.id}/reschedule`, { start: await at(1, '15:00') }).expect(200);
    await owner.client.post(`${base()}/bookings/${office.body.id}/cancel`, { reason: 'Rain' }).expect(200);
  });

  it('refuses bad times and unknown or foreign ids with clear errors, writing nothing', async () => {
    const ok = await at(3, '10:00');
    expect((await book('tomorrow at ten').expect(400)).body.message).toMatch(/date and time with its offset/);
    expect((await book('2020-01-06T10:00:00-05:00').expect(400)).body.message).toBe('This time is in the past. Please choose a later one.');
    const far = new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await book(far).expect(400)).body.message).toBe('Appointments can be booked from 1 to 30 days ahead.');
    expect((await book(ok.replace(':00:00', ':17:00')).expect(400)).body.message).toMatch(/60-minute grid/);
    await book(ok, { details: 'x'.repeat(2001) }).expect(400);
    await book(ok, { technicianId: f.technicianIds[0] }).expect(400);
    const other = await signUpOrganization(t.http);
    const theirs = await seedScheduling(t.owner, other.productionId, [{ name: 'Cleo' }]);
    expect((await book(ok, { serviceTypeId: theirs.serviceTypeId }).expect(404)).body.message).toBe('Service type not found.');
    await book(ok, { assetId: theirs.assetId }).expect(404);
    expect((await book(ok, { contactId: theirs.contactId }).expect(404)).body.message).toBe('Contact not found.');
    await other.client.post(`${base()}/bookings`, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start: ok }).expect(404);
    await owner.client.get(`${base()}/bookings/00000000-0000-4000-8000-000000000000`).expect(404);
    await owner.client.get(`${base()}/bookings?from=yesterday`).expect(400);
    const { rows } = await t.owner.query(
      `SELECT (SELECT count(*) FROM booking WHERE environment_id = $1)::int AS bookings, (SELECT count(*) FROM work_order WHERE environment_id = $1)::int AS orders`,
      [owner.productionId],
    );
    expect(rows[0]).toEqual({ bookings: 0, orders: 0 });
  });

  it('lets a dispatcher book and move work', async () => {
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    const res = await dispatcher.client.post(`${base()}/bookings`, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, start: await at(3, '10:00') }).expect(201);
    await dispatcher.client.post(`${base()}/bookings/${res.body.id}/status`, { status: 'traveling' }).expect(200);
  });
});
