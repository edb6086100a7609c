import { Injectable } from '@nestjs/common';
import { AuditEvent, Page, PageQuery } from '@fieldbook/contracts';
import { pageOf } from '../common/pagination';
import { TenancyService } from '../tenancy/tenancy.service';

/** The environment's trail of who changed what. Always written inside the change's own transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly tenancy: TenancyService) {}

  async record(action: string, actorAdminUserId: string | null, details: Record<string, unknown> = {}): Promise<void> {
    await this.tenancy.manager.query(
      `INSERT INTO audit_event (environment_id, actor_admin_user_id, action, details) VALUES ($1, $2, $3, $4)`,
      [this.tenancy.environmentId, actorAdminUserId, action, JSON.stringify(details)],
    );
  }

  async list(query: PageQuery): Promise<Page<AuditEvent>> {
    const { limit, offset } = pageOf(query);
    const manager = this.tenancy.manager;
    const rows: { id: string; action: string; actor_name: string | null; details: Record<string, unknown>; created_at: Date }[] =
      await manager.query(
        `SELECT a.id, a.action, u.name AS actor_name, a.details, a.created_at
           FROM audit_event a LEFT JOIN admin_user u ON u.id = a.actor_admin_user_id
          ORDER BY a.created_at DESC, a.id LIMIT $1 OFFSET $2`,
        [limit, offset],
      );
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM audit_event`);
    return {
      items: rows.map((row) => ({ id: row.id, action: row.action, actorName: row.actor_name, details: row.details, createdAt: row.created_at.toISOString() })),
      total,
      limit,
      offset,
    };
  }
}
