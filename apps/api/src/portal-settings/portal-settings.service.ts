import { Injectable } from '@nestjs/common';
import { PortalSettings, SlotGranularityMinutes, UpdatePortalSettingsRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, ValidationFailedError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';

interface PortalSettingsRow {
  environment_id: string;
  portal_name: string;
  min_lead_days: number;
  max_lead_days: number;
  asset_selection_enabled: boolean;
  additional_details_enabled: boolean;
  travel_radius_km: number;
  travel_buffer_minutes: number;
  slot_granularity_minutes: number;
  reschedule_cutoff_hours: number;
  cancel_cutoff_hours: number;
  updated_at: Date;
}

type Changeable = keyof UpdatePortalSettingsRequest;

/** Each field of the request and the column it is stored in. */
const COLUMNS: Record<Changeable, keyof PortalSettingsRow> = {
  portalName: 'portal_name',
  minLeadDays: 'min_lead_days',
  maxLeadDays: 'max_lead_days',
  assetSelection: 'asset_selection_enabled',
  additionalDetails: 'additional_details_enabled',
  travelRadiusKm: 'travel_radius_km',
  travelBufferMinutes: 'travel_buffer_minutes',
  slotGranularityMinutes: 'slot_granularity_minutes',
  rescheduleCutOffHours: 'reschedule_cutoff_hours',
  cancelCutOffHours: 'cancel_cutoff_hours',
};
const FIELDS = Object.keys(COLUMNS) as Changeable[];
const SELECT = `SELECT environment_id, ${Object.values(COLUMNS).join(', ')}, updated_at FROM portal_settings`;

function toContract(row: PortalSettingsRow): PortalSettings {
  return {
    environmentId: row.environment_id,
    portalName: row.portal_name,
    minLeadDays: row.min_lead_days,
    maxLeadDays: row.max_lead_days,
    assetSelection: row.asset_selection_enabled,
    additionalDetails: row.additional_details_enabled,
    travelRadiusKm: row.travel_radius_km,
    travelBufferMinutes: row.travel_buffer_minutes,
    slotGranularityMinutes: row.slot_granularity_minutes as SlotGranularityMinutes,
    rescheduleCutOffHours: row.reschedule_cutoff_hours,
    cancelCutOffHours: row.cancel_cutoff_hours,
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class PortalSettingsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  /** Called inside the transaction that creates the environment. */
  async createDefaults(portalName: string): Promise<void> {
    await this.tenancy.manager.query(`INSERT INTO portal_settings (environment_id, portal_name) VALUES ($1, $2)`, [
      this.tenancy.environmentId,
      portalName,
    ]);
  }

  async get(): Promise<PortalSettings> {
    return toContract(await this.row(SELECT));
  }

  async update(change: UpdatePortalSettingsRequest, actorAdminUserId: string): Promise<PortalSettings> {
    // Locked, so that two changes of the booking window cannot together break its order.
    const before = toContract(await this.row(`${SELECT} FOR UPDATE`));
    const changed = FIELDS.filter((field) => change[field] !== undefined && change[field] !== null && change[field] !== before[field]);
    const minLeadDays = change.minLeadDays ?? before.minLeadDays;
    const maxLeadDays = change.maxLeadDays ?? before.maxLeadDays;
    if (minLeadDays >= maxLeadDays) {
      // Named after the field that was sent; with both sent, the minimum is the one to fix.
      const field = change.minLeadDays === undefined ? 'maxLeadDays' : 'minLeadDays';
      throw new ValidationFailedError([{ field, code: 'leadDaysOrder', params: { min: minLeadDays, max: maxLeadDays } }]);
    }
    if (!changed.length) return before;
    const rows: PortalSettingsRow[][] = await this.tenancy.manager.query(
      `UPDATE portal_settings SET ${changed.map((field, index) => `${COLUMNS[field]} = $${index + 1}`).join(', ')}, updated_at = now()
        RETURNING environment_id, ${Object.values(COLUMNS).join(', ')}, updated_at`,
      changed.map((field) => change[field]),
    );
    const after = toContract(rows[0][0]);
    await this.audit.record(
      'portal_settings.updated',
      actorAdminUserId,
      Object.fromEntries(changed.map((field) => [field, { from: before[field], to: after[field] }])),
    );
    return after;
  }

  private async row(sql: string): Promise<PortalSettingsRow> {
    const rows: PortalSettingsRow[] = await this.tenancy.manager.query(sql);
    if (!rows[0]) throw new NotFoundError('environmentNotFound');
    return rows[0];
  }
}
