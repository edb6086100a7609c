import { Injectable } from '@nestjs/common';
import { MessageSettings, SWITCHABLE_MESSAGE_TYPES, SwitchableMessageType, UpdateMessageSettingsRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { FieldIssue } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';
import { assertNoIssues, checkClockTime, clockOf, issueCode } from './message-input';

type EnabledColumns = { [T in SwitchableMessageType as `${T}_enabled`]: boolean };

interface MessageSettingsRow extends EnabledColumns {
  channel: MessageSettings['channel'];
  reminder_lead_days: number[];
  reminder_timing: MessageSettings['reminderTiming'];
  reminder_time: string;
  sms_quiet_start: string | null;
  sms_quiet_end: string | null;
  sms_fallback_to_email: boolean;
  updated_at: Date;
}

const ENABLED_COLUMNS = SWITCHABLE_MESSAGE_TYPES.map((type) => `${type}_enabled`);
const COLUMNS = [
  ...ENABLED_COLUMNS,
  ...['channel', 'reminder_lead_days', 'reminder_timing', 'reminder_time', 'sms_quiet_start', 'sms_quiet_end', 'sms_fallback_to_email', 'updated_at'],
].join(', ');

/**
 * What an environment without a message_settings row uses: the column defaults of the migration
 * that created the table (a test compares the two).
 */
export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  enabled: { invite: true, confirmed: true, reminder: true, rescheduled: true, canceled: true, completed: true },
  channel: 'email',
  reminderLeadDays: [1],
  reminderTiming: 'utc',
  reminderTime: '10:00',
  smsQuietStart: null,
  smsQuietEnd: null,
  smsFallbackToEmail: true,
  updatedAt: null,
};

function toSettings(row: MessageSettingsRow): MessageSettings {
  const enabled = Object.fromEntries(SWITCHABLE_MESSAGE_TYPES.map((type) => [type, row[`${type}_enabled`]])) as Record<SwitchableMessageType, boolean>;
  return {
    enabled,
    channel: row.channel,
    reminderLeadDays: [...row.reminder_lead_days].sort((a, b) => a - b),
    reminderTiming: row.reminder_timing,
    reminderTime: clockOf(row.reminder_time),
    smsQuietStart: clockOf(row.sms_quiet_start),
    smsQuietEnd: clockOf(row.sms_quiet_end),
    smsFallbackToEmail: row.sms_fallback_to_email,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Refusals that need only the request: a switch for password reset, malformed times, a day listed twice. */
function checkRequest(change: UpdateMessageSettingsRequest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (change.enabled && 'password_reset' in change.enabled) issues.push({ field: 'enabled.password_reset', code: issueCode('passwordResetAlwaysOn') });
  issues.push(...checkClockTime(change.reminderTime, 'reminderTime'));
  issues.push(...checkClockTime(change.smsQuietStart, 'smsQuietStart'));
  issues.push(...checkClockTime(change.smsQuietEnd, 'smsQuietEnd'));
  const seen = new Set<number>();
  for (const day of change.reminderLeadDays ?? []) {
    if (seen.has(day)) {
      issues.push({ field: 'reminderLeadDays', code: issueCode('duplicateLeadDay'), params: { day } });
      break;
    }
    seen.add(day);
  }
  return issues;
}

/** Quiet hours as they would be after the change: both set or both clear, and not empty. */
function checkQuietHours(after: MessageSettings): FieldIssue[] {
  const { smsQuietStart: start, smsQuietEnd: end } = after;
  if ((start === null) !== (end === null)) return [{ field: start === null ? 'smsQuietStart' : 'smsQuietEnd', code: issueCode('quietHoursIncomplete') }];
  if (start !== null && start === end) return [{ field: 'smsQuietEnd', code: issueCode('quietHoursEmpty'), params: { time: start } }];
  return [];
}

function merge(before: MessageSettings, change: UpdateMessageSettingsRequest): MessageSettings {
  const enabled = { ...before.enabled };
  for (const type of SWITCHABLE_MESSAGE_TYPES) enabled[type] = change.enabled?.[type] ?? enabled[type];
  return {
    enabled,
    channel: change.channel ?? before.channel,
    reminderLeadDays: change.reminderLeadDays ? [...change.reminderLeadDays].sort((a, b) => a - b) : before.reminderLeadDays,
    reminderTiming: change.reminderTiming ?? before.reminderTiming,
    reminderTime: change.reminderTime ?? before.reminderTime,
    smsQuietStart: change.smsQuietStart === undefined ? before.smsQuietStart : change.smsQuietStart,
    smsQuietEnd: change.smsQuietEnd === undefined ? before.smsQuietEnd : change.smsQuietEnd,
    smsFallbackToEmail: change.smsFallbackToEmail ?? before.smsFallbackToEmail,
    updatedAt: before.updatedAt,
  };
}

/** Every column of the row as `after` sets it: [column, cast, value]. */
function storedValues(after: MessageSettings): [string, string, unknown][] {
  return [
    ...SWITCHABLE_MESSAGE_TYPES.map((type): [string, string, unknown] => [`${type}_enabled`, '', after.enabled[type]]),
    ['channel', '', after.channel],
    ['reminder_lead_days', '::smallint[]', after.reminderLeadDays],
    ['reminder_timing', '', after.reminderTiming],
    ['reminder_time', '::time', after.reminderTime],
    ['sms_quiet_start', '::time', after.smsQuietStart],
    ['sms_quiet_end', '::time', after.smsQuietEnd],
    ['sms_fallback_to_email', '', after.smsFallbackToEmail],
  ];
}

/** `{ field: { from, to } }` for every setting that changed; switches as `enabled.<type>`. */
function differences(before: MessageSettings, after: MessageSettings): Record<string, { from: unknown; to: unknown }> {
  const flat = (settings: MessageSettings): Record<string, unknown> => {
    const { enabled, updatedAt: _updatedAt, ...rest } = settings;
    return { ...Object.fromEntries(Object.entries(enabled).map(([type, on]) => [`enabled.${type}`, on])), ...rest };
  };
  const from = flat(before);
  const to = flat(after);
  return Object.fromEntries(
    Object.keys(to)
      .filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      .map((key) => [key, { from: from[key], to: to[key] }]),
  );
}

/**
 * Which messages an environment sends, how and when, and whom it keeps silent. Always inside a
 * tenant transaction: the request's, or the one the message worker opens.
 */
@Injectable()
export class MessageSettingsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  /** The settings in force: the stored row, or the defaults while nothing was ever changed. */
  async current(): Promise<MessageSettings> {
    const rows: MessageSettingsRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM message_settings`);
    return rows[0] ? toSettings(rows[0]) : { ...DEFAULT_MESSAGE_SETTINGS, enabled: { ...DEFAULT_MESSAGE_SETTINGS.enabled } };
  }

  /** Whether messages about this account, or this service type, are silenced by an exclusion. */
  async isExcluded(accountId: string, incidentTypeId: string | null): Promise<boolean> {
    const [row]: { excluded: boolean }[] = await this.tenancy.manager.query(
      `SELECT EXISTS (SELECT 1 FROM message_exclusion WHERE account_id = $1::uuid OR incident_type_id = $2::uuid) AS excluded`,
      [accountId, incidentTypeId],
    );
    return row.excluded;
  }

  async update(change: UpdateMessageSettingsRequest, actorAdminUserId: string): Promise<MessageSettings> {
    assertNoIssues(checkRequest(change));
    const before = await this.lockForChange();
    const after = merge(before, change);
    assertNoIssues(checkQuietHours(after));
    const values = storedValues(after);
    const [rows]: [MessageSettingsRow[]] = await this.tenancy.manager.query(
      `UPDATE message_settings SET ${values.map(([column, cast], index) => `${column} = $${index + 1}${cast}`).join(', ')}, updated_at = now()
        RETURNING ${COLUMNS}`,
      values.map(([, , value]) => value),
    );
    const stored = toSettings(rows[0]);
    const changes = differences(before, stored);
    if (Object.keys(changes).length) await this.audit.record('message_settings.updated', actorAdminUserId, { changes });
    return stored;
  }

  /**
   * The stored settings, locked until the transaction ends so concurrent changes apply one after
   * the other. The row is written with the defaults on the first change.
   */
  private async lockForChange(): Promise<MessageSettings> {
    const manager = this.tenancy.manager;
    await manager.query(`INSERT INTO message_settings (environment_id) VALUES ($1) ON CONFLICT (environment_id) DO NOTHING`, [this.tenancy.environmentId]);
    const [row]: MessageSettingsRow[] = await manager.query(`SELECT ${COLUMNS} FROM message_settings FOR UPDATE`);
    return toSettings(row);
  }
}
