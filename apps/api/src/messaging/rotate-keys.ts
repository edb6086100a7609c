import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { Keyring, SecretBox, secretAad } from './secret-box';

export interface RotationReport {
  /** Connector credential records found. */
  total: number;
  /** Records whose data key was re-wrapped with the current key. */
  rewrapped: number;
  /** Records already wrapped with the current key. */
  alreadyCurrent: number;
  currentKeyId: string;
}

interface Row {
  channel: string;
  connector_id: string;
  secrets_ciphertext: Buffer;
  secrets_iv: Buffer;
  secrets_auth_tag: Buffer;
  secrets_wrapped_key: Buffer;
  secrets_key_id: string;
}

/**
 * Re-wraps the data key of every stored connector credential with the current
 * `APP_ENCRYPTION_KEY`, in one transaction: all records or none. The ciphertext itself is
 * untouched (its data key does not change). Running it again changes nothing. Works as the owner
 * or the API role: each environment is visited with its own tenant setting, so row-level security
 * admits its rows.
 */
export async function rotateConnectorKeys(connectionString: string, box: SecretBox): Promise<RotationReport> {
  const client = new Client({ connectionString, application_name: 'fieldbook-rotate-keys' });
  await client.connect();
  const report: RotationReport = { total: 0, rewrapped: 0, alreadyCurrent: 0, currentKeyId: box.currentKeyId };
  const failures: string[] = [];
  try {
    await client.query('BEGIN');
    const environments = await client.query<{ id: string }>(`SELECT id FROM environment ORDER BY id`);
    for (const { id: environmentId } of environments.rows) {
      await client.query(`SELECT set_config('app.environment_id', $1, true)`, [environmentId]);
      const { rows } = await client.query<Row>(
        `SELECT channel, connector_id, secrets_ciphertext, secrets_iv, secrets_auth_tag, secrets_wrapped_key, secrets_key_id
           FROM environment_connector WHERE environment_id = $1 ORDER BY channel FOR UPDATE`,
        [environmentId],
      );
      for (const row of rows) {
        report.total += 1;
        const sealed = { ciphertext: row.secrets_ciphertext, iv: row.secrets_iv, authTag: row.secrets_auth_tag, wrappedKey: row.secrets_wrapped_key, keyId: row.secrets_key_id };
        try {
          const rewrapped = box.rewrap(sealed, secretAad(environmentId, row.connector_id));
          if (!rewrapped) {
            report.alreadyCurrent += 1;
            continue;
          }
          await client.query(`UPDATE environment_connector SET secrets_wrapped_key = $1, secrets_key_id = $2 WHERE environment_id = $3 AND channel = $4`, [
            rewrapped.wrappedKey,
            rewrapped.keyId,
            environmentId,
            row.channel,
          ]);
          report.rewrapped += 1;
        } catch (error) {
          failures.push(`environment ${environmentId}, ${row.channel} (${row.connector_id}): ${(error as Error).message}`);
        }
      }
    }
    if (failures.length > 0) {
      throw new Error(`Nothing was changed: ${failures.length} record(s) cannot be re-wrapped.\n- ${failures.join('\n- ')}`);
    }
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** `rotate-keys`: re-wraps with the configured keys and prints what it did. */
export async function rotateKeysCommand(config: AppConfig, ownerUrl: string, print: (line: string) => void): Promise<RotationReport> {
  const box = new SecretBox(new Keyring(config.encryptionKey, config.encryptionKeysOld));
  const report = await rotateConnectorKeys(ownerUrl, box);
  print(
    `Connector credentials: ${report.total} record(s); ${report.rewrapped} re-wrapped with key ${report.currentKeyId}, ` +
      `${report.alreadyCurrent} already used it. Keys other than the current one can now be removed from APP_ENCRYPTION_KEYS_OLD.`,
  );
  return report;
}
