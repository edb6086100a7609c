import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ConnectorTestResponse,
  ConnectorVerifyResponse,
  EnableConnectorRequest,
  EnvironmentConnectorSetting,
  EnvironmentKind,
  MESSAGE_CHANNELS,
  MessageChannel,
} from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { ConfigIssue, ConnectorConfig, ConnectorError, OutboundMessage, isSecretField, maskSecrets, validateConfig } from '@fieldbook/plugin-sdk';
import { isEmail } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { ConflictError, FieldIssue, ValidationFailedError } from '../common/domain-error';
import { E164 } from '../common/field-validators';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TenancyService } from '../tenancy/tenancy.service';
import { ConnectorRegistry, InstalledConnector } from './connector-registry';
import { ConnectorRefusedError, refusal } from './connector-errors';
import { guardedSend, guardedVerify } from './guarded-invoker';
import { MailboxService } from './mailbox.service';
import { SealedSecret, SecretBox, secretAad } from './secret-box';

/** The mailbox connector of each channel. */
export const MAILBOX_CONNECTORS: Record<MessageChannel, string> = { email: 'mailbox-email', sms: 'mailbox-sms' };

/** What a form sends back for a secret it only showed masked. */
const MASK = maskSecrets([{ key: 'secret', type: 'secret', label: 'Secret', required: false }], { secret: 'x' })['secret'];

/**
 * Which connector serves a channel of an environment, given the one the tenant enabled (if any).
 * A sandbox with nothing enabled keeps its messages in the mailbox. This is the one place that
 * decides: holding every sandbox to the mailbox, whatever is enabled, is a change here.
 */
export function connectorChoice(kind: EnvironmentKind, channel: MessageChannel, enabledConnectorId: string | null): { connectorId: string; source: 'configured' | 'sandboxDefault' } | undefined {
  if (enabledConnectorId) return { connectorId: enabledConnectorId, source: 'configured' };
  if (kind === 'sandbox') return { connectorId: MAILBOX_CONNECTORS[channel], source: 'sandboxDefault' };
  return undefined;
}

/** The recipient of a test message, checked for the channel: an email address, or an E.164 number (spaces and dashes people type dropped). */
function testRecipient(channel: MessageChannel, to: string | undefined): string {
  const recipient = (to ?? '').trim();
  if (recipient === '') throw new ValidationFailedError([{ field: 'to', code: 'api:connectors.validation.recipientRequired' }]);
  if (channel === 'email') {
    if (!isEmail(recipient, { require_tld: false, allow_ip_domain: false })) throw new ValidationFailedError([{ field: 'to', code: 'api:connectors.validation.recipientEmail' }]);
    return recipient;
  }
  const number = recipient.replace(/[\s().-]/g, '');
  if (!E164.test(number)) throw new ValidationFailedError([{ field: 'to', code: 'api:connectors.validation.recipientPhone' }]);
  return number;
}

/** The environment a call is about, as the access guard admitted it. */
export interface EnvironmentRef {
  id: string;
  kind: EnvironmentKind;
  name: string;
}

/** A connector ready to be called for an environment's channel. */
export interface ResolvedConnector {
  channel: MessageChannel;
  source: 'configured' | 'sandboxDefault';
  installed: InstalledConnector;
  config: ConnectorConfig;
}

interface ConnectorRow {
  channel: MessageChannel;
  connector_id: string;
  config: Record<string, string | number | boolean>;
  secrets_ciphertext: Buffer;
  secrets_iv: Buffer;
  secrets_auth_tag: Buffer;
  secrets_wrapped_key: Buffer;
  secrets_key_id: string;
  updated_at: Date;
}

const ROW_COLUMNS = 'channel, connector_id, config, secrets_ciphertext, secrets_iv, secrets_auth_tag, secrets_wrapped_key, secrets_key_id, updated_at';

export function sealedOf(row: Pick<ConnectorRow, 'secrets_ciphertext' | 'secrets_iv' | 'secrets_auth_tag' | 'secrets_wrapped_key' | 'secrets_key_id'>): SealedSecret {
  return { ciphertext: row.secrets_ciphertext, iv: row.secrets_iv, authTag: row.secrets_auth_tag, wrappedKey: row.secrets_wrapped_key, keyId: row.secrets_key_id };
}

/** A config issue from the SDK as a field issue of the request, translated under `api:connectors.config`. */
function fieldIssue(issue: ConfigIssue): FieldIssue {
  const type = typeof issue.params['type'] === 'string' ? String(issue.params['type']) : '';
  const code = issue.code === 'type' ? `type${type.charAt(0).toUpperCase()}${type.slice(1)}` : issue.code;
  return { field: `config.${issue.key}`, code: `api:connectors.config.${code}`, params: { label: issue.key, ...issue.params } };
}

/**
 * An environment's messaging connectors: one per channel, its settings validated against the
 * connector's schema, its secrets sealed (secret-box.ts) and never returned. Verify and test calls
 * go through the guarded invoker, so a broken connector answers 422 instead of hurting the API.
 */
@Injectable()
export class EnvironmentConnectorsService {
  private readonly logger = new Logger('Connectors');

  constructor(
    private readonly tenancy: TenancyService,
    private readonly registry: ConnectorRegistry,
    private readonly audit: AuditService,
    private readonly mailbox: MailboxService,
    private readonly secretBox: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(environment: EnvironmentRef, t: Translator): Promise<EnvironmentConnectorSetting[]> {
    const rows: ConnectorRow[] = await this.tenancy.manager.query(`SELECT ${ROW_COLUMNS} FROM environment_connector`);
    return MESSAGE_CHANNELS.map((channel) => this.setting(environment, channel, rows.find((row) => row.channel === channel), t));
  }

  async enable(environment: EnvironmentRef, channel: MessageChannel, request: EnableConnectorRequest, adminUserId: string, t: Translator): Promise<EnvironmentConnectorSetting> {
    const installed = this.registry.get(request.connectorId);
    if (!installed) throw new ValidationFailedError([{ field: 'connectorId', code: 'api:connectors.validation.unknownConnector', params: { id: request.connectorId } }]);
    const { manifest } = installed;
    if (manifest.channel !== channel) {
      throw new ValidationFailedError([{ field: 'connectorId', code: 'api:connectors.validation.wrongChannel', params: { id: manifest.id, connectorChannel: manifest.channel, channel } }]);
    }
    const before = await this.row(channel);
    const input: Record<string, unknown> = { ...(request.config ?? {}) };
    // Secrets are write-only: one left out (or sent back masked) keeps what is stored for this connector.
    if (before?.connector_id === manifest.id) {
      const stored = this.openSecrets(before, environment.id);
      for (const field of manifest.configSchema.filter(isSecretField)) {
        const given = input[field.key];
        const keep = given === undefined || given === null || given === '' || given === MASK;
        if (keep && stored?.[field.key] !== undefined) input[field.key] = stored[field.key];
        else if (keep) delete input[field.key];
      }
    }
    const validation = validateConfig(manifest.configSchema, input);
    if (!validation.ok) throw new ValidationFailedError(validation.issues.map(fieldIssue));
    const publicConfig: ConnectorConfig = {};
    const secrets: ConnectorConfig = {};
    for (const field of manifest.configSchema) {
      const value = validation.config[field.key];
      if (value === undefined) continue;
      (isSecretField(field) ? secrets : publicConfig)[field.key] = value;
    }
    const sealed = this.secretBox.seal(JSON.stringify(secrets), secretAad(environment.id, manifest.id));
    await this.tenancy.manager.query(
      `INSERT INTO environment_connector (environment_id, channel, connector_id, config, secrets_ciphertext, secrets_iv, secrets_auth_tag, secrets_wrapped_key, secrets_key_id, updated_by_admin_user_id)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (environment_id, channel) DO UPDATE SET
         connector_id = EXCLUDED.connector_id, config = EXCLUDED.config, secrets_ciphertext = EXCLUDED.secrets_ciphertext,
         secrets_iv = EXCLUDED.secrets_iv, secrets_auth_tag = EXCLUDED.secrets_auth_tag, secrets_wrapped_key = EXCLUDED.secrets_wrapped_key,
         secrets_key_id = EXCLUDED.secrets_key_id, updated_by_admin_user_id = EXCLUDED.updated_by_admin_user_id, updated_at = now()`,
      [environment.id, channel, manifest.id, JSON.stringify(publicConfig), sealed.ciphertext, sealed.iv, sealed.authTag, sealed.wrappedKey, sealed.keyId, adminUserId],
    );
    // Which settings changed, by name only: values (and secrets above all) stay out of the trail.
    await this.audit.record('connector.enabled', adminUserId, {
      channel,
      connectorId: manifest.id,
      previousConnectorId: before?.connector_id ?? null,
      settings: Object.keys(validation.config).sort(),
    });
    const after = await this.row(channel);
    return this.setting(environment, channel, after, t);
  }

  async disable(channel: MessageChannel, adminUserId: string): Promise<void> {
    const rows: { connector_id: string }[] = await this.tenancy.manager.query(
      `WITH gone AS (DELETE FROM environment_connector WHERE channel = $1 RETURNING connector_id) SELECT connector_id FROM gone`,
      [channel],
    );
    if (rows[0]) await this.audit.record('connector.disabled', adminUserId, { channel, connectorId: rows[0].connector_id });
  }

  /**
   * The connector that sends `channel` for the current environment, with its full config. Throws a
   * 409 when there is none, it is no longer installed, or its credentials cannot be decrypted.
   */
  async resolve(environment: Pick<EnvironmentRef, 'id' | 'kind'>, channel: MessageChannel): Promise<ResolvedConnector> {
    const row = await this.row(channel);
    const choice = connectorChoice(environment.kind, channel, row?.connector_id ?? null);
    if (!choice) throw new ConflictError('api:connectors.errors.notEnabled', { channel });
    const installed = this.registry.get(choice.connectorId);
    if (!installed) throw new ConflictError('api:connectors.errors.notInstalled', { id: choice.connectorId, channel });
    if (choice.source === 'sandboxDefault' || !row) return { channel, source: choice.source, installed, config: {} };
    const secrets = this.openSecrets(row, environment.id);
    if (!secrets) throw new ConflictError('api:connectors.errors.secretsUnreadable', { channel });
    return { channel, source: 'configured', installed, config: { ...row.config, ...secrets } };
  }

  /**
   * The connector that delivers customer messages: a sandbox always keeps them in the mailbox,
   * whatever is enabled, so test customers never reach a real inbox or phone.
   */
  async resolveForDelivery(environment: Pick<EnvironmentRef, 'id' | 'kind'>, channel: MessageChannel): Promise<ResolvedConnector> {
    if (environment.kind !== 'sandbox') return this.resolve(environment, channel);
    const installed = this.registry.get(MAILBOX_CONNECTORS[channel]);
    if (!installed) throw new ConflictError('api:connectors.errors.notInstalled', { id: MAILBOX_CONNECTORS[channel], channel });
    return { channel, source: 'sandboxDefault', installed, config: {} };
  }

  async verify(environment: EnvironmentRef, channel: MessageChannel, t: Translator): Promise<ConnectorVerifyResponse> {
    const resolved = await this.resolve(environment, channel);
    const { connector, manifest } = resolved.installed;
    const checked = typeof connector.verify === 'function';
    let result;
    try {
      result = await guardedVerify({ connector, config: resolved.config, timeoutMs: this.config.connectorTimeoutMs, logger: this.logger });
    } catch (error) {
      throw refusal(error as ConnectorError, manifest.displayName);
    }
    if (!result.ok) {
      const refused = new ConnectorRefusedError('api:connectors.failure.verifyFailed', { connector: manifest.displayName, reason: result.message ?? t.t('connectors.failure.noReason') });
      refused.extra['kind'] = 'verify';
      throw refused;
    }
    return { ok: true, connectorId: manifest.id, checked };
  }

  async sendTest(environment: EnvironmentRef, channel: MessageChannel, to: string | undefined, t: Translator): Promise<ConnectorTestResponse> {
    const recipient = testRecipient(channel, to);
    const resolved = await this.resolve(environment, channel);
    const { connector, manifest } = resolved.installed;
    const message = this.testMessage(environment, channel, recipient, manifest.capabilities.html === true, t);
    try {
      const result = await guardedSend({
        connector,
        config: resolved.config,
        message,
        idempotencyKey: `test-${randomUUID()}`,
        timeoutMs: this.config.connectorTimeoutMs,
        logger: this.logger,
        mailbox: this.mailbox.sink(),
        publicUrl: this.config.publicUrl,
      });
      return { connectorId: manifest.id, providerMessageId: result.providerMessageId };
    } catch (error) {
      throw refusal(error as ConnectorError, manifest.displayName);
    }
  }

  private testMessage(environment: EnvironmentRef, channel: MessageChannel, to: string, html: boolean, t: Translator): OutboundMessage {
    const params = { environment: environment.name };
    if (channel === 'sms') return { channel: 'sms', to, body: t.t('connectors.testMessage.sms', params) };
    const text = t.t('connectors.testMessage.text', params);
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      channel: 'email',
      to,
      from: `no-reply@${new URL(this.config.publicUrl).hostname}`,
      fromName: 'Fieldbook',
      subject: t.t('connectors.testMessage.subject', params),
      text,
      ...(html ? { html: `<p>${escaped}</p>` } : {}),
    };
  }

  private async row(channel: MessageChannel): Promise<ConnectorRow | undefined> {
    const rows: ConnectorRow[] = await this.tenancy.manager.query(`SELECT ${ROW_COLUMNS} FROM environment_connector WHERE channel = $1`, [channel]);
    return rows[0];
  }

  /** The stored secrets, or undefined when no configured key can open them (logged, never thrown at a reader). */
  private openSecrets(row: ConnectorRow, environmentId: string): ConnectorConfig | undefined {
    try {
      return JSON.parse(this.secretBox.open(sealedOf(row), secretAad(environmentId, row.connector_id))) as ConnectorConfig;
    } catch (error) {
      this.logger.error(`Credentials of ${row.connector_id} (${row.channel}) in environment ${environmentId} cannot be decrypted: ${(error as Error).message}`);
      return undefined;
    }
  }

  private setting(environment: EnvironmentRef, channel: MessageChannel, row: ConnectorRow | undefined, t: Translator): EnvironmentConnectorSetting {
    const choice = connectorChoice(environment.kind, channel, row?.connector_id ?? null);
    if (!choice) return { channel, source: 'none', connectorId: null, displayName: null, config: {}, updatedAt: null, problem: null };
    const installed = this.registry.get(choice.connectorId);
    const updatedAt = row?.updated_at.toISOString() ?? null;
    if (!installed) {
      return { channel, source: choice.source, connectorId: choice.connectorId, displayName: null, config: row?.config ?? {}, updatedAt, problem: t.t('connectors.errors.notInstalled', { id: choice.connectorId, channel }) };
    }
    if (!row) return { channel, source: choice.source, connectorId: choice.connectorId, displayName: installed.manifest.displayName, config: {}, updatedAt, problem: null };
    const secrets = this.openSecrets(row, environment.id);
    const config = maskSecrets(installed.manifest.configSchema, { ...row.config, ...(secrets ?? {}) });
    return {
      channel,
      source: choice.source,
      connectorId: choice.connectorId,
      displayName: installed.manifest.displayName,
      config,
      updatedAt,
      problem: secrets ? null : t.t('connectors.errors.secretsUnreadable', { channel }),
    };
  }
}
