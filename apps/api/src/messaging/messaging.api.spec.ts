import { resolve } from 'node:path';
import { Client, SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';
import { RELAY_KEY, relayConnectorPackages } from '../../test/connector-fixtures';
import { Keyring, SecretBox, keyIdOf, secretAad } from './secret-box';

const MASK = '••••••••';

describe('messaging connectors', () => {
  let t: TestApp;
  let fixtures: { folder: string; remove(): void };
  let owner: SignedUp;

  beforeAll(async () => {
    fixtures = relayConnectorPackages();
    t = await startTestApp({ CONNECTOR_PATHS: `${fixtures.folder},${resolve('plugins')}`, CONNECTOR_TIMEOUT_MS: '1000' });
    owner = await signUpOrganization(t.http, { organizationName: 'Messaging Plumbing Co' });
  });
  afterAll(async () => {
    await t.close();
    fixtures.remove();
  });

  const connectors = (environmentId: string) => `/api/environments/${environmentId}/connectors`;
  const mailbox = (environmentId: string) => `/api/environments/${environmentId}/mailbox`;
  const relay = (overrides: Record<string, unknown> = {}) => ({ connectorId: 'relay-email', config: { host: 'ok', sender: 'bookings@plumbing.example', apiKey: RELAY_KEY, ...overrides } });

  /** A PUT/POST as `client` with another Accept-Language. */
  function inLanguage(client: Client, language: string, method: 'put' | 'post', url: string, body: object) {
    return client.agent[method](url).set('X-XSRF-TOKEN', client.csrfToken).set('Accept-Language', language).send(body);
  }

  describe('installed connectors', () => {
    it('lists every installed connector with the settings its form needs, to signed-in admins only', async () => {
      const anonymous = await Client.create(t.http);
      await anonymous.get('/api/connectors').expect(401);
      const res = await owner.client.get('/api/connectors').expect(200);
      const byId = Object.fromEntries(res.body.map((connector: { id: string }) => [connector.id, connector]));
      expect(byId['mailbox-email']).toMatchObject({ channel: 'email', configSchema: [], packageName: '@fieldbook/messaging-mailbox', capabilities: { html: true, attachments: true } });
      expect(byId['mailbox-sms']).toMatchObject({ channel: 'sms', configSchema: [] });
      expect(byId['relay-email']).toEqual({
        id: 'relay-email',
        displayName: 'Relay Mail',
        channel: 'email',
        version: '1.0.0',
        description: 'An email relay for tests.',
        capabilities: { html: true },
        configSchema: [
          { key: 'host', type: 'string', label: 'Relay host', required: true, maxLength: 100 },
          { key: 'port', type: 'number', label: 'Port', required: false, default: 2525, min: 1, max: 65535 },
          { key: 'sender', type: 'email', label: 'Sender address', required: true },
          { key: 'apiKey', type: 'secret', label: 'API key', required: true },
        ],
        packageName: '@fieldbook-test/relay',
      });
      expect(byId['relay-sms']).toMatchObject({ channel: 'sms', description: null });
    });
  });

  describe('per environment', () => {
    it('starts with the mailbox on both channels of a sandbox, and nothing in production', async () => {
      const org = await signUpOrganization(t.http);
      const sandbox = await org.client.get(connectors(org.sandboxId)).expect(200);
      expect(sandbox.body).toEqual([
        { channel: 'email', source: 'sandboxDefault', connectorId: 'mailbox-email', displayName: 'Mailbox (email)', config: {}, updatedAt: null, problem: null },
        { channel: 'sms', source: 'sandboxDefault', connectorId: 'mailbox-sms', displayName: 'Mailbox (SMS)', config: {}, updatedAt: null, problem: null },
      ]);
      const production = await org.client.get(connectors(org.productionId)).expect(200);
      expect(production.body.map((setting: { source: string; connectorId: string | null }) => [setting.source, setting.connectorId])).toEqual([
        ['none', null],
        ['none', null],
      ]);
    });

    it('enables a connector with checked settings, keeps its secret encrypted and only ever shows it masked', async () => {
      const org = await signUpOrganization(t.http);
      const res = await org.client.put(`${connectors(org.productionId)}/email`, relay({ host: '  ok  ' })).expect(200);
      expect(res.body).toMatchObject({
        channel: 'email',
        source: 'configured',
        connectorId: 'relay-email',
        displayName: 'Relay Mail',
        config: { host: 'ok', port: 2525, sender: 'bookings@plumbing.example', apiKey: MASK },
        problem: null,
      });
      const listed = await org.client.get(connectors(org.productionId)).expect(200);
      expect(listed.body[0]).toEqual(res.body);
      expect(JSON.stringify([res.body, listed.body])).not.toContain(RELAY_KEY);

      const { rows } = await t.owner.query(`SELECT * FROM environment_connector WHERE environment_id = $1`, [org.productionId]);
      expect(rows).toHaveLength(1);
      expect(rows[0].config).toEqual({ host: 'ok', port: 2525, sender: 'bookings@plumbing.example' });
      expect(rows[0].secrets_key_id).toBe(keyIdOf(t.config.encryptionKey));
      expect(Buffer.concat([rows[0].secrets_ciphertext, rows[0].secrets_wrapped_key]).toString('latin1')).not.toContain(RELAY_KEY);
      const box = new SecretBox(new Keyring(t.config.encryptionKey));
      const sealed = { ciphertext: rows[0].secrets_ciphertext, iv: rows[0].secrets_iv, authTag: rows[0].secrets_auth_tag, wrappedKey: rows[0].secrets_wrapped_key, keyId: rows[0].secrets_key_id };
      expect(JSON.parse(box.open(sealed, secretAad(org.productionId, 'relay-email')))).toEqual({ apiKey: RELAY_KEY });

      const audit = await org.client.get(`/api/environments/${org.productionId}/audit-events?limit=1`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'connector.enabled', details: { channel: 'email', connectorId: 'relay-email', previousConnectorId: null, settings: ['apiKey', 'host', 'port', 'sender'] } });
      expect(JSON.stringify(audit.body)).not.toContain(RELAY_KEY);
    });

    it('keeps a stored secret left out or sent back masked, and forgets it when another connector is chosen', async () => {
      const org = await signUpOrganization(t.http);
      const url = `${connectors(org.productionId)}/email`;
      await org.client.put(url, relay()).expect(200);
      const changed = await org.client.put(url, { connectorId: 'relay-email', config: { host: 'ok', sender: 'office@plumbing.example', port: 2600 } }).expect(200);
      expect(changed.body.config).toEqual({ host: 'ok', port: 2600, sender: 'office@plumbing.example', apiKey: MASK });
      // The relay accepts only the right key: a successful send proves the stored one was kept.
      await org.client.post(`${url}/test`, { to: 'ada@example.com' }).expect(200);
      await org.client.put(url, { connectorId: 'relay-email', config: { host: 'ok', sender: 'office@plumbing.example', apiKey: MASK } }).expect(200);
      await org.client.post(`${url}/verify`).expect(200);

      await org.client.put(url, { connectorId: 'mailbox-email' }).expect(200);
      const again = await org.client.put(url, { connectorId: 'relay-email', config: { host: 'ok', sender: 'office@plumbing.example' } }).expect(400);
      expect(again.body.details).toEqual([{ field: 'config.apiKey', code: 'required', message: 'API key is required.' }]);
    });

    it('refuses settings that do not fit the schema, every field at once, in the caller’s language, and keeps the old ones', async () => {
      const org = await signUpOrganization(t.http);
      const url = `${connectors(org.productionId)}/email`;
      await org.client.put(url, relay()).expect(200);
      const bad = { connectorId: 'relay-email', config: { host: '', port: 'many', sender: 'not-an-address', colour: 'blue' } };
      const english = await org.client.put(url, bad).expect(400);
      expect(english.body.code).toBe('validation');
      expect(english.body.details).toEqual([
        { field: 'config.colour', code: 'unknown', message: '“colour” is not a setting of this connector.' },
        { field: 'config.host', code: 'required', message: 'Relay host is required.' },
        { field: 'config.port', code: 'typeNumber', message: 'Port must be a number.' },
        // The API key was left out: the stored one counts, so it is not reported missing.
        { field: 'config.sender', code: 'typeEmail', message: 'Sender address must be an email address.' },
      ]);
      const german = await inLanguage(org.client, 'de', 'put', url, { connectorId: 'relay-email', config: { host: 'ok', sender: 'a@b.example', apiKey: 'k', port: 70000 } }).expect(400);
      expect(german.body.details).toEqual([{ field: 'config.port', code: 'max', message: 'Port darf höchstens 65535 sein.' }]);
      const kept = await org.client.get(connectors(org.productionId)).expect(200);
      expect(kept.body[0].config).toEqual({ host: 'ok', port: 2525, sender: 'bookings@plumbing.example', apiKey: MASK });
    });

    it('refuses an unknown connector, one of the other channel, an unknown channel and a malformed body', async () => {
      const url = connectors(owner.productionId);
      const unknown = await owner.client.put(`${url}/email`, { connectorId: 'carrier-pigeon' }).expect(400);
      expect(unknown.body.details).toEqual([
        { field: 'connectorId', code: 'unknownConnector', message: 'No connector with the id “carrier-pigeon” is installed. Choose one from the list of installed connectors.' },
      ]);
      const wrong = await owner.client.put(`${url}/email`, { connectorId: 'mailbox-sms' }).expect(400);
      expect(wrong.body.details[0]).toMatchObject({ field: 'connectorId', code: 'wrongChannel', message: 'The connector “mailbox-sms” sends sms, not email.' });
      const fax = await owner.client.put(`${url}/fax`, { connectorId: 'mailbox-email' }).expect(404);
      expect(fax.body).toMatchObject({ code: 'channelNotFound', message: 'There is no channel “fax”. Use email or sms.' });
      await owner.client.post(`${url}/fax/test`, { to: 'a@b.example' }).expect(404);
      const missing = await owner.client.put(`${url}/email`, { config: 'host=x' }).expect(400);
      expect(missing.body.details.map((detail: { field: string }) => detail.field)).toEqual(['connectorId', 'config']);
      const extra = await owner.client.put(`${url}/email`, { connectorId: 'mailbox-email', secrets: {} }).expect(400);
      expect(extra.body.details).toEqual([{ field: 'secrets', code: 'unknownField', message: 'secrets is not an accepted field.' }]);
      const settings = await owner.client.put(`${url}/sms`, { connectorId: 'mailbox-sms', config: { volume: 11 } }).expect(400);
      expect(settings.body.details).toEqual([{ field: 'config.volume', code: 'unknown', message: '“volume” is not a setting of this connector.' }]);
    });

    it('disables a channel, and says so in the audit trail', async () => {
      const org = await signUpOrganization(t.http);
      await org.client.put(`${connectors(org.sandboxId)}/sms`, { connectorId: 'relay-sms' }).expect(200);
      await org.client.delete(`${connectors(org.sandboxId)}/sms`).expect(204);
      await org.client.delete(`${connectors(org.sandboxId)}/sms`).expect(204);
      const listed = await org.client.get(connectors(org.sandboxId)).expect(200);
      expect(listed.body[1]).toMatchObject({ channel: 'sms', source: 'sandboxDefault', connectorId: 'mailbox-sms' });
      const audit = await org.client.get(`/api/environments/${org.sandboxId}/audit-events?limit=2`).expect(200);
      expect(audit.body.items.map((item: { action: string }) => item.action)).toEqual(['connector.disabled', 'connector.enabled']);
      const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM environment_connector WHERE environment_id = $1`, [org.sandboxId]);
      expect(rows[0].n).toBe(0);
    });

    it('lets a dispatcher read the settings and the mailbox, but not change, verify, test or clear anything', async () => {
      const org = await signUpOrganization(t.http);
      const dispatcher = (await addMember(t.http, org, 'dispatcher')).client;
      await dispatcher.get(connectors(org.sandboxId)).expect(200);
      await dispatcher.get(mailbox(org.sandboxId)).expect(200);
      await dispatcher.get('/api/connectors').expect(200);
      for (const res of [
        await dispatcher.put(`${connectors(org.sandboxId)}/email`, { connectorId: 'mailbox-email' }),
        await dispatcher.delete(`${connectors(org.sandboxId)}/email`),
        await dispatcher.post(`${connectors(org.sandboxId)}/email/verify`),
        await dispatcher.post(`${connectors(org.sandboxId)}/email/test`, { to: 'a@b.example' }),
        await dispatcher.delete(mailbox(org.sandboxId)),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('roleForbidden');
      }
    });
  });

  describe('verify and test send', () => {
    let org: SignedUp;
    let url: string;
    beforeAll(async () => {
      org = await signUpOrganization(t.http);
      url = `${connectors(org.productionId)}/email`;
    });

    it('verifies good settings and refuses bad credentials with the provider’s reason', async () => {
      await org.client.put(url, relay()).expect(200);
      const ok = await org.client.post(`${url}/verify`).expect(200);
      expect(ok.body).toEqual({ ok: true, connectorId: 'relay-email', checked: true });
      await org.client.put(url, relay({ apiKey: 'a-wrong-key-1234' })).expect(200);
      const refused = await org.client.post(`${url}/verify`).expect(422);
      expect(refused.body).toMatchObject({ statusCode: 422, code: 'verifyFailed', kind: 'verify', message: 'Relay Mail could not use these settings: The relay refused the API key.' });
      const german = await inLanguage(org.client, 'de', 'post', `${url}/verify`, {}).expect(422);
      expect(german.body.message).toBe('Relay Mail kann diese Einstellungen nicht verwenden: The relay refused the API key.');
    });

    it('says a connector that cannot check its settings was not checked', async () => {
      await org.client.put(`${connectors(org.productionId)}/sms`, { connectorId: 'relay-sms' }).expect(200);
      const res = await org.client.post(`${connectors(org.productionId)}/sms/verify`).expect(200);
      expect(res.body).toEqual({ ok: true, connectorId: 'relay-sms', checked: false });
    });

    it('sends a test message now and answers with the provider’s message id', async () => {
      await org.client.put(url, relay()).expect(200);
      const res = await org.client.post(`${url}/test`, { to: ' ada@example.com ' }).expect(200);
      expect(res.body).toEqual({ connectorId: 'relay-email', providerMessageId: 'relay:ada@example.com:Fieldbook test message' });
      const sms = await org.client.post(`${connectors(org.productionId)}/sms/test`, { to: '+1 (415) 555-0123' }).expect(200);
      expect(sms.body).toEqual({ connectorId: 'relay-sms', providerMessageId: 'relay-sms:+14155550123' });
    });

    it.each([
      ['reject', 'badConfig', 'bad-config', 'Relay Mail refused the settings: The relay refused the API key [secret].', { providerCode: '535' }],
      ['permanent', 'permanent', 'permanent', 'Relay Mail will not deliver this message: The relay has no mailbox ada@example.com.', { providerCode: '550' }],
      ['busy', 'rateLimited', 'rate-limited', 'Relay Mail asks to slow down; try again in 30 seconds. Too many messages this minute.', { retryAfterSeconds: 30, providerCode: '429' }],
      ['down', 'retryable', 'retryable', 'Relay Mail could not deliver the message right now: The relay is down for maintenance. Try again later.', {}],
      ['crash', 'crashed', 'retryable', 'Relay Mail failed unexpectedly. Try again later; if it keeps happening, contact the connector’s author.', {}],
      ['sync-crash', 'crashed', 'retryable', 'Relay Mail failed unexpectedly. Try again later; if it keeps happening, contact the connector’s author.', {}],
      ['garbage', 'garbage', 'retryable', 'Relay Mail gave an answer Fieldbook does not understand. Try again later; if it keeps happening, contact the connector’s author.', {}],
      ['hang', 'timeout', 'retryable', 'Relay Mail did not answer within 1 seconds. Try again later.', {}],
    ])('answers a test send the relay fails with (%s) with a 422 a tenant can act on, and no secret', async (host, code, kind, message, extra) => {
      await org.client.put(url, relay({ host })).expect(200);
      const res = await org.client.post(`${url}/test`, { to: 'ada@example.com' }).expect(422);
      expect(res.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', code, kind, message, ...extra });
      expect(JSON.stringify(res.body)).not.toContain(RELAY_KEY);
      // The API is still there for everyone else.
      await org.client.get(connectors(org.productionId)).expect(200);
    });

    it('refuses what is not a message at the mailbox, and keeps nothing', async () => {
      await org.client.put(url, relay({ host: 'mailbox-misuse' })).expect(200);
      const res = await org.client.post(`${url}/test`, { to: 'ada@example.com' }).expect(422);
      expect(res.body.code).toBe('crashed');
      const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM mailbox_message WHERE environment_id = $1`, [org.productionId]);
      expect(rows[0].n).toBe(0);
    });

    it.each([
      ['crash', 'crashed'],
      ['garbage', 'garbage'],
      ['hang', 'timeout'],
    ])('answers a verify the connector breaks (%s) with a 422', async (host, code) => {
      await org.client.put(url, relay({ host })).expect(200);
      const res = await org.client.post(`${url}/verify`).expect(422);
      expect(res.body.code).toBe(code);
    });

    it('refuses a test recipient that does not fit the channel', async () => {
      await org.client.put(url, relay()).expect(200);
      const email = await org.client.post(`${url}/test`, { to: 'ada at example' }).expect(400);
      expect(email.body.details).toEqual([{ field: 'to', code: 'recipientEmail', message: 'Enter a valid email address to send the test message to.' }]);
      const phone = await org.client.post(`${connectors(org.productionId)}/sms/test`, { to: 'call me' }).expect(400);
      expect(phone.body.details).toEqual([{ field: 'to', code: 'recipientPhone', message: 'Enter an international phone number such as +14155550123 to send the test SMS to.' }]);
      const none = await org.client.post(`${url}/test`, {}).expect(400);
      expect(none.body.details).toEqual([{ field: 'to', code: 'recipientRequired', message: 'Enter the address or number to send the test message to.' }]);
      const long = await org.client.post(`${url}/test`, { to: `${'a'.repeat(320)}@example.com` }).expect(400);
      expect(long.body.details[0]).toMatchObject({ field: 'to', code: 'maxLength' });
    });

    it('says when no connector is enabled for the channel', async () => {
      const fresh = await signUpOrganization(t.http);
      const res = await fresh.client.post(`${connectors(fresh.productionId)}/email/test`, { to: 'ada@example.com' }).expect(409);
      expect(res.body).toMatchObject({ code: 'notEnabled', message: 'No connector is enabled for email in this environment. Enable one first.' });
      await fresh.client.post(`${connectors(fresh.productionId)}/sms/verify`).expect(409);
    });

    it('reports a connector that is no longer installed, and credentials no configured key opens', async () => {
      const fresh = await signUpOrganization(t.http);
      const foreign = new SecretBox(new Keyring('a-key-this-instance-has-never-been-given-0001'));
      const insert = async (channel: string, connectorId: string, box: SecretBox) => {
        const sealed = box.seal(JSON.stringify({ apiKey: RELAY_KEY }), secretAad(fresh.productionId, connectorId));
        await t.owner.query(
          `INSERT INTO environment_connector (environment_id, channel, connector_id, config, secrets_ciphertext, secrets_iv, secrets_auth_tag, secrets_wrapped_key, secrets_key_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [fresh.productionId, channel, connectorId, JSON.stringify({ host: 'ok', sender: 'a@b.example' }), sealed.ciphertext, sealed.iv, sealed.authTag, sealed.wrappedKey, sealed.keyId],
        );
      };
      await insert('sms', 'uninstalled-sms', new SecretBox(new Keyring(t.config.encryptionKey)));
      await insert('email', 'relay-email', foreign);
      const listed = await fresh.client.get(connectors(fresh.productionId)).expect(200);
      expect(listed.body[0]).toEqual({
        channel: 'email',
        source: 'configured',
        displayName: 'Relay Mail',
        updatedAt: expect.any(String),
        connectorId: 'relay-email',
        config: { host: 'ok', sender: 'a@b.example' },
        problem: 'The stored credentials for email cannot be decrypted with the configured keys. Enter them again.',
      });
      expect(listed.body[1]).toMatchObject({ connectorId: 'uninstalled-sms', displayName: null, problem: 'The connector “uninstalled-sms” chosen for sms is no longer installed on this Fieldbook. Choose another connector.' });
      const unreadable = await fresh.client.post(`${connectors(fresh.productionId)}/email/test`, { to: 'ada@example.com' }).expect(409);
      expect(unreadable.body.code).toBe('secretsUnreadable');
      const uninstalled = await fresh.client.post(`${connectors(fresh.productionId)}/sms/test`, { to: '+14155550123' }).expect(409);
      expect(uninstalled.body.code).toBe('notInstalled');
      // Entering the credentials again repairs the setting.
      await fresh.client.put(`${connectors(fresh.productionId)}/email`, { connectorId: 'relay-email', config: { host: 'ok', sender: 'a@b.example' } }).expect(400);
      await fresh.client.put(`${connectors(fresh.productionId)}/email`, { connectorId: 'relay-email', config: { host: 'ok', sender: 'a@b.example', apiKey: RELAY_KEY } }).expect(200);
      await fresh.client.post(`${connectors(fresh.productionId)}/email/test`, { to: 'ada@example.com' }).expect(200);
    });
  });

  describe('mailbox', () => {
    it('keeps a test message sent through the mailbox connector and shows it through the API', async () => {
      const org = await signUpOrganization(t.http, { organizationName: 'Mailbox Heating' });
      await org.client.put(`${connectors(org.productionId)}/email`, { connectorId: 'mailbox-email' }).expect(200);
      const sent = await org.client.post(`${connectors(org.productionId)}/email/test`, { to: 'ada@example.com' }).expect(200);
      expect(sent.body.connectorId).toBe('mailbox-email');
      const list = await org.client.get(mailbox(org.productionId)).expect(200);
      expect(list.body).toEqual({
        items: [
          {
            id: sent.body.providerMessageId,
            channel: 'email',
            to: 'ada@example.com',
            subject: 'Fieldbook test message',
            preview: 'This is a test message from Fieldbook for the environment “Production”. If you can read it, messages are delivered.',
            attachmentCount: 0,
            createdAt: expect.any(String),
          },
        ],
        total: 1,
        limit: 50,
        offset: 0,
      });
      const message = await org.client.get(`${mailbox(org.productionId)}/${sent.body.providerMessageId}`).expect(200);
      expect(message.body).toEqual({
        id: sent.body.providerMessageId,
        channel: 'email',
        to: 'ada@example.com',
        from: 'no-reply@fieldbook.test',
        fromName: 'Fieldbook',
        replyTo: null,
        subject: 'Fieldbook test message',
        text: 'This is a test message from Fieldbook for the environment “Production”. If you can read it, messages are delivered.',
        html: '<p>This is a test message from Fieldbook for the environment “Production”. If you can read it, messages are delivered.</p>',
        attachments: [],
        createdAt: list.body.items[0].createdAt,
      });
    });

    it('is the default of a sandbox for SMS too, in the admin’s language', async () => {
      const org = await signUpOrganization(t.http);
      const sent = await inLanguage(org.client, 'fr', 'post', `${connectors(org.sandboxId)}/sms/test`, { to: '+33 6 12 34 56 78' }).expect(200);
      expect(sent.body.connectorId).toBe('mailbox-sms');
      const message = await org.client.get(`${mailbox(org.sandboxId)}/${sent.body.providerMessageId}`).expect(200);
      expect(message.body).toMatchObject({ channel: 'sms', to: '+33612345678', subject: null, html: null, from: null });
      expect(message.body.text).toMatch(/^Message de test Fieldbook pour « .+ » : si vous pouvez lire ceci, les SMS sont bien livrés\.$/);
    });

    it('lists newest first with paging and a channel filter, and refuses bad paging', async () => {
      const org = await signUpOrganization(t.http);
      const ids: string[] = [];
      for (const to of ['first@example.com', 'second@example.com', 'third@example.com']) {
        ids.push((await org.client.post(`${connectors(org.sandboxId)}/email/test`, { to }).expect(200)).body.providerMessageId);
      }
      await org.client.post(`${connectors(org.sandboxId)}/sms/test`, { to: '+14155550123' }).expect(200);
      const page = await org.client.get(`${mailbox(org.sandboxId)}?limit=2&offset=1&channel=email`).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([ids[1], ids[0]]);
      const sms = await org.client.get(`${mailbox(org.sandboxId)}?channel=sms`).expect(200);
      expect(sms.body.items.map((item: { to: string }) => item.to)).toEqual(['+14155550123']);
      const bad = await org.client.get(`${mailbox(org.sandboxId)}?limit=0&channel=fax`).expect(400);
      expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['channel', 'limit']);
    });

    it("keeps each environment's mailbox to itself", async () => {
      const org = await signUpOrganization(t.http);
      const other = await signUpOrganization(t.http);
      const sent = await org.client.post(`${connectors(org.sandboxId)}/email/test`, { to: 'private@example.com' }).expect(200);
      const id = sent.body.providerMessageId;
      await org.client.get(`${mailbox(org.sandboxId)}/${id}`).expect(200);
      const elsewhere = await org.client.get(`${mailbox(org.productionId)}/${id}`).expect(404);
      expect(elsewhere.body).toMatchObject({ code: 'mailboxMessageNotFound', message: 'Message not found in the mailbox.' });
      const production = await org.client.get(mailbox(org.productionId)).expect(200);
      expect(production.body.total).toBe(0);
      await other.client.get(`${mailbox(org.sandboxId)}/${id}`).expect(404);
      await other.client.get(`${mailbox(other.sandboxId)}/${id}`).expect(404);
      await org.client.get(`${mailbox(org.sandboxId)}/not-a-message-id`).expect(404);
    });

    it('empties one mailbox and leaves the others alone', async () => {
      const org = await signUpOrganization(t.http);
      await org.client.put(`${connectors(org.productionId)}/sms`, { connectorId: 'mailbox-sms' }).expect(200);
      await org.client.post(`${connectors(org.sandboxId)}/email/test`, { to: 'a@example.com' }).expect(200);
      await org.client.post(`${connectors(org.sandboxId)}/sms/test`, { to: '+14155550123' }).expect(200);
      await org.client.post(`${connectors(org.productionId)}/sms/test`, { to: '+14155550123' }).expect(200);
      const cleared = await org.client.delete(mailbox(org.sandboxId)).expect(200);
      expect(cleared.body).toEqual({ deleted: 2 });
      expect((await org.client.get(mailbox(org.sandboxId)).expect(200)).body.total).toBe(0);
      expect((await org.client.get(mailbox(org.productionId)).expect(200)).body.total).toBe(1);
    });
  });
});
