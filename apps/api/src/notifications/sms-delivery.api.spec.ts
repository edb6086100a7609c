import { resolve } from 'node:path';
import request from 'supertest';
// The connectors' own provider fakes: a real SMTP server and a local stand-in for Twilio's REST API.
/* eslint-disable @nx/enforce-module-boundaries */
import { FakeSmtpServer } from '../../../../plugins/messaging-smtp/test/fake-smtp-server';
import { FakeTwilioApi, twilioSignature } from '../../../../plugins/messaging-twilio/test/fake-twilio-api';
/* eslint-enable @nx/enforce-module-boundaries */
import { SchedulingFixture, nyDate, seedScheduling } from '../../test/scheduling-fixtures';
import { eventually, notificationsOf, portalBooking } from '../../test/notification-fixtures';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

describe('text messages, delivery reports, the email fallback and the sandbox', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  let smtp: FakeSmtpServer;
  let twilio: FakeTwilioApi;
  const base = () => `/api/environments/${owner.productionId}`;
  let day = 3;
  const book = async () => {
    const query = new URLSearchParams({ serviceTypeId: f.serviceTypeId, assetId: f.assetId, from: nyDate(day), to: nyDate(day) });
    const slots: { start: string }[] = (await owner.client.get(`${base()}/slots?${query.toString()}`).expect(200)).body.slots;
    day += 1;
    return portalBooking(t, owner.productionId, { serviceTypeId: f.serviceTypeId, assetId: f.assetId, contactId: f.contactId, start: slots[2]!.start });
  };
  /** Posts Twilio's status callback for `sid` to the address the connector gave Twilio, signed as Twilio signs it. */
  const report = (sid: string, status: 'delivered' | 'undelivered', authToken: string) => {
    const form = new URLSearchParams(twilio.requests().find((seen) => seen.body.includes('StatusCallback'))!.body);
    const callback = new URL(form.get('StatusCallback')!);
    const params: Record<string, string> = { MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: 'x', ...(status === 'undelivered' ? { ErrorCode: '30003' } : {}) };
    return request(t.http)
      .post(callback.pathname)
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('x-twilio-signature', twilioSignature(authToken, callback.toString(), params))
      .send(new URLSearchParams(params).toString());
  };

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    twilio = new FakeTwilioApi();
    await smtp.start();
    await twilio.start();
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins'), APP_ROLES: 'api,worker', DELIVERY_RETRY_DELAY_SECONDS: '1' });
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, owner.productionId, [{ name: 'Ana' }]);
    await t.owner.query(`UPDATE contact SET phone = '+14155550123', language = 'es' WHERE id = $1`, [f.contactId]);
    await owner.client.put(`${base()}/connectors/email`, { connectorId: 'smtp', config: smtp.config() }).expect(200);
    await owner.client.put(`${base()}/connectors/sms`, { connectorId: 'twilio', config: twilio.config() }).expect(200);
    await owner.client.patch(`${base()}/message-settings`, { channel: 'sms' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await twilio.stop();
  });
  beforeEach(() => {
    twilio.behave('accept');
    smtp.received.length = 0;
  });

  it('texts the confirmation in the contact’s language with the booking-code link, and a signed delivery report marks it delivered', async () => {
    const booking = await book();
    const sms = await eventually(async () => twilio.delivered().find((message) => message.text.includes('/booking/')), 'the SMS at Twilio');
    expect(sms.to).toBe('+14155550123');
    expect(sms.text).toMatch(/cita|reserva/i);
    // The provider has the text a moment before the worker records it as sent.
    const row = await eventually(
      async () => (await notificationsOf(t.owner, owner.productionId)).find((candidate) => candidate.booking_id === booking.id && candidate.state === 'sent'),
      'the SMS recorded as sent',
    );
    expect(row).toMatchObject({ channel: 'sms', state: 'sent', language: 'es' });
    const { rows } = await t.owner.query(`SELECT provider_message_id FROM notification WHERE id = $1`, [row.id]);
    const sid: string = rows[0].provider_message_id;

    await report(sid, 'delivered', 'not-the-token').expect(401);
    expect((await notificationsOf(t.owner, owner.productionId)).find((candidate) => candidate.id === row.id)!.state).toBe('sent');
    await report(sid, 'delivered', String(twilio.config()['authToken'])).expect(204);
    const after = await owner.client.get(`${base()}/notifications/${row.id}`).expect(200);
    expect(after.body).toMatchObject({ state: 'delivered', deliveredAt: expect.any(String) });
    expect(smtp.received).toHaveLength(0);
  }, 30_000);

  it('falls back to email when the provider refuses the number for good', async () => {
    twilio.behave('reject-recipient');
    const booking = await book();
    const rows = await eventually(async () => {
      const mine = (await notificationsOf(t.owner, owner.productionId)).filter((candidate) => candidate.booking_id === booking.id);
      return mine.some((candidate) => candidate.channel === 'email' && candidate.state === 'sent') && mine;
    }, 'the fallback email sent');
    expect(smtp.received.map((message) => message.to)).toEqual(['maya@hudson.test']);
    expect(rows.map((candidate) => [candidate.channel, candidate.state]).sort()).toEqual([
      ['email', 'sent'],
      ['sms', 'failed'],
    ]);
  }, 30_000);

  it('falls back to email when a delivery report says the text was not delivered', async () => {
    const booking = await book();
    const sent = await eventually(
      async () => (await notificationsOf(t.owner, owner.productionId)).find((candidate) => candidate.booking_id === booking.id && candidate.state === 'sent'),
      'the SMS sent',
    );
    const { rows } = await t.owner.query(`SELECT provider_message_id FROM notification WHERE id = $1`, [sent.id]);
    await report(rows[0].provider_message_id, 'undelivered', String(twilio.config()['authToken'])).expect(204);
    await eventually(async () => smtp.received.length === 1, 'the fallback email');
    expect((await notificationsOf(t.owner, owner.productionId)).find((candidate) => candidate.id === sent.id)).toMatchObject({ state: 'failed' });
  }, 30_000);

  it('holds a text back during quiet hours in the service location’s zone', async () => {
    await owner.client.patch(`${base()}/message-settings`, { smsQuietStart: '00:00', smsQuietEnd: '23:59' }).expect(200);
    try {
      const before = twilio.delivered().length;
      const booking = await book();
      await new Promise((done) => setTimeout(done, 2000));
      expect(twilio.delivered()).toHaveLength(before);
      const [row] = (await notificationsOf(t.owner, owner.productionId)).filter((candidate) => candidate.booking_id === booking.id);
      expect(row).toMatchObject({ state: 'queued', channel: 'sms' });
      // The delivery job that carries it starts once the quiet hours are over.
      const { rows } = await t.owner.query(`SELECT start_after FROM pgboss.job WHERE name = 'notification-delivery' AND data->'notificationIds' ? $1`, [row!.id]);
      expect(rows).toHaveLength(1);
      expect(new Date(rows[0].start_after).getTime()).toBeGreaterThan(Date.now());
    } finally {
      await owner.client.patch(`${base()}/message-settings`, { smsQuietStart: null, smsQuietEnd: null }).expect(200);
    }
  }, 30_000);

  it('keeps a sandbox’s messages in the mailbox even with a real connector enabled', async () => {
    const sandbox = `/api/environments/${owner.sandboxId}`;
    const s = await seedScheduling(t.owner, owner.sandboxId, [{ name: 'Cleo' }]);
    await owner.client.put(`${sandbox}/connectors/email`, { connectorId: 'smtp', config: smtp.config() }).expect(200);
    const query = new URLSearchParams({ serviceTypeId: s.serviceTypeId, assetId: s.assetId, from: nyDate(4), to: nyDate(4) });
    const slots: { start: string }[] = (await owner.client.get(`${sandbox}/slots?${query.toString()}`).expect(200)).body.slots;
    await portalBooking(t, owner.sandboxId, { serviceTypeId: s.serviceTypeId, assetId: s.assetId, contactId: s.contactId, start: slots[0]!.start });
    const mailbox = await eventually(async () => {
      const items = (await owner.client.get(`${sandbox}/mailbox`).expect(200)).body.items;
      return items.length > 0 && items;
    }, 'the mailbox message');
    expect(mailbox[0]).toMatchObject({ channel: 'email', to: 'maya@hudson.test', attachmentCount: 1 });
    expect(smtp.received).toHaveLength(0);
  }, 30_000);
});
