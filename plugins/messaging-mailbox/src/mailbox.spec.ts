import { BadConfigError, PermanentError, RetryableError, SendContext, connectorProblems, validateConfig } from '@fieldbook/plugin-sdk';
import connectors, { mailboxEmail, mailboxSms } from './index';
import { FakeMailbox } from '../test/fake-mailbox';

function context(overrides: Partial<SendContext> = {}): SendContext & { logs: string[] } {
  const logs: string[] = [];
  return { idempotencyKey: 'notification-1', timeoutMs: 1000, signal: new AbortController().signal, log: (line) => logs.push(line), logs, ...overrides };
}

const email = { channel: 'email' as const, to: 'ada@example.com', from: 'bookings@example.com', subject: 'Your visit', text: 'See you at 9.', html: '<p>See you at 9.</p>' };
const sms = { channel: 'sms' as const, to: '+14155550123', body: 'See you at 9.' };

describe('mailbox connectors', () => {
  it('exports one valid connector per channel, each with no settings', () => {
    expect(connectors.map((connector) => [connector.manifest.id, connector.manifest.channel])).toEqual([
      ['mailbox-email', 'email'],
      ['mailbox-sms', 'sms'],
    ]);
    for (const connector of connectors) {
      expect(connectorProblems(connector)).toEqual([]);
      expect(validateConfig(connector.manifest.configSchema, {})).toEqual({ ok: true, config: {} });
    }
  });

  it('keeps an email in the mailbox with everything it carries, and names the stored id', async () => {
    const fake = new FakeMailbox();
    const attachments = [{ filename: 'visit.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR').toString('base64') }];
    const result = await mailboxEmail.send({ ...email, attachments }, {}, context({ mailbox: fake.mailbox() }));
    expect(fake.stored()).toEqual([{ id: result.providerMessageId, message: { ...email, attachments } }]);
  });

  it('keeps an SMS as it is', async () => {
    const fake = new FakeMailbox();
    const result = await mailboxSms.send(sms, {}, context({ mailbox: fake.mailbox() }));
    expect(fake.delivered()).toEqual([{ to: '+14155550123', text: 'See you at 9.' }]);
    expect(result.providerMessageId).toBe(fake.stored()[0]!.id);
  });

  it('refuses to send where the platform offers no mailbox', async () => {
    const attempt = mailboxEmail.send(email, {}, context());
    await expect(attempt).rejects.toBeInstanceOf(BadConfigError);
    await expect(attempt).rejects.toThrow('The mailbox is not available here.');
  });

  it('refuses a message of the other channel', async () => {
    const fake = new FakeMailbox();
    await expect(mailboxEmail.send(sms, {}, context({ mailbox: fake.mailbox() }))).rejects.toBeInstanceOf(PermanentError);
    await expect(mailboxSms.send(email, {}, context({ mailbox: fake.mailbox() }))).rejects.toBeInstanceOf(PermanentError);
    expect(fake.stored()).toEqual([]);
  });

  it('turns a failing mailbox into a retryable error without its details', async () => {
    const fake = new FakeMailbox();
    fake.behave('server-error');
    const attempt = mailboxSms.send(sms, {}, context({ mailbox: fake.mailbox() }));
    await expect(attempt).rejects.toBeInstanceOf(RetryableError);
    await expect(attempt).rejects.toThrow('The Mailbox (SMS) could not store the message.');
  });

  it('stops waiting for a stalled mailbox when the platform aborts', async () => {
    const fake = new FakeMailbox();
    fake.behave('hang');
    const controller = new AbortController();
    const attempt = mailboxEmail.send(email, {}, context({ mailbox: fake.mailbox(), signal: controller.signal }));
    controller.abort();
    await expect(attempt).rejects.toBeInstanceOf(RetryableError);
    await fake.stop();
  });

  it('does not touch the mailbox when the platform has already given up', async () => {
    const fake = new FakeMailbox();
    const controller = new AbortController();
    controller.abort();
    await expect(mailboxEmail.send(email, {}, context({ mailbox: fake.mailbox(), signal: controller.signal }))).rejects.toBeInstanceOf(RetryableError);
    expect(fake.stored()).toEqual([]);
  });

  it('treats a sink answer without an id as a failure', async () => {
    const mailbox = { store: async () => ({ id: '' }) };
    await expect(mailboxSms.send(sms, {}, context({ mailbox }))).rejects.toBeInstanceOf(RetryableError);
  });

  it('always verifies: there is nothing to log in to', async () => {
    await expect(mailboxEmail.verify!({}, { timeoutMs: 1000, signal: new AbortController().signal, log: () => undefined })).resolves.toEqual({ ok: true });
  });
});
