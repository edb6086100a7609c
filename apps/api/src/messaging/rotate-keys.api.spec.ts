import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { RELAY_KEY, relayConnectorPackages } from '../../test/connector-fixtures';
import { Client, STRONG_PASSWORD, SignedUp, TestApp, ownerUrl, signUpOrganization, startTestApp } from '../../test/test-app';
import { loadConfig } from '../config/app-config';
import { appDatabaseUrl, prepareDatabase } from '../database/database-setup';
import { rotateKeysCommand } from './rotate-keys';
import { keyIdOf } from './secret-box';

const FIRST_KEY = 'first-encryption-key-of-this-installation-01';
const SECOND_KEY = 'second-encryption-key-after-rotation-000002';

/**
 * Rotation re-wraps every record of a database, so it runs on a database of its own: other suites
 * sharing the test database keep their records under their own key.
 */
describe('rotate-keys', () => {
  const database = `fieldbook_rotate_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let databaseOwnerUrl: string;
  let fixtures: { folder: string; remove(): void };
  const apps: TestApp[] = [];
  let org: SignedUp;

  async function admin<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
    const client = new PgClient({ connectionString: ownerUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async function startWithKeys(current: string, old: string[] = []): Promise<TestApp> {
    const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    const app = await startTestApp({
      APP_ENCRYPTION_KEY: current,
      APP_ENCRYPTION_KEYS_OLD: old.join(','),
      DATABASE_APP_URL: appDatabaseUrl(databaseOwnerUrl, config.database),
      CONNECTOR_PATHS: `${fixtures.folder},${resolve('plugins')}`,
    });
    apps.push(app);
    return app;
  }

  async function keyIds(): Promise<string[]> {
    const client = new PgClient({ connectionString: databaseOwnerUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT secrets_key_id FROM environment_connector ORDER BY environment_id, channel`);
      return rows.map((row) => row.secrets_key_id);
    } finally {
      await client.end();
    }
  }

  const rotate = (current: string, old: string[], url = databaseOwnerUrl) => {
    const lines: string[] = [];
    const config = loadConfig({ ...process.env, NODE_ENV: 'test', APP_ENCRYPTION_KEY: current, APP_ENCRYPTION_KEYS_OLD: old.join(',') });
    return rotateKeysCommand(config, url, (line) => lines.push(line)).then((report) => ({ report, lines }));
  };

  beforeAll(async () => {
    fixtures = relayConnectorPackages();
    await admin((client) => client.query(`CREATE DATABASE ${database}`));
    const url = new URL(ownerUrl());
    url.pathname = `/${database}`;
    databaseOwnerUrl = url.toString();
    await prepareDatabase(databaseOwnerUrl, loadConfig({ ...process.env, NODE_ENV: 'test' }).database);
    const first = await startWithKeys(FIRST_KEY);
    org = await signUpOrganization(first.http);
    await org.client.put(`/api/environments/${org.productionId}/connectors/email`, { connectorId: 'relay-email', config: { host: 'ok', sender: 'a@b.example', apiKey: RELAY_KEY } }).expect(200);
    await org.client.put(`/api/environments/${org.sandboxId}/connectors/email`, { connectorId: 'relay-email', config: { host: 'ok', sender: 'a@b.example', apiKey: RELAY_KEY } }).expect(200);
    await org.client.put(`/api/environments/${org.sandboxId}/connectors/sms`, { connectorId: 'relay-sms' }).expect(200);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    fixtures.remove();
  });

  /** The first organization's owner, signed in on `app`. */
  async function ownerOn(app: TestApp): Promise<Client> {
    const client = await Client.create(app.http);
    await client.post('/api/auth/sign-in', { email: org.email, password: STRONG_PASSWORD }).expect(200);
    return client;
  }

  it('leaves credentials of a key an instance is not given unreadable, and says so', async () => {
    const second = await ownerOn(await startWithKeys(SECOND_KEY));
    const listed = await second.get(`/api/environments/${org.productionId}/connectors`).expect(200);
    expect(listed.body[0]).toMatchObject({ connectorId: 'relay-email', problem: 'The stored credentials for email cannot be decrypted with the configured keys. Enter them again.' });
    await second.post(`/api/environments/${org.productionId}/connectors/email/test`, { to: 'ada@example.com' }).expect(409);
  });

  it('refuses to change anything while a record was wrapped with a key it is not given', async () => {
    await expect(rotate(SECOND_KEY, [])).rejects.toThrow(/^Nothing was changed: 3 record\(s\) cannot be re-wrapped\.\n- environment .*: The credentials were encrypted with key/);
    expect(await keyIds()).toEqual([keyIdOf(FIRST_KEY), keyIdOf(FIRST_KEY), keyIdOf(FIRST_KEY)]);
  });

  it('re-wraps every record with the current key in one go, prints the counts, and changes nothing when run again', async () => {
    const { report, lines } = await rotate(SECOND_KEY, [FIRST_KEY]);
    expect(report).toEqual({ total: 3, rewrapped: 3, alreadyCurrent: 0, currentKeyId: keyIdOf(SECOND_KEY) });
    expect(lines).toEqual([
      `Connector credentials: 3 record(s); 3 re-wrapped with key ${keyIdOf(SECOND_KEY)}, 0 already used it. Keys other than the current one can now be removed from APP_ENCRYPTION_KEYS_OLD.`,
    ]);
    expect(await keyIds()).toEqual([keyIdOf(SECOND_KEY), keyIdOf(SECOND_KEY), keyIdOf(SECOND_KEY)]);
    const again = await rotate(SECOND_KEY, [FIRST_KEY]);
    expect(again.report).toEqual({ total: 3, rewrapped: 0, alreadyCurrent: 3, currentKeyId: keyIdOf(SECOND_KEY) });
    // Row-level security admits every environment's records to the API's own role too.
    const asApi = await rotate(SECOND_KEY, [], appDatabaseUrl(databaseOwnerUrl, loadConfig({ ...process.env, NODE_ENV: 'test' }).database));
    expect(asApi.report).toMatchObject({ total: 3, alreadyCurrent: 3 });
  });

  it('lets an instance that knows only the new key use the credentials, and one that knows only the old key no more', async () => {
    const second = await ownerOn(apps[1]!);
    const listed = await second.get(`/api/environments/${org.productionId}/connectors`).expect(200);
    expect(listed.body[0]).toMatchObject({ connectorId: 'relay-email', problem: null, config: { apiKey: '••••••••' } });
    // The relay accepts only the right API key: the send proves the credentials decrypted.
    await second.post(`/api/environments/${org.productionId}/connectors/email/test`, { to: 'ada@example.com' }).expect(200);
    await second.post(`/api/environments/${org.sandboxId}/connectors/email/verify`).expect(200);
    await org.client.post(`/api/environments/${org.productionId}/connectors/email/test`, { to: 'ada@example.com' }).expect(409);
  });
});
