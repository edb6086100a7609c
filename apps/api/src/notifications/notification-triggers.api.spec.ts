import { resolve } from 'node:path';
import { SchedulingFixture, nyDate, seedScheduling } from '../../test/scheduling-fixtures';
import { eventually, notificationsOf, portalBooking } from '../../test/notification-fixtures';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { ReminderScheduler } from './reminder-scheduler';

/** Which changes cause which messages, delivered into a sandbox's mailbox. */
describe('what causes a customer message', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  const base = () => `/api/environments/${owner.sandboxId}`;
  let day = 2;
  const book = async (contactId = f.contactId) => {
    const query = new URLSearchParams({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(day), to: nyDate(day) });
    const slots: { start: string }[] = (await owner.client.get(`${base()}/slots?${query.toString()}`).expect(200)).body.slots;
    day += 1;
    return portalBooking(t, owner.sandboxId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId, start: slots[3]!.start });
  };
  const ofBooking = async (bookingId: string) => (await notificationsOf(t.owner, owner.sandboxId)).filter((row) => row.booking_id === bookingId);

  beforeAll(async () => {
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins'), APP_ROLES: 'api,worker' });
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, owner.sandboxId, [{ name: 'Ana' }, { name: 'Ben' }]);
  });
  afterAll(() => t.close());

  it('sends the completed notice when the office completes a portal booking', async () => {
    const booking = await book();
    await owner.client.post(`${base()}/bookings/${booking.id}/status`, { status: 'traveling' }).expect(200);
    await owner.client.post(`${base()}/bookings/${booking.id}/status`, { status: 'in_progress' }).expect(200);
    await owner.client.post(`${base()}/bookings/${booking.id}/status`, { status: 'completed' }).expect(200);
    const rows = await eventually(async () => {
      const mine = await ofBooking(booking.id);
      return mine.length === 2 && mine.every((row) => row.state === 'sent') && mine;
    }, 'confirmed and completed, sent');
    expect(rows.map((row) => row.type)).toEqual(['confirmed', 'completed']);
    const mailbox = (await owner.client.get(`${base()}/mailbox`).expect(200)).body.items;
    const completed = mailbox.find((item: { subject: string }) => /thank/i.test(item.subject));
    expect(completed).toMatchObject({ to: 'maya@hudson.test', attachmentCount: 0 });
  }, 30_000);

  it('keeps silent about an excluded account and an excluded service type, and about switched-off types', async () => {
    const exclusion = await owner.client.post(`${base()}/message-exclusions`, { kind: 'account', targetId: f.accountId }).expect(201);
    const silentForAccount = await book();
    await owner.client.delete(`${base()}/message-exclusions/${exclusion.body.id}`).expect(204);
    const typeExclusion = await owner.client.post(`${base()}/message-exclusions`, { kind: 'serviceType', targetId: f.serviceTypeId }).expect(201);
    const silentForType = await book();
    await owner.client.delete(`${base()}/message-exclusions/${typeExclusion.body.id}`).expect(204);
    await owner.client.patch(`${base()}/message-settings`, { enabled: { confirmed: false } }).expect(200);
    const switchedOff = await book();
    await owner.client.patch(`${base()}/message-settings`, { enabled: { confirmed: true } }).expect(200);
    const heard = await book();
    expect(await ofBooking(silentForAccount.id)).toEqual([]);
    expect(await ofBooking(silentForType.id)).toEqual([]);
    expect(await ofBooking(switchedOff.id)).toEqual([]);
    expect((await ofBooking(heard.id)).map((row) => row.type)).toEqual(['confirmed']);
  }, 30_000);

  it('invites the contacts a CSV import adds, not the ones it updates, and none when invitations are off', async () => {
    const send = (csv: string) =>
      owner.client.agent.post(`${base()}/imports/contacts`).set('X-XSRF-TOKEN', owner.client.csrfToken).set('Content-Type', 'text/csv').send(csv);
    await t.owner.query(`UPDATE account SET external_key = 'ACC-1' WHERE id = $1`, [f.accountId]);
    const stamp = Date.now();
    const csv = (name: string) =>
      `external_key,account_external_key,first_name,last_name,email\nC-${stamp}-1,ACC-1,${name},One,one-${stamp}@hudson.test\nC-${stamp}-2,ACC-1,${name},Two,two-${stamp}@hudson.test`;
    await send(csv('Imported')).expect(200);
    await send(csv('Renamed')).expect(200);
    const invites = async () => (await notificationsOf(t.owner, owner.sandboxId)).filter((row) => row.type === 'invite' && row.recipient?.includes(String(stamp)));
    expect((await invites()).map((row) => row.recipient).sort()).toEqual([`one-${stamp}@hudson.test`, `two-${stamp}@hudson.test`]);

    await owner.client.patch(`${base()}/message-settings`, { enabled: { invite: false } }).expect(200);
    await owner.client.post(`${base()}/accounts/${f.accountId}/contacts`, { firstName: 'Quiet', lastName: 'Contact', email: `quiet-${stamp}@hudson.test` }).expect(201);
    expect((await owner.client.post(`${base()}/notifications/invite-all`).expect(202)).body.queued).toBe(0);
    await owner.client.patch(`${base()}/message-settings`, { enabled: { invite: true } }).expect(200);
    expect(await invites()).toHaveLength(2);
  }, 30_000);

  it('sends reminders at the reminder time in the service location’s own zone when timing is local', async () => {
    const booking = await book();
    const bookingDay = booking.start.slice(0, 10);
    await owner.client.patch(`${base()}/message-settings`, { reminderTiming: 'local', reminderTime: '18:00', reminderLeadDays: [1] }).expect(200);
    try {
      const dayBefore = new Date(Date.parse(`${bookingDay}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const scheduler = t.app.get(ReminderScheduler);
      // 17:30 in New York the day before: not yet; 18:05: due.
      expect(await scheduler.runDue(zoned(dayBefore, '17:30'), [owner.sandboxId])).toBe(0);
      expect(await scheduler.runDue(zoned(dayBefore, '18:05'), [owner.sandboxId])).toBe(1);
      expect(await scheduler.runDue(zoned(dayBefore, '19:00'), [owner.sandboxId])).toBe(0);
      const rows = await ofBooking(booking.id);
      expect(rows.map((row) => row.type)).toEqual(['confirmed', 'reminder']);
    } finally {
      await owner.client.patch(`${base()}/message-settings`, { reminderTiming: 'utc', reminderTime: '10:00' }).expect(200);
    }
  }, 30_000);
});

/** The instant of a New York wall-clock time (the fixture's zone). */
function zoned(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' }).formatToParts(guess).find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(guess.getTime() - minutes * 60_000);
}
