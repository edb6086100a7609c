import { EntityManager } from 'typeorm';
import { FieldIssue } from '../common/domain-error';

export const MAX_SKILLS_PER_ENTRY = 100;

/**
 * Checks skills named in a request body (technician skills, service-type requirements): each must
 * be named once, exist in this environment (row-level security hides every other environment's)
 * and be active. Returns one issue per bad item, by path, e.g. `skills.2.skillId`.
 */
export async function checkSkillReferences(manager: EntityManager, items: readonly { skillId: string }[], field: string): Promise<FieldIssue[]> {
  if (items.length > MAX_SKILLS_PER_ENTRY) return [{ field, code: 'tooMany', params: { max: MAX_SKILLS_PER_ENTRY } }];
  if (items.length === 0) return [];
  const ids = [...new Set(items.map((item) => item.skillId.toLowerCase()))];
  const rows: { id: string; name: string; active: boolean }[] = await manager.query(`SELECT id, name, active FROM skill WHERE id = ANY($1::uuid[])`, [ids]);
  const known = new Map(rows.map((row) => [row.id, row]));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    const id = item.skillId.toLowerCase();
    const path = `${field}.${index}.skillId`;
    const skill = known.get(id);
    if (seen.has(id)) issues.push({ field: path, code: 'duplicateSkill' });
    else if (!skill) issues.push({ field: path, code: 'unknownSkill' });
    else if (!skill.active) issues.push({ field: path, code: 'inactiveSkill', params: { name: skill.name } });
    seen.add(id);
  });
  return issues;
}
