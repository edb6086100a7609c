import { Injectable } from '@nestjs/common';
import { CreateSkillRequest, ListQuery, Page, Skill, UpdateSkillRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { likePattern, orderBy } from '../common/list-query';
import { isUniqueViolation } from '../common/pg-errors';
import { TenancyService } from '../tenancy/tenancy.service';

interface SkillRow {
  id: string;
  external_key: string | null;
  name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, external_key, name, active, created_at, updated_at`;
const SORTABLE = { name: 'lower(name)', createdAt: 'created_at', updatedAt: 'updated_at' };

function toSkill(row: SkillRow): Skill {
  return {
    id: row.id,
    externalKey: row.external_key,
    name: row.name,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Skills technicians hold and service types require. Always inside the request's tenant transaction. */
@Injectable()
export class SkillsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListQuery): Promise<Page<Skill>> {
    const order = orderBy(query, SORTABLE, 'name');
    if (order.unknown) throw new ValidationFailedError([{ field: 'sort', code: 'isIn', params: { values: Object.keys(SORTABLE).join(', ') } }]);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR name ILIKE $1) AND ($2::boolean OR active)`;
    const params = [query.q ? likePattern(query.q) : null, query.includeInactive ?? false];
    const manager = this.tenancy.manager;
    const rows: SkillRow[] = await manager.query(`SELECT ${COLUMNS} FROM skill ${where} ${order.sql} LIMIT $3 OFFSET $4`, [...params, limit, offset]);
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM skill ${where}`, params);
    return { items: rows.map(toSkill), total, limit, offset };
  }

  async get(id: string): Promise<Skill> {
    const rows: SkillRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM skill WHERE id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('skillNotFound');
    return toSkill(rows[0]);
  }

  async create(request: CreateSkillRequest, actorId: string): Promise<Skill> {
    const rows: SkillRow[] = await this.write(request, () =>
      this.tenancy.manager.query(`INSERT INTO skill (environment_id, name, external_key) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [
        this.tenancy.environmentId,
        request.name,
        request.externalKey ?? null,
      ]),
    );
    await this.audit.record('skill.created', actorId, { skillId: rows[0].id, name: request.name });
    return toSkill(rows[0]);
  }

  async update(id: string, change: UpdateSkillRequest, actorId: string): Promise<Skill> {
    await this.get(id);
    const [rows]: [SkillRow[]] = await this.write(change, () =>
      this.tenancy.manager.query(
        `UPDATE skill SET name = coalesce($2, name), external_key = coalesce($3, external_key), active = coalesce($4, active), updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, change.name ?? null, change.externalKey ?? null, change.active ?? null],
      ),
    );
    await this.audit.record('skill.updated', actorId, { skillId: id, change });
    return toSkill(rows[0]);
  }

  /** Deletes a skill nobody uses; one that is held or required is refused with who uses it. */
  async remove(id: string, actorId: string): Promise<void> {
    const skill = await this.get(id);
    const [usage] = await this.tenancy.manager.query(
      `SELECT (SELECT count(*)::int FROM resource_skill WHERE skill_id = $1) AS technicians,
              (SELECT count(*)::int FROM incident_type_skill WHERE skill_id = $1) AS service_types`,
      [id],
    );
    if (usage.technicians > 0 || usage.service_types > 0) {
      throw new ConflictError('skillInUse', { name: skill.name, technicians: usage.technicians, serviceTypes: usage.service_types });
    }
    await this.tenancy.manager.query(`DELETE FROM skill WHERE id = $1`, [id]);
    await this.audit.record('skill.deleted', actorId, { skillId: id, name: skill.name });
  }

  private async write<T>(values: { name?: string; externalKey?: string | null }, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error, 'skill_name_key')) throw new ConflictError('skillNameTaken', { name: values.name ?? '' });
      if (isUniqueViolation(error, 'skill_external_key')) throw new ConflictError('externalKeyTaken', { externalKey: values.externalKey ?? '' });
      throw error;
    }
  }
}
