import { resolve } from 'node:path';
import { SchedulingFixture, insertBooking, nyDate, seedScheduling } from '../../test/scheduling-fixtures';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { MailboxService } from '../messaging/mailbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { NotificationDelivery } from './notification-delivery';

/**
 * A sandbox's message is kept once: the notification keeps the content as sent, and the mailbox
 * row names the notification and shows that content — before and after the notification goes.
 */
describe('the content of a message delivered to the mailbox', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  let hour = 0;
  const environmentId = () => owner.sandboxId;
  const mailbox = () => `/api/environments/${environmentId()}/mailbox`;

  async function queuedReminder(): Promise<string> {
    const start = new Date(`${nyDate(2 + Math.floor(hour / 8))}T${String(13 + (hour % 8)).padStart(2, '0')}:00:00Z`).toISOString();
    hour += 1;
    const bookingId = await insertBooking(t.owner, f, f.technicianIds[0]!, start);
    const { rows } = await t.owner.query(
      `INSERT INTO notification (environment_id, dedupe_key, type, channel, contact_id, booking_id, recipient, language, context)
       VALUES ($1, $2, 'reminder', 'email', $3, $4, 'maya@hudson.test', 'en', $5) RETURNING id`,
      [environmentId(), `reminder:${bookingId}:1:email`, f.contactId, bookingId, { startsAt: start, leadDays: 1, calendarSequence: 0, timeZone: 'America/New_York' }],
    );
    return rows[0].id;
  }

  const deliver = (ids: string[]) => t.app.get(NotificationDelivery).deliver({ data: { environmentId: environmentId(), notificationIds: ids, finalAttempt: 6 } });

  async function stored(notificationId: string) {
    const { rows } = await t.owner.query(
      `SELECT m.id, m.notification_id, m.text, m.html, m.attachments, n.content
         FROM notification n JOIN mailbox_message m ON m.environment_id = n.environment_id AND m.id::text = n.provider_message_id
        WHERE n.environment_id = $1 AND n.id = $2`,
      [environmentId(), notificationId],
    );
    return rows[0] as { id: string; notification_id: string | null; text: string | null; html: string | null; attachments: unknown; content: { subject: string; text: string; html: string; attachments: { filename: string; contentType: string; content: string }[] } };
  }

  beforeAll(async () => {
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins') });
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, environmentId(), [{ name: 'Ana' }]);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await owner.client.delete(mailbox()).expect(200);
  });

  it('stores the text once, with the notification, and the mailbox shows it in full', async () => {
    const id = await queuedReminder();
    expect(await deliver([id])).toEqual([]);
    const row = await stored(id);
    expect(row).toMatchObject({ notification_id: id, text: null, html: null, attachments: null });
    expect(row.content.text).toMatch(/\/booking\/[A-Za-z0-9_-]{43}/);
    expect(row.content.attachments).toHaveLength(1);

    const shown = (await owner.client.get(`${mailbox()}/${row.id}`).expect(200)).body;
    expect(shown).toMatchObject({ id: row.id, channel: 'email', to: 'maya@hudson.test', subject: row.content.subject, text: row.content.text, html: row.content.html });
    expect(shown.attachments).toEqual(
      row.content.attachments.map((attachment) => ({ ...attachment, size: Buffer.from(attachment.content, 'base64').length })),
    );
    const listed = (await owner.client.get(mailbox()).expect(200)).body;
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: row.id, subject: row.content.subject, preview: row.content.text.slice(0, 160), attachmentCount: 1 });
    // The log shows the same content as sent (its links' secrets hidden).
    const logged = (await owner.client.get(`/api/environments/${environmentId()}/notifications/${id}`).expect(200)).body;
    expect(logged.content.text).toBe(row.content.text.replace(/(\/booking\/)[A-Za-z0-9_-]{16,}/g, '$1…'));
  }, 30_000);

  it('keeps showing the message after its notification is deleted', async () => {
    const id = await queuedReminder();
    expect(await deliver([id])).toEqual([]);
    const row = await stored(id);
    const before = (await owner.client.get(`${mailbox()}/${row.id}`).expect(200)).body;

    await t.app.get(TenancyService).run(environmentId(), (manager) => manager.query(`DELETE FROM notification WHERE id = $1`, [id]));
    const { rows } = await t.owner.query(`SELECT notification_id, text, html, attachments FROM mailbox_message WHERE environment_id = $1 AND id = $2`, [environmentId(), row.id]);
    expect(rows[0]).toEqual({ notification_id: null, text: row.content.text, html: row.content.html, attachments: row.content.attachments });
    expect((await owner.client.get(`${mailbox()}/${row.id}`).expect(200)).body).toEqual(before);
    expect((await owner.client.get(mailbox()).expect(200)).body.items[0]).toMatchObject({ id: row.id, preview: row.content.text.slice(0, 160), attachmentCount: 1 });
  }, 30_000);

  it('keeps a message in full when it is not exactly what its notification keeps', async () => {
    const content = { text: 'Your visit is tomorrow.', html: '<p>Your visit is tomorrow.</p>', attachments: [] };
    const sink = t.app.get(MailboxService).sinkFor(environmentId());
    const id = '00000000-0000-4000-8000-000000000001';
    // A connector that sends text only: the HTML the notification keeps is not part of the message.
    const [trimmed, same] = await Promise.all([
      sink.about({ id, content }).store({ channel: 'email', to: 'maya@hudson.test', from: 'no-reply@fieldbook.test', subject: 'Tomorrow', text: content.text }),
      sink.about({ id, content }).store({ channel: 'sms', to: '+14155550123', body: 'Your visit is tomorrow.' }),
    ]);
    const { rows } = await t.owner.query(`SELECT id, notification_id, text, html FROM mailbox_message WHERE environment_id = $1 ORDER BY channel`, [environmentId()]);
    expect(rows).toEqual([
      { id: trimmed.id, notification_id: null, text: content.text, html: null },
      { id: same.id, notification_id: null, text: 'Your visit is tomorrow.', html: null },
    ]);
    expect((await owner.client.get(`${mailbox()}/${trimmed.id}`).expect(200)).body).toMatchObject({ text: content.text, html: null, attachments: [] });
  }, 30_000);
});
