import { Injectable } from '@nestjs/common';
import { MemberSummary, Role } from '@fieldbook/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/domain-error';
import { OrganizationAccess } from '../common/request-context';

interface MemberRow {
  admin_user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
}

function toSummary(row: MemberRow): MemberSummary {
  return { adminUserId: row.admin_user_id, email: row.email, name: row.name, role: row.role, joinedAt: row.created_at.toISOString() };
}

/**
 * Members and their roles. Rules: only an owner grants or takes away the owner role; the last owner
 * can be neither demoted nor removed. Changes lock the organization's memberships so two owners
 * demoting each other at once cannot leave none.
 */
@Injectable()
export class MembersService {
  constructor(private readonly db: DataSource) {}

  async list(organizationId: string): Promise<MemberSummary[]> {
    const rows: MemberRow[] = await this.db.query(
      `SELECT m.admin_user_id, u.email, u.name, m.role, m.created_at
         FROM membership m JOIN admin_user u ON u.id = m.admin_user_id
        WHERE m.organization_id = $1
        ORDER BY array_position(ARRAY['owner','admin','dispatcher'], m.role), lower(u.name)`,
      [organizationId],
    );
    return rows.map(toSummary);
  }

  async changeRole(actor: OrganizationAccess, adminUserId: string, role: Role): Promise<MemberSummary> {
    return this.db.transaction(async (manager) => {
      const target = await this.lockMembers(manager, actor.id, adminUserId);
      if ((target.role === 'owner' || role === 'owner') && actor.role !== 'owner') throw new ForbiddenError('ownerRoleRequired');
      if (target.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(manager, actor.id, adminUserId);
      await manager.query(`UPDATE membership SET role = $3 WHERE organization_id = $1 AND admin_user_id = $2`, [actor.id, adminUserId, role]);
      return toSummary({ ...target, role });
    });
  }

  async remove(actor: OrganizationAccess, adminUserId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const target = await this.lockMembers(manager, actor.id, adminUserId);
      if (target.role === 'owner' && actor.role !== 'owner') throw new ForbiddenError('ownerRoleRequired');
      if (target.role === 'owner') await this.assertAnotherOwner(manager, actor.id, adminUserId);
      await manager.query(`DELETE FROM membership WHERE organization_id = $1 AND admin_user_id = $2`, [actor.id, adminUserId]);
    });
  }

  private async lockMembers(manager: EntityManager, organizationId: string, adminUserId: string): Promise<MemberRow> {
    await manager.query(`SELECT 1 FROM membership WHERE organization_id = $1 FOR UPDATE`, [organizationId]);
    const rows: MemberRow[] = await manager.query(
      `SELECT m.admin_user_id, u.email, u.name, m.role, m.created_at
         FROM membership m JOIN admin_user u ON u.id = m.admin_user_id
        WHERE m.organization_id = $1 AND m.admin_user_id = $2`,
      [organizationId, adminUserId],
    );
    if (!rows[0]) throw new NotFoundError('memberNotFound');
    return rows[0];
  }

  private async assertAnotherOwner(manager: EntityManager, organizationId: string, adminUserId: string): Promise<void> {
    const [{ owners }] = await manager.query(
      `SELECT count(*)::int AS owners FROM membership WHERE organization_id = $1 AND role = 'owner' AND admin_user_id <> $2`,
      [organizationId, adminUserId],
    );
    if (owners === 0) throw new ConflictError('lastOwner');
  }
}
