import { randomUUID } from 'node:crypto';
import type { ConnectorConfig, MailboxSink, OutboundMessage } from '@fieldbook/plugin-sdk';
import type { DeliveredMessage, FakeScenario, ProviderFake } from '@fieldbook/plugin-sdk/conformance';

/**
 * The mailbox's "provider" is the platform's own storage, so its stand-in is an in-memory sink.
 * It can accept, fail ('server-error', like a database that is down) and stall ('hang'); it has no
 * credentials, no rate limit and no recipients to refuse, so the other scenarios do not exist for it.
 */
export class FakeMailbox implements ProviderFake {
  private scenario: FakeScenario = 'accept';
  private readonly kept: { id: string; message: OutboundMessage }[] = [];
  private readonly stalled: (() => void)[] = [];

  async start(): Promise<void> {
    this.scenario = 'accept';
  }

  async stop(): Promise<void> {
    // Let stalled stores finish so nothing is left pending when the test ends.
    for (const release of this.stalled.splice(0)) release();
  }

  config(): ConnectorConfig {
    return {};
  }

  badCredentialsConfig(): ConnectorConfig {
    return {};
  }

  unreachableConfig(): ConnectorConfig {
    return {};
  }

  behave(scenario: FakeScenario): void {
    this.scenario = scenario;
  }

  delivered(): DeliveredMessage[] {
    return this.kept.map(({ message }) =>
      message.channel === 'sms'
        ? { to: message.to, text: message.body }
        : { to: message.to, text: message.text, subject: message.subject, html: message.html, attachments: message.attachments?.length ?? 0 },
    );
  }

  /** What the sink holds, as stored. */
  stored(): { id: string; message: OutboundMessage }[] {
    return [...this.kept];
  }

  mailbox(): MailboxSink {
    return {
      store: (message) => {
        if (this.scenario === 'server-error') return Promise.reject(new Error('the mailbox table is not reachable'));
        if (this.scenario === 'hang') return new Promise((resolve) => this.stalled.push(() => resolve({ id: 'released-after-stop' })));
        const id = randomUUID();
        this.kept.push({ id, message });
        return Promise.resolve({ id });
      },
    };
  }
}
