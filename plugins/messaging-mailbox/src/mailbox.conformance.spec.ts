import { ConformanceCheckId, ProviderFake, runConformanceCheck } from '@fieldbook/plugin-sdk/conformance';
import { mailboxEmail, mailboxSms } from './index';
import { FakeMailbox } from '../test/fake-mailbox';

/**
 * The kit's checks that apply to a mailbox. Its "provider" is the platform's own storage: it has
 * no credentials to refuse ('bad-credentials', and 'verify', which needs a refusal to tell apart),
 * no rate limit ('rate-limit'), no network address to be unreachable at ('unreachable') and no
 * recipients it refuses ('bad-recipient'); it has no secret settings ('secrets') and no status
 * webhooks. What remains is run one check at a time, each against a fresh in-memory sink.
 */
const APPLICABLE: ConformanceCheckId[] = ['manifest', 'config-schema', 'send', 'server-error', 'timeout', 'abort'];

describe.each([
  ['mailbox-email', mailboxEmail, 'ada@example.com'],
  ['mailbox-sms', mailboxSms, '+14155550123'],
] as const)('%s connector conformance', (_id, connector, recipient) => {
  it.each(APPLICABLE)('passes the %s check', async (check) => {
    await runConformanceCheck(check, { connector, recipient, fake: (): ProviderFake => new FakeMailbox() });
  }, 20_000);
});
