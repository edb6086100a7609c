import { OutboundMessage } from '@fieldbook/plugin-sdk';
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';
import { MailboxRefusedError, MailboxService } from './mailbox.service';

/** The mailbox as the delivery worker writes to it: messages handed over together are stored together. */
describe('the delivery worker’s mailbox sink', () => {
  let t: TestApp;
  let owner: SignedUp;
  const mailbox = () => `/api/environments/${owner.sandboxId}/mailbox`;
  const email = (to: string, extra: Partial<OutboundMessage> = {}): OutboundMessage =>
    ({ channel: 'email', to, from: 'no-reply@fieldbook.test', subject: `For ${to}`, text: `Hello ${to}`, html: `<p>Hello ${to}</p>`, ...extra }) as OutboundMessage;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await owner.client.delete(mailbox()).expect(200);
  });

  it('stores messages handed over at once, each under its own id, as the mailbox shows them', async () => {
    const sink = t.app.get(MailboxService).sinkFor(owner.sandboxId);
    const calendar = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
    const ics = Buffer.from(calendar).toString('base64');
    const [withInvite, plain, sms] = await Promise.all([
      sink.store(email('ada@example.test', { fromName: 'Northwind', replyTo: 'office@northwind.test', attachments: [{ filename: 'booking.ics', contentType: 'text/calendar', content: ics }] })),
      sink.store(email('bo@example.test')),
      sink.store({ channel: 'sms', to: '+14155550123', body: 'See you tomorrow' }),
    ]);
    expect(new Set([withInvite!.id, plain!.id, sms!.id]).size).toBe(3);

    const first = (await owner.client.get(`${mailbox()}/${withInvite!.id}`).expect(200)).body;
    expect(first).toMatchObject({ channel: 'email', to: 'ada@example.test', fromName: 'Northwind', replyTo: 'office@northwind.test', subject: 'For ada@example.test', html: '<p>Hello ada@example.test</p>' });
    expect(first.attachments).toEqual([{ filename: 'booking.ics', contentType: 'text/calendar', content: ics, size: calendar.length }]);
    expect((await owner.client.get(`${mailbox()}/${sms!.id}`).expect(200)).body).toMatchObject({ channel: 'sms', to: '+14155550123', text: 'See you tomorrow', subject: null, attachments: [] });
    expect((await owner.client.get(mailbox()).expect(200)).body.total).toBe(3);
  });

  it('fails only the message the database refuses; the others handed over with it are kept', async () => {
    const sink = t.app.get(MailboxService).sinkFor(owner.sandboxId);
    // An empty recipient passes the sink's own checks but not the table's.
    const results = await Promise.allSettled([sink.store(email('ada@example.test')), sink.store(email('')), sink.store(email('bo@example.test'))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const kept = (await owner.client.get(mailbox()).expect(200)).body.items.map((item: { to: string }) => item.to);
    expect(kept.sort()).toEqual(['ada@example.test', 'bo@example.test']);
  });

  it('refuses what is not a message before storing anything, without holding up the others', async () => {
    const sink = t.app.get(MailboxService).sinkFor(owner.sandboxId);
    const results = await Promise.allSettled([sink.store({ channel: 'fax', to: '+14155550123' } as unknown as OutboundMessage), sink.store(email('ada@example.test'))]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(MailboxRefusedError) });
    expect(results[1]).toMatchObject({ status: 'fulfilled' });
    expect((await owner.client.get(mailbox()).expect(200)).body.items.map((item: { to: string }) => item.to)).toEqual(['ada@example.test']);
  });
});
