import { resolve } from 'node:path';
import type { ProviderFake } from '@fieldbook/plugin-sdk/conformance';
// The connectors' own provider fakes (test code of the plugins): the API drives each real connector
// against the same local provider its conformance suite uses.
/* eslint-disable @nx/enforce-module-boundaries */
import { FakePostmark } from '../../../../plugins/messaging-postmark/test/fake-postmark';
import { FakeSmtpServer } from '../../../../plugins/messaging-smtp/test/fake-smtp-server';
import { FakeTwilioApi } from '../../../../plugins/messaging-twilio/test/fake-twilio-api';
import { FakeVonage } from '../../../../plugins/messaging-vonage/test/fake-vonage';
/* eslint-enable @nx/enforce-module-boundaries */
import { SignedUp, TestApp, signUpOrganization, startTestApp } from '../../test/test-app';

const CASES: [connectorId: string, channel: 'email' | 'sms', fake: () => ProviderFake, to: string][] = [
  ['smtp', 'email', () => new FakeSmtpServer(), 'ada@example.com'],
  ['postmark', 'email', () => new FakePostmark(), 'ada@example.com'],
  ['twilio', 'sms', () => new FakeTwilioApi(), '+14155550123'],
  ['vonage', 'sms', () => new FakeVonage(), '+14155550123'],
];

describe('the real connectors through the API', () => {
  let t: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    t = await startTestApp({ CONNECTOR_PATHS: resolve('plugins') });
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  it.each(CASES)('enables %s, verifies its settings and sends a test message that reaches the provider', async (connectorId, channel, makeFake, to) => {
    const fake = makeFake();
    await fake.start();
    try {
      const url = `/api/environments/${owner.productionId}/connectors/${channel}`;
      const enabled = await owner.client.put(url, { connectorId, config: fake.config() }).expect(200);
      expect(enabled.body).toMatchObject({ connectorId, channel });
      expect((await owner.client.post(`${url}/verify`).expect(200)).body).toMatchObject({ ok: true, connectorId });
      const sent = await owner.client.post(`${url}/test`, { to }).expect(200);
      expect(sent.body).toEqual({ connectorId, providerMessageId: expect.any(String) });
      expect(fake.delivered().map((message) => message.to)).toEqual([to]);

      await owner.client.put(url, { connectorId, config: fake.badCredentialsConfig() }).expect(200);
      const refused = await owner.client.post(`${url}/verify`).expect(422);
      expect(refused.body.code).toBe('verifyFailed');
      for (const value of Object.values(fake.badCredentialsConfig())) {
        if (typeof value === 'string' && value.length >= 8 && !/^https?:|^\d|@/.test(value)) expect(JSON.stringify(refused.body)).not.toContain(value);
      }
    } finally {
      await fake.stop();
    }
  }, 60_000);
});
