import { Injectable } from '@nestjs/common';
import { CreateMessageExclusionRequest, MessageExclusion, MessageExclusionKind } from '@fieldbook/contracts';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, NotFoundError } from '../../common/domain-error';
import { isUniqueViolation } from '../../common/pg-errors';
import { TenancyService } from '../../tenancy/tenancy.service';

interface ExclusionRow {
  id: string;
  account_id: string | null;
  incident_type_id: string | null;
  target_name: string;
  created_at: Date;
}

/** Where each kind of target lives, and what a missing or repeated one is called. */
const TARGETS: Record<MessageExclusionKind, { table: string; column: string; notFound: string; alreadyExcluded: string }> = {
  account: { table: 'account', column: 'account_id', notFound: 'accountNotFound', alreadyExcluded: 'api:messageSettings.errors.accountAlreadyExcluded' },
  serviceType: {
    table: 'incident_type',
    column: 'incident_type_id',
    notFound: 'serviceTypeNotFound',
    alreadyExcluded: 'api:messageSettings.errors.serviceTypeAlreadyExcluded',
  },
};

const SELECT = `
  SELECT x.id, x.account_id, x.incident_type_id, coalesce(a.name, it.name) AS target_name, x.created_at
    FROM message_exclusion x
    LEFT JOIN account a ON a.environment_id = x.environment_id AND a.id = x.account_id
    LEFT JOIN incident_type it ON it.environment_id = x.environment_id AND it.id = x.incident_type_id`;

function toExclusion(row: ExclusionRow): MessageExclusion {
  const kind: MessageExclusionKind = row.account_id ? 'account' : 'serviceType';
  return { id: row.id, kind, targetId: (row.account_id ?? row.incident_type_id) as string, targetName: row.target_name, createdAt: row.created_at.toISOString() };
}

/** Accounts and service types that get no customer messages at all. Always inside the request's tenant transaction. */
@Injectable()
export class MessageExclusionsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  /** Every exclusion, accounts first, each kind by name. */
  async list(): Promise<MessageExclusion[]> {
    const rows: ExclusionRow[] = await this.tenancy.manager.query(`${SELECT} ORDER BY x.account_id IS NULL, lower(coalesce(a.name, it.name)), x.id`);
    return rows.map(toExclusion);
  }

  async create(request: CreateMessageExclusionRequest, actorAdminUserId: string): Promise<MessageExclusion> {
    const target = TARGETS[request.kind];
    const manager = this.tenancy.manager;
    const found: { name: string }[] = await manager.query(`SELECT name FROM ${target.table} WHERE id = $1`, [request.targetId]);
    if (!found[0]) throw new NotFoundError(target.notFound);
    const name = found[0].name;
    let id: string;
    try {
      const [row]: { id: string }[] = await manager.query(`INSERT INTO message_exclusion (environment_id, ${target.column}) VALUES ($1, $2) RETURNING id`, [
        this.tenancy.environmentId,
        request.targetId,
      ]);
      id = row.id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(target.alreadyExcluded, { name });
      throw error;
    }
    const exclusion = await this.get(id);
    await this.audit.record('message_exclusion.created', actorAdminUserId, { exclusionId: id, kind: exclusion.kind, targetId: exclusion.targetId, name });
    return exclusion;
  }

  async remove(id: string, actorAdminUserId: string): Promise<void> {
    const exclusion = await this.get(id);
    await this.tenancy.manager.query(`DELETE FROM message_exclusion WHERE id = $1`, [id]);
    await this.audit.record('message_exclusion.deleted', actorAdminUserId, {
      exclusionId: id,
      kind: exclusion.kind,
      targetId: exclusion.targetId,
      name: exclusion.targetName,
    });
  }

  private async get(id: string): Promise<MessageExclusion> {
    const rows: ExclusionRow[] = await this.tenancy.manager.query(`${SELECT} WHERE x.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('api:messageSettings.errors.exclusionNotFound');
    return toExclusion(rows[0]);
  }
}
