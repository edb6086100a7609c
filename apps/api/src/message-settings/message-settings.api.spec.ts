import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

type Issue = { field: string; code: string; message: string };
const issues = (body: { details?: Issue[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);

const DEFAULTS = {
  enabled: { invite: true, confirmed: true, reminder: true, rescheduled: true, canceled: true, completed: true },
  channel: 'email',
  reminderLeadDays: [1],
  reminderTiming: 'utc',
  reminderTime: '10:00',
  smsQuietStart: null,
  smsQuietEnd: null,
  smsFallbackToEmail: true,
};

describe('message settings', () => {
  let t: TestApp;
  let owner: SignedUp;
  const settings = (environmentId = owner.productionId) => `/api/environments/${environmentId}/message-settings`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  it('shows the defaults before anything was changed, without storing a row', async () => {
    const res = await owner.client.get(settings()).expect(200);
    expect(res.body).toEqual({ ...DEFAULTS, updatedAt: null });
    const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM message_settings WHERE environment_id = $1`, [owner.productionId]);
    expect(rows[0].n).toBe(0);
  });

  it('shows as defaults exactly what the table stores for a new row', async () => {
    await t.owner.query(`INSERT INTO message_settings (environment_id) VALUES ($1)`, [owner.productionId]);
    const res = await owner.client.get(settings()).expect(200);
    expect(res.body).toEqual({ ...DEFAULTS, updatedAt: expect.any(String) });
  });

  it('stores the first change and keeps every field that was left out', async () => {
    const res = await owner.client.patch(settings(), { channel: 'both', enabled: { completed: false } }).expect(200);
    expect(res.body).toEqual({ ...DEFAULTS, channel: 'both', enabled: { ...DEFAULTS.enabled, completed: false }, updatedAt: expect.any(String) });
    const second = await owner.client.patch(settings(), { enabled: { invite: false } }).expect(200);
    expect(second.body.enabled).toEqual({ ...DEFAULTS.enabled, completed: false, invite: false });
    expect(second.body.channel).toBe('both');
    expect((await owner.client.get(settings()).expect(200)).body).toEqual(second.body);
  });

  it('changes every setting at once, storing the reminder days sorted', async () => {
    const change = {
      enabled: { invite: false, confirmed: false, reminder: false, rescheduled: false, canceled: false, completed: false },
      channel: 'sms',
      reminderLeadDays: [7, 1, 3],
      reminderTiming: 'local',
      reminderTime: '18:30',
      smsQuietStart: '21:00',
      smsQuietEnd: '07:30',
      smsFallbackToEmail: false,
    };
    const res = await owner.client.patch(settings(), change).expect(200);
    expect(res.body).toEqual({ ...change, reminderLeadDays: [1, 3, 7], updatedAt: expect.any(String) });
  });

  it('accepts no reminder days at all, and clears quiet hours when both ends are cleared', async () => {
    await owner.client.patch(settings(), { smsQuietStart: '22:00', smsQuietEnd: '06:00' }).expect(200);
    const res = await owner.client.patch(settings(), { reminderLeadDays: [], smsQuietStart: null, smsQuietEnd: null }).expect(200);
    expect(res.body).toMatchObject({ reminderLeadDays: [], smsQuietStart: null, smsQuietEnd: null });
  });

  it('moves one end of quiet hours that are already set', async () => {
    await owner.client.patch(settings(), { smsQuietStart: '22:00', smsQuietEnd: '06:00' }).expect(200);
    const res = await owner.client.patch(settings(), { smsQuietEnd: '08:00' }).expect(200);
    expect(res.body).toMatchObject({ smsQuietStart: '22:00', smsQuietEnd: '08:00' });
  });

  it('changes one environment only', async () => {
    await owner.client.patch(settings(), { channel: 'sms' }).expect(200);
    expect((await owner.client.get(settings(owner.sandboxId)).expect(200)).body.channel).toBe('email');
  });

  describe('refuses bad input and stores nothing', () => {
    it.each([
      ['a time that is not HH:MM', { reminderTime: '9:00' }, 'reminderTime', 'timeOfDay', 'Reminder time must be a time of day written HH:MM (00:00 to 23:59), not “9:00”.'],
      ['24:00 as a reminder time', { reminderTime: '24:00' }, 'reminderTime', 'timeOfDay', 'Reminder time must be a time of day written HH:MM (00:00 to 23:59), not “24:00”.'],
      ['a quiet-hours time with seconds', { smsQuietStart: '21:00:00', smsQuietEnd: '06:00' }, 'smsQuietStart', 'timeOfDay', 'Start of SMS quiet hours must be a time of day written HH:MM (00:00 to 23:59), not “21:00:00”.'],
      ['a reminder day of 0', { reminderLeadDays: [0, 2] }, 'reminderLeadDays', 'min', 'Reminder days must be at least 1.'],
      ['a reminder day of 8', { reminderLeadDays: [8] }, 'reminderLeadDays', 'max', 'Reminder days must be at most 7.'],
      ['a reminder day that is not a whole number', { reminderLeadDays: [1.5] }, 'reminderLeadDays', 'isInt', 'Reminder days must be a whole number.'],
      ['a reminder day listed twice', { reminderLeadDays: [2, 1, 2] }, 'reminderLeadDays', 'duplicateLeadDay', 'Reminder days lists day 2 more than once. Give each day only once.'],
      ['only the start of quiet hours', { smsQuietStart: '21:00' }, 'smsQuietEnd', 'quietHoursIncomplete', 'Give both the start and the end of SMS quiet hours, or clear both.'],
      ['only the end of quiet hours', { smsQuietEnd: '07:00' }, 'smsQuietStart', 'quietHoursIncomplete', 'Give both the start and the end of SMS quiet hours, or clear both.'],
      ['quiet hours that start when they end', { smsQuietStart: '07:00', smsQuietEnd: '07:00' }, 'smsQuietEnd', 'quietHoursEmpty', 'SMS quiet hours cannot start and end at the same time (07:00).'],
      ['an unknown channel', { channel: 'fax' }, 'channel', 'isIn', 'Channel must be one of: email, sms, both.'],
      ['an unknown reminder timing', { reminderTiming: 'solar' }, 'reminderTiming', 'isIn', 'Reminder timing must be one of: utc, local.'],
      ['a null channel', { channel: null }, 'channel', 'isNotEmpty', 'Channel is required.'],
      ['a switch that is not true or false', { enabled: { reminder: 'yes' } }, 'enabled.reminder', 'isBoolean', 'Reminder must be true or false.'],
      ['an unknown message type', { enabled: { newsletter: true } }, 'enabled.newsletter', 'unknownField', 'enabled.newsletter is not an accepted field.'],
      [
        'switching password reset',
        { enabled: { password_reset: false } },
        'enabled.password_reset',
        'passwordResetAlwaysOn',
        'Password reset messages are always sent; they cannot be switched on or off.',
      ],
      ['an unknown field', { quietHours: '21-7' }, 'quietHours', 'unknownField', 'quietHours is not an accepted field.'],
    ])('refuses %s', async (_case, change, field, code, message) => {
      const res = await owner.client.patch(settings(), change).expect(400);
      expect(res.body.details).toEqual([{ field, code, message }]);
      expect((await owner.client.get(settings()).expect(200)).body.updatedAt).toBeNull();
    });

    it('refuses to clear one end of quiet hours that are set, and keeps them', async () => {
      await owner.client.patch(settings(), { smsQuietStart: '22:00', smsQuietEnd: '06:00' }).expect(200);
      const res = await owner.client.patch(settings(), { smsQuietStart: null }).expect(400);
      expect(issues(res.body)).toEqual(['smsQuietStart:quietHoursIncomplete']);
      expect((await owner.client.get(settings()).expect(200)).body).toMatchObject({ smsQuietStart: '22:00', smsQuietEnd: '06:00' });
    });

    it('reports every problem of one request together', async () => {
      const res = await owner.client.patch(settings(), { reminderTime: '7pm', smsQuietEnd: 'late', enabled: { password_reset: true } }).expect(400);
      expect(issues(res.body)).toEqual(['enabled.password_reset:passwordResetAlwaysOn', 'reminderTime:timeOfDay', 'smsQuietEnd:timeOfDay']);
    });

    it('answers in the admin’s language', async () => {
      const res = await owner.client.patch(settings(), { reminderLeadDays: [3, 3] }).set('Accept-Language', 'de').expect(400);
      expect(res.body.details[0].message).toBe('Erinnerungstage nennt den Tag 3 mehrfach. Geben Sie jeden Tag nur einmal an.');
    });
  });

  it('lets a dispatcher read but not change the settings', async () => {
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await dispatcher.client.get(settings()).expect(200);
    const res = await dispatcher.client.patch(settings(), { channel: 'sms' }).expect(403);
    expect(res.body.code).toBe('roleForbidden');
    expect((await owner.client.get(settings()).expect(200)).body.channel).toBe('email');
  });

  it('lets an admin change the settings', async () => {
    const admin = await addMember(t.http, owner, 'admin');
    await admin.client.patch(settings(), { channel: 'sms' }).expect(200);
  });

  it('records each change with what it was and what it became', async () => {
    await owner.client.patch(settings(), { channel: 'both', reminderLeadDays: [2, 1], enabled: { canceled: false, confirmed: true } }).expect(200);
    const audit = await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=1`).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'message_settings.updated',
      actorName: 'Robin Park',
      details: {
        changes: {
          'enabled.canceled': { from: true, to: false },
          channel: { from: 'email', to: 'both' },
          reminderLeadDays: { from: [1], to: [1, 2] },
        },
      },
    });
    expect(Object.keys(audit.body.items[0].details.changes)).toHaveLength(3);
  });
});
