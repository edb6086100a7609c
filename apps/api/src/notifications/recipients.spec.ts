import { channelsFor, quietHoursEnd, recipientFor } from './recipients';

describe('who a message reaches, and when', () => {
  it('uses the contact’s own channel when they chose one, else the environment’s', () => {
    expect(channelsFor('email', { preferredChannel: null })).toEqual(['email']);
    expect(channelsFor('both', { preferredChannel: null })).toEqual(['email', 'sms']);
    expect(channelsFor('both', { preferredChannel: 'sms' })).toEqual(['sms']);
    expect(channelsFor('email', { preferredChannel: 'both' })).toEqual(['email', 'sms']);
  });

  it('needs an address for email and a number the numbering plan knows for SMS', () => {
    const contact = { email: 'ada@example.test', phone: '+14155550123', preferredChannel: null };
    expect(recipientFor('email', contact)).toEqual({ recipient: 'ada@example.test' });
    expect(recipientFor('sms', contact)).toEqual({ recipient: '+14155550123' });
    expect(recipientFor('email', { ...contact, email: null })).toEqual({ skip: 'noEmail' });
    expect(recipientFor('sms', { ...contact, phone: null })).toEqual({ skip: 'noPhone' });
    expect(recipientFor('sms', { ...contact, phone: '+999123456789' })).toEqual({ skip: 'invalidPhone' });
    expect(recipientFor('sms', { ...contact, phone: '+1415555' })).toEqual({ skip: 'invalidPhone' });
  });

  it('holds a text until quiet hours end, the same night or the next morning', () => {
    const berlin = 'Europe/Berlin';
    // 22:30 in Berlin (UTC+1 in winter), quiet 21:00–08:00 → 08:00 the next day.
    expect(quietHoursEnd(new Date('2026-12-01T21:30:00Z'), berlin, '21:00', '08:00')).toEqual(new Date('2026-12-02T07:00:00Z'));
    // 06:00 in Berlin → 08:00 the same day.
    expect(quietHoursEnd(new Date('2026-12-02T05:00:00Z'), berlin, '21:00', '08:00')).toEqual(new Date('2026-12-02T07:00:00Z'));
    // 12:00 → not quiet.
    expect(quietHoursEnd(new Date('2026-12-02T11:00:00Z'), berlin, '21:00', '08:00')).toBeUndefined();
    // Quiet hours inside one day (13:00–14:00).
    expect(quietHoursEnd(new Date('2026-12-02T12:30:00Z'), berlin, '13:00', '14:00')).toEqual(new Date('2026-12-02T13:00:00Z'));
    expect(quietHoursEnd(new Date('2026-12-02T12:30:00Z'), berlin, null, null)).toBeUndefined();
  });

  it('ends quiet hours at the right instant across a DST change', () => {
    // New York springs forward on 2026-03-08: 08:00 that morning is 12:00Z, the evening before 22:00 is 03:00Z.
    expect(quietHoursEnd(new Date('2026-03-08T03:30:00Z'), 'America/New_York', '21:00', '08:00')).toEqual(new Date('2026-03-08T12:00:00Z'));
    // Quiet hours ending at 02:30, a time that does not exist that night, end at 03:00 local.
    expect(quietHoursEnd(new Date('2026-03-08T06:00:00Z'), 'America/New_York', '22:00', '02:30')).toEqual(new Date('2026-03-08T07:00:00Z'));
  });
});
