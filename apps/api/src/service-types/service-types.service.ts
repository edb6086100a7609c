import { Injectable } from '@nestjs/common';
import {
  CreateServiceTypeRequest,
  DisplayNames,
  Page,
  ServiceType,
  ServiceTypeListQuery,
  ServiceTypeSkill,
  ServiceTypeSkillRequirement,
  UpdateServiceTypeRequest,
} from '@fieldbook/contracts';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, isSupportedLanguage } from '@fieldbook/i18n';
import { AuditService } from '../audit/audit.service';
import { ConflictError, FieldIssue, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { likePattern, orderBy } from '../common/list-query';
import { isUniqueViolation } from '../common/pg-errors';
import { checkSkillReferences } from '../skills/skill-references';
import { TenancyService } from '../tenancy/tenancy.service';
import { DISPLAY_NAME_MAX } from './dto/service-type.dto';

interface ServiceTypeRow {
  id: string;
  external_key: string | null;
  name: string;
  description: string | null;
  duration_minutes: number;
  portal_enabled: boolean;
  display_names: DisplayNames;
  active: boolean;
  required_skills: ServiceTypeSkill[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `it.id, it.external_key, it.name, it.description, it.duration_minutes, it.portal_enabled, it.display_names, it.active, it.created_at, it.updated_at,
  coalesce((SELECT json_agg(json_build_object('skillId', s.id, 'skillName', s.name, 'minProficiency', its.min_proficiency, 'skillActive', s.active) ORDER BY lower(s.name), s.id)
              FROM incident_type_skill its JOIN skill s ON s.id = its.skill_id WHERE its.incident_type_id = it.id), '[]'::json) AS required_skills`;
const SORTABLE = { name: 'lower(it.name)', durationMinutes: 'it.duration_minutes', createdAt: 'it.created_at', updatedAt: 'it.updated_at' };
/** Work orders still to be done; a service type they use cannot be deactivated. */
const OPEN_WORK_ORDER = `status = 'scheduled'`;

/** Request field → column, for the plain fields a PATCH may change. */
const UPDATABLE = {
  name: 'name',
  description: 'description',
  durationMinutes: 'duration_minutes',
  portalEnabled: 'portal_enabled',
  displayNames: 'display_names',
  externalKey: 'external_key',
  active: 'active',
} as const;
type UpdatableField = keyof typeof UPDATABLE;
const NOT_NULL: (keyof UpdateServiceTypeRequest)[] = ['name', 'durationMinutes', 'portalEnabled', 'displayNames', 'requiredSkills', 'active'];

function toServiceType(row: ServiceTypeRow): ServiceType {
  return {
    id: row.id,
    externalKey: row.external_key,
    name: row.name,
    description: row.description,
    durationMinutes: row.duration_minutes,
    portalEnabled: row.portal_enabled,
    displayNames: row.display_names,
    active: row.active,
    requiredSkills: row.required_skills,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Display names keyed by a supported language, each 1–120 characters after trimming. Returns the
 * trimmed names, in the order of SUPPORTED_LANGUAGES, and one issue per bad entry.
 */
export function checkDisplayNames(given: Record<string, unknown>): { names: Record<string, string>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const names: Record<string, string> = {};
  for (const [language, value] of Object.entries(given)) {
    const shown = language.slice(0, 20);
    if (!isSupportedLanguage(language)) {
      issues.push({ field: `displayNames.${shown}`, code: 'unknownLanguage', params: { language: shown, values: SUPPORTED_LANGUAGES.join(', ') } });
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length === 0 || text.length > DISPLAY_NAME_MAX) {
      issues.push({ field: `displayNames.${language}`, code: 'displayName', params: { language: LANGUAGE_NAMES[language], max: DISPLAY_NAME_MAX } });
      continue;
    }
    names[language] = text;
  }
  const ordered = Object.fromEntries(SUPPORTED_LANGUAGES.filter((language) => language in names).map((language) => [language, names[language]]));
  return { names: ordered, issues };
}

/** Service types (table `incident_type`) with the skills they require. Always inside the request's tenant transaction. */
@Injectable()
export class ServiceTypesService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ServiceTypeListQuery): Promise<Page<ServiceType>> {
    const order = orderBy(query, SORTABLE, 'name');
    if (order.unknown) throw new ValidationFailedError([{ field: 'sort', code: 'isIn', params: { values: Object.keys(SORTABLE).join(', ') } }]);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR it.name ILIKE $1 OR it.external_key ILIKE $1)
                     AND ($2::boolean IS NULL OR it.active = $2)
                     AND ($3::boolean IS NULL OR it.portal_enabled = $3)`;
    const active = query.active ?? (query.includeInactive ? null : true);
    const params = [query.q ? likePattern(query.q) : null, active, query.portalEnabled ?? null];
    const manager = this.tenancy.manager;
    const rows: ServiceTypeRow[] = await manager.query(`SELECT ${COLUMNS} FROM incident_type it ${where} ${order.sql} LIMIT $4 OFFSET $5`, [...params, limit, offset]);
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM incident_type it ${where}`, params);
    return { items: rows.map(toServiceType), total, limit, offset };
  }

  async get(id: string): Promise<ServiceType> {
    const rows: ServiceTypeRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM incident_type it WHERE it.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('serviceTypeNotFound');
    return toServiceType(rows[0]);
  }

  async create(request: CreateServiceTypeRequest, actorId: string): Promise<ServiceType> {
    const manager = this.tenancy.manager;
    const displayNames = checkDisplayNames(request.displayNames ?? {});
    const issues = [...displayNames.issues, ...(await checkSkillReferences(manager, request.requiredSkills ?? [], 'requiredSkills'))];
    if (issues.length) throw new ValidationFailedError(issues);

    const [row]: { id: string }[] = await this.write(request, () =>
      manager.query(
        `INSERT INTO incident_type (environment_id, name, description, duration_minutes, portal_enabled, display_names, external_key, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          this.tenancy.environmentId,
          request.name,
          request.description ?? null,
          request.durationMinutes,
          request.portalEnabled ?? false,
          JSON.stringify(displayNames.names),
          request.externalKey ?? null,
          request.active ?? true,
        ],
      ),
    );
    await this.insertRequiredSkills(row.id, request.requiredSkills ?? []);
    await this.audit.record('serviceType.created', actorId, { serviceTypeId: row.id, name: request.name });
    return this.get(row.id);
  }

  async update(id: string, change: UpdateServiceTypeRequest, actorId: string): Promise<ServiceType> {
    const current = await this.get(id);
    const manager = this.tenancy.manager;
    const issues: FieldIssue[] = NOT_NULL.filter((key) => change[key] === null).map((key) => ({ field: key, code: 'isNotEmpty' }));
    const values: Partial<Record<UpdatableField, unknown>> = { ...change };
    if (change.displayNames) {
      const displayNames = checkDisplayNames(change.displayNames);
      issues.push(...displayNames.issues);
      values.displayNames = JSON.stringify(displayNames.names);
    }
    if (change.requiredSkills) issues.push(...(await checkSkillReferences(manager, change.requiredSkills, 'requiredSkills')));
    if (issues.length) throw new ValidationFailedError(issues);
    if (change.active === false && current.active) await this.assertNoOpenWorkOrders(id, current.name);

    const keys = (Object.keys(UPDATABLE) as UpdatableField[]).filter((key) => values[key] !== undefined);
    const sets = keys.map((key, index) => `${UPDATABLE[key]} = $${index + 2}`);
    await this.write(change, () =>
      manager.query(`UPDATE incident_type SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...keys.map((key) => values[key])]),
    );
    if (change.requiredSkills) {
      await manager.query(`DELETE FROM incident_type_skill WHERE incident_type_id = $1`, [id]);
      await this.insertRequiredSkills(id, change.requiredSkills);
    }
    const action = change.active === false && current.active ? 'serviceType.deactivated' : change.active === true && !current.active ? 'serviceType.reactivated' : 'serviceType.updated';
    await this.audit.record(action, actorId, { serviceTypeId: id, change });
    return this.get(id);
  }

  /** Deletes a service type no work order ever used; one with history can only be deactivated. */
  async remove(id: string, actorId: string): Promise<void> {
    const serviceType = await this.get(id);
    const [{ count }] = await this.tenancy.manager.query(`SELECT count(*)::int AS count FROM work_order WHERE incident_type_id = $1`, [id]);
    if (count > 0) throw new ConflictError('serviceTypeHasWorkOrders', { name: serviceType.name, count });
    await this.tenancy.manager.query(`DELETE FROM incident_type WHERE id = $1`, [id]);
    await this.audit.record('serviceType.deleted', actorId, { serviceTypeId: id, name: serviceType.name });
  }

  private async assertNoOpenWorkOrders(id: string, name: string): Promise<void> {
    const [{ count }] = await this.tenancy.manager.query(`SELECT count(*)::int AS count FROM work_order WHERE incident_type_id = $1 AND ${OPEN_WORK_ORDER}`, [id]);
    if (count > 0) throw new ConflictError('serviceTypeInUse', { name, count });
  }

  private async insertRequiredSkills(id: string, skills: ServiceTypeSkillRequirement[]): Promise<void> {
    if (skills.length === 0) return;
    await this.tenancy.manager.query(
      `INSERT INTO incident_type_skill (environment_id, incident_type_id, skill_id, min_proficiency)
       SELECT $1, $2, skill_id, min_proficiency FROM unnest($3::uuid[], $4::smallint[]) AS given(skill_id, min_proficiency)`,
      [this.tenancy.environmentId, id, skills.map((skill) => skill.skillId), skills.map((skill) => skill.minProficiency)],
    );
  }

  private async write<T>(values: { externalKey?: string | null }, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error, 'incident_type_external_key')) throw new ConflictError('externalKeyTaken', { externalKey: values.externalKey ?? '' });
      throw error;
    }
  }
}
