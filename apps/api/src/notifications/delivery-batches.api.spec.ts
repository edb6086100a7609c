import { resolve } from 'node:path';
import { hashBookingCodeToken } from '../booking-codes/booking-code-token';
import { SchedulingFixture, insertBooking, nyDate, seedScheduling } from '../../test/scheduling-fixtures';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { NotificationDelivery } from './notification-delivery';

/**
 * The worker's side of a batch, handed to the delivery service directly (no worker role, so no
 * background work takes the jobs first): a sandbox environment, so every message goes to its mailbox.
 */
describe('delivering a batch of notifications', () => {
  let t: TestApp;
  let owner: SignedUp;
  let f: SchedulingFixture;
  let hour = 0;
  const environmentId = () => owner.sandboxId;

  /** A reminder due for a new booking of the fixture's technician, queued as the reminder run queues it. */
  async function queuedReminder(contactId = f.contactId, recipient = 'maya@hudson.test'): Promise<string> {
    const start = new Date(`${nyDate(2 + Math.floor(hour / 8))}T${String(13 + (hour % 8)).padStart(2, '0')}:00:00Z`).toISOString();
    hour += 1;
    const bookingId = await insertBooking(t.owner, f, f.technicianIds[0]!, start);
    const { rows } = await t.owner.query(
      `INSERT INTO notification (environment_id, dedupe_key, type, channel, contact_id, booking_id, recipient, language, context)
       VALUES ($1, $2, 'reminder', 'email', $3, $4, $5, 'en', $6) RETURNING id`,
      [environmentId(), `reminder:${bookingId}:1:email`, contactId, bookingId, recipient, { startsAt: start, leadDays: 1, calendarSequence: 0, timeZone: 'America/New_York' }],
    );
    return rows[0].id;
  }

  /** The notifications as one delivery job brings them, on their first of six attempts. */
  const deliver = (ids: string[]) => t.app.get(NotificationDelivery).deliver({ data: { environmentId: environmentId(), notificationIds: ids, finalAttempt: 6 } });

  interface StateRow {
    id: string;
    state: string;
    attempts: number;
    skip_reason: string | null;
    last_error: string | null;
    provider_message_id: string | null;
  }

  async function stateOf(ids: string[]): Promise<Map<string, StateRow>> {
    const { rows } = await t.owner.query<StateRow>(
      `SELECT id, state, attempts, skip_reason, last_error, provider_message_id FROM notification WHERE environment_id = $1 AND id = ANY($2::uuid[])`,
      [environmentId(), ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Mailbox rows, each with the notification its booking-code link was issued for. */
  async function mailboxByNotification(): Promise<{ id: string; notification_id: string | null }[]> {
    // The text as the mailbox shows it: its own, or that of the notification it names.
    const { rows } = await t.owner.query(
      `SELECT m.id, coalesce(m.text, n.content ->> 'text') AS text
         FROM mailbox_message m LEFT JOIN notification n ON n.environment_id = m.environment_id AND n.id = m.notification_id
        WHERE m.environment_id = $1`,
      [environmentId()],
    );
    const result = [];
    for (const row of rows as { id: string; text: string }[]) {
      const token = /\/booking\/([A-Za-z0-9_-]{43})/.exec(row.text)?.[1];
      const codes = token
        ? (await t.owner.query(`SELECT notification_id FROM booking_code WHERE environment_id = $1 AND token_hash = $2`, [environmentId(), hashBookingCodeToken(token)])).rows
        : [];
      result.push({ id: row.id, notification_id: codes[0]?.notification_id ?? null });
    }
    return result;
  }

  beforeAll(async () => {
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins') });
    owner = await signUpOrganization(t.http);
    f = await seedScheduling(t.owner, environmentId(), [{ name: 'Ana' }]);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.owner.query(`DELETE FROM mailbox_message WHERE environment_id = $1`, [environmentId()]);
  });

  it('sends every message of a batch once, each with a booking code of its own, and a second delivery of the same jobs sends nothing', async () => {
    // More than are sent at once, so the batch goes out in more than one wave.
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await queuedReminder());

    expect(await deliver(ids)).toEqual([]);
    const states = await stateOf(ids);
    expect([...states.values()].every((row) => row.state === 'sent' && row.attempts === 1)).toBe(true);
    const kept = await mailboxByNotification();
    expect(kept).toHaveLength(30);
    expect(new Set(kept.map((row) => row.notification_id))).toEqual(new Set(ids));
    // The provider id of each notification is the mailbox row that carries its link.
    for (const row of kept) expect(states.get(row.notification_id!)?.provider_message_id).toBe(row.id);

    expect(await deliver(ids)).toEqual([]);
    expect(await mailboxByNotification()).toHaveLength(30);
    const { rows: codes } = await t.owner.query(`SELECT count(*)::int AS n FROM booking_code WHERE environment_id = $1 AND notification_id = ANY($2::uuid[])`, [
      environmentId(),
      ids,
    ]);
    expect(codes[0].n).toBe(30);
  }, 30_000);

  it('fails a message that cannot be rendered on its own, without a booking code, and sends the rest of its batch', async () => {
    const { rows: stranger } = await t.owner.query(
      `WITH a AS (INSERT INTO account (environment_id, name, address_line1, city, country, lat, lng, time_zone)
                  VALUES ($1, 'Elsewhere Ltd', '1 Side St', 'Boston', 'US', 42.36, -71.06, 'America/New_York') RETURNING id)
       INSERT INTO contact (environment_id, account_id, first_name, last_name, email) SELECT $1, a.id, 'Sam', 'Stranger', 'sam@elsewhere.test' FROM a RETURNING id`,
      [environmentId()],
    );
    const first = await queuedReminder();
    // A contact of another account than the booking's: no booking code may be issued to them.
    const refused = await queuedReminder(stranger[0].id, 'sam@elsewhere.test');
    const last = await queuedReminder();

    expect(await deliver([first, refused, last])).toEqual([]);
    const states = await stateOf([first, refused, last]);
    expect(states.get(first)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(states.get(last)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(states.get(refused)).toMatchObject({ state: 'failed', skip_reason: 'renderFailed', last_error: expect.stringContaining('contactNotFound') });
    const { rows: codes } = await t.owner.query(`SELECT notification_id FROM booking_code WHERE environment_id = $1 AND notification_id = ANY($2::uuid[])`, [
      environmentId(),
      [first, refused, last],
    ]);
    expect(codes.map((row: { notification_id: string }) => row.notification_id).sort()).toEqual([first, last].sort());
    expect((await mailboxByNotification()).map((row) => row.notification_id).sort()).toEqual([first, last].sort());
  }, 30_000);
  it('leaves a notification another worker holds to a job that starts when the hold runs out, and sends one whose worker died', async () => {
    const held = await queuedReminder();
    const abandoned = await queuedReminder();
    // Both claimed before: one a moment ago (its worker is still sending), one an hour ago (its worker died mid-send).
    await t.owner.query(`UPDATE notification SET state = 'sending', attempts = 1, updated_at = now() WHERE id = $1`, [held]);
    await t.owner.query(`UPDATE notification SET state = 'sending', attempts = 1, updated_at = now() - interval '1 hour' WHERE id = $1`, [abandoned]);

    expect(await deliver([held, abandoned])).toEqual([]);
    const states = await stateOf([held, abandoned]);
    expect(states.get(held)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(states.get(abandoned)).toMatchObject({ state: 'sent', attempts: 2 });
    expect((await mailboxByNotification()).map((row) => row.notification_id)).toEqual([abandoned]);
    const { rows: jobs } = await t.owner.query(`SELECT data, start_after > now() + interval '30 seconds' AS later FROM pgboss.job WHERE name = 'notification-delivery' AND data->'notificationIds' ? $1`, [
      held,
    ]);
    expect(jobs).toEqual([{ data: { environmentId: environmentId(), notificationIds: [held], finalAttempt: 6 }, later: true }]);
  }, 30_000);
});
