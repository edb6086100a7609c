import { resolve } from 'node:path';
// The SMTP connector's own test server: a real SMTP server (smtp-server) on a local port.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { FakeSmtpServer } from '../../../../plugins/messaging-smtp/test/fake-smtp-server';
import { SchedulingFixture, nyDate, seedScheduling } from '../../test/scheduling-fixtures';
import { eventually, notificationsOf, portalBooking, portalCancel, portalReschedule } from '../../test/notification-fixtures';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { ReminderScheduler } from './reminder-scheduler';

function icsOf(message: FakeSmtpServer['received'][number]): string {
  const part = message.attachmentParts.find((candidate) => /text\/calendar/i.test(candidate.contentType));
  if (!part) throw new Error('no calendar attachment');
  return part.content.toString('utf8');
}

describe('customer messages, delivered through a real SMTP server', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  let smtp: FakeSmtpServer;
  let slug: string;
  const base = () => `/api/environments/${owner.productionId}`;
  const slotStart = async (days: number, hour: string): Promise<string> => {
    const query = new URLSearchParams({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(days), to: nyDate(days) });
    const slots: { start: string }[] = (await owner.client.get(`${base()}/slots?${query.toString()}`).expect(200)).body.slots;
    const slot = slots.find((candidate) => candidate.start.slice(11, 16) === hour);
    if (!slot) throw new Error(`no ${hour} slot on day +${days}`);
    return slot.start;
  };

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    await smtp.start();
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins'), APP_ROLES: 'api,worker', DELIVERY_RETRY_DELAY_SECONDS: '1', DELIVERY_ATTEMPTS: '3' });
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, owner.productionId, [{ name: 'Ana' }, { name: 'Ben' }]);
    await owner.client.put(`${base()}/connectors/email`, { connectorId: 'smtp', config: smtp.config() }).expect(200);
    slug = (await t.owner.query(`SELECT slug FROM environment WHERE id = $1`, [owner.productionId])).rows[0].slug;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.behave('accept');
    smtp.received.length = 0;
  });

  it('confirms a portal booking in the contact’s language and the service location’s zone, with a working booking-code link and a calendar invitation', async () => {
    await t.owner.query(`UPDATE contact SET language = 'de' WHERE id = $1`, [f.contactId]);
    const start = await slotStart(3, '10:00');
    const booking = await portalBooking(t, owner.productionId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start });

    const [message] = await eventually(async () => smtp.received.length === 1 && smtp.received, 'the confirmation at the SMTP server');
    expect(message!.to).toBe('maya@hudson.test');
    expect(message!.subject).toMatch(/bestätigt|Bestätigung/i);
    expect(message!.text).toContain('10:00');
    expect(message!.text).toContain('America/New_York');
    const link = /http:\/\/fieldbook\.test\/p\/[a-z0-9-]+\/booking\/([A-Za-z0-9_-]{43})/.exec(message!.text);
    expect(link).not.toBeNull();
    const view = await owner.client.get(`/api/portal/${slug}/booking-codes/${link![1]}`).expect(200);
    expect(JSON.stringify(view.body)).toContain(booking.id === view.body.id ? booking.id : view.body.reference);

    const ics = icsOf(message!);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${booking.id}@fieldbook.test`);
    expect(ics).toContain('SEQUENCE:0');

    const rows = await eventually(async () => {
      const all = await notificationsOf(t.owner, owner.productionId);
      return all.every((row) => row.state === 'sent') && all;
    }, 'the confirmation recorded as sent');
    expect(rows).toEqual([expect.objectContaining({ type: 'confirmed', channel: 'email', state: 'sent', language: 'de', attempts: 1, booking_id: booking.id })]);
    const log = await owner.client.get(`${base()}/notifications?type=confirmed`).expect(200);
    expect(log.body.items[0]).toMatchObject({ state: 'sent', connectorId: 'smtp', providerMessageId: expect.any(String), contact: { name: 'Maya Ortiz' } });
    const detail = await owner.client.get(`${base()}/notifications/${rows[0]!.id}`).expect(200);
    expect(detail.body.content).toMatchObject({ subject: message!.subject, attachments: ['booking.ics'] });
    expect(detail.body.content.html).toContain('<html');
    await t.owner.query(`UPDATE contact SET language = NULL WHERE id = $1`, [f.contactId]);
  }, 30_000);

  it('sends rescheduled (SEQUENCE raised) and canceled (METHOD:CANCEL) notices for a portal booking, and nothing for an office booking', async () => {
    const booking = await portalBooking(t, owner.productionId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start: await slotStart(5, '09:00') });
    await eventually(async () => smtp.received.length === 1, 'the confirmation');
    await portalReschedule(t, owner.productionId, booking.id, f.contactId, await slotStart(6, '11:00'));
    await eventually(async () => smtp.received.length === 2, 'the reschedule notice');
    expect(icsOf(smtp.received[1]!)).toContain('SEQUENCE:1');
    expect(smtp.received[1]!.text).toContain('11:00');
    await portalCancel(t, owner.productionId, booking.id, f.contactId, 'We fixed it ourselves');
    await eventually(async () => smtp.received.length === 3, 'the cancellation notice');
    expect(icsOf(smtp.received[2]!)).toContain('METHOD:CANCEL');
    expect(smtp.received[2]!.text).toContain('We fixed it ourselves');

    const office = await owner.client
      .post(`${base()}/bookings`, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start: await slotStart(7, '09:00') })
      .expect(201);
    await new Promise((done) => setTimeout(done, 1500));
    expect(smtp.received).toHaveLength(3);
    expect((await notificationsOf(t.owner, owner.productionId)).filter((row) => row.booking_id === office.body.id)).toEqual([]);
  }, 40_000);

  it('retries a refused send with backoff and ends it dead after the last attempt; a retry from the log sends it once the server works', async () => {
    smtp.behave('server-error');
    await portalBooking(t, owner.productionId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start: await slotStart(8, '09:00') });
    const dead = await eventually(async () => (await notificationsOf(t.owner, owner.productionId)).find((row) => row.state === 'dead'), 'the dead notification', 30_000);
    expect(dead).toMatchObject({ attempts: 3, last_error: expect.stringContaining('451') });
    expect(smtp.received).toHaveLength(0);

    smtp.behave('accept');
    await owner.client.post(`${base()}/notifications/${dead.id}/retry`).expect(202);
    await eventually(async () => (await notificationsOf(t.owner, owner.productionId)).find((row) => row.id === dead.id && row.state === 'sent'), 'the retried message sent');
    expect(smtp.received).toHaveLength(1);
    expect((await notificationsOf(t.owner, owner.productionId)).find((row) => row.id === dead.id)).toMatchObject({ attempts: 4 });
    expect((await owner.client.post(`${base()}/notifications/${dead.id}/retry`).expect(409)).body.message).toContain('sent');
  }, 60_000);

  it('does not retry a recipient the server refuses for good', async () => {
    smtp.refuse({ at: 'RCPT TO', code: 550, text: '5.1.1 No such mailbox' });
    await portalBooking(t, owner.productionId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start: await slotStart(9, '09:00') });
    const failed = await eventually(async () => (await notificationsOf(t.owner, owner.productionId)).find((row) => row.state === 'failed'), 'the failed notification');
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringContaining('550') });
  }, 30_000);

  it('invites a contact added by an admin once, and the one-time action never invites them twice', async () => {
    const contact = await owner.client
      .post(`${base()}/accounts/${f.accountId}/contacts`, { firstName: 'Lena', lastName: 'Vogel', email: `lena-${Date.now()}@hudson.test`, language: 'fr' })
      .expect(201);
    const [message] = await eventually(async () => smtp.received.length === 1 && smtp.received, 'the invitation');
    expect(message!.to).toBe(contact.body.email);
    expect(message!.text).toMatch(/http:\/\/fieldbook\.test\/p\/[a-z0-9-]+\/invitation\/[A-Za-z0-9_-]{43}/);
    const again = await owner.client.post(`${base()}/notifications/invite-all`).expect(202);
    expect(again.body.queued).toBe(1); // Maya, seeded without an invitation; Lena is not invited twice.
    await eventually(async () => smtp.received.length === 2, 'Maya’s invitation');
    expect(smtp.received.map((received) => received.to).sort()).toEqual([contact.body.email, 'maya@hudson.test'].sort());
    expect((await owner.client.post(`${base()}/notifications/invite-all`).expect(202)).body.queued).toBe(0);
  }, 30_000);

  it('skips with the reason a contact who cannot be reached on the channel, without retrying', async () => {
    await owner.client.patch(`${base()}/message-settings`, { channel: 'sms', smsFallbackToEmail: false }).expect(200);
    try {
      await owner.client.post(`${base()}/accounts/${f.accountId}/contacts`, { firstName: 'No', lastName: 'Phone', email: `nophone-${Date.now()}@hudson.test` }).expect(201);
      await owner.client.post(`${base()}/accounts/${f.accountId}/contacts`, { firstName: 'Bad', lastName: 'Phone', phone: '+999123456789' }).expect(201);
      const rows = (await notificationsOf(t.owner, owner.productionId)).filter((row) => row.type === 'invite' && row.channel === 'sms');
      expect(rows.map((row) => [row.state, row.skip_reason]).sort()).toEqual([
        ['skipped', 'invalidPhone'],
        ['skipped', 'noPhone'],
      ]);
      const log = await owner.client.get(`${base()}/notifications?state=skipped`).set('Accept-Language', 'en').expect(200);
      expect(log.body.items.map((item: { skipReason: string }) => item.skipReason)).toEqual(
        expect.arrayContaining(['The contact has no mobile phone number.', "The contact's phone number is not a valid phone number."]),
      );
    } finally {
      await owner.client.patch(`${base()}/message-settings`, { channel: 'email', smsFallbackToEmail: true }).expect(200);
    }
  });

  it('enqueues each due reminder once per booking and lead day, even when two instances run the schedule at the same moment', async () => {
    const start = await slotStart(12, '14:00');
    const booking = await portalBooking(t, owner.productionId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start });
    await owner.client.patch(`${base()}/message-settings`, { reminderLeadDays: [1, 2], reminderTiming: 'utc', reminderTime: '10:00' }).expect(200);
    const second = await startTestApp({ CONNECTOR_PATHS: resolve('plugins') });
    try {
      // The run of the day before the booking (lead day 1), after 10:00 UTC; the booking existed at 10:00.
      const runDay = new Date(`${nyDate(11)}T12:00:00Z`);
      const [a, b] = await Promise.all([
        t.app.get(ReminderScheduler).runDue(runDay, [owner.productionId]),
        second.app.get(ReminderScheduler).runDue(runDay, [owner.productionId]),
      ]);
      expect(a + b).toBe(1);
      expect(await t.app.get(ReminderScheduler).runDue(runDay, [owner.productionId])).toBe(0);
      const reminders = (await notificationsOf(t.owner, owner.productionId)).filter((row) => row.type === 'reminder');
      expect(reminders).toEqual([expect.objectContaining({ booking_id: booking.id, channel: 'email' })]);
      await eventually(async () => (await notificationsOf(t.owner, owner.productionId)).find((row) => row.type === 'reminder' && row.state === 'sent'), 'the reminder sent');
      const reminder = smtp.received.find((message) => /Reminder/.test(message.subject ?? '') && message.text.includes('2:00'));
      expect(reminder).toBeDefined();
    } finally {
      await second.close();
    }
  }, 40_000);
});
