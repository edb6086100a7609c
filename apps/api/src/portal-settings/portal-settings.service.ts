import { Injectable } from '@nestjs/common';
import { PortalSettings, UpdatePortalSettingsRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';

interface PortalSettingsRow {
  environment_id: string;
  portal_name: string;
  updated_at: Date;
}

function toContract(row: PortalSettingsRow): PortalSettings {
  return { environmentId: row.environment_id, portalName: row.portal_name, updatedAt: row.updated_at.toISOString() };
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
    const rows: PortalSettingsRow[] = await this.tenancy.manager.query(
      `SELECT environment_id, portal_name, updated_at FROM portal_settings`,
    );
    if (!rows[0]) throw new NotFoundError('environmentNotFound');
    return toContract(rows[0]);
  }

  async update(change: UpdatePortalSettingsRequest, actorAdminUserId: string): Promise<PortalSettings> {
    const before = await this.get();
    const rows: PortalSettingsRow[][] = await this.tenancy.manager.query(
      `UPDATE portal_settings SET portal_name = coalesce($1, portal_name), updated_at = now()
        RETURNING environment_id, portal_name, updated_at`,
      [change.portalName ?? null],
    );
    const after = toContract(rows[0][0]);
    await this.audit.record('portal_settings.updated', actorAdminUserId, { portalName: { from: before.portalName, to: after.portalName } });
    return after;
  }
}
