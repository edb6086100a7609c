import { isWithinRadius } from './geo';
import { NoSlotReason, RequiredSkill, SlotSearchInput, TechnicianInput } from './schedule.types';

export interface Eligibility {
  /** Active, skilled and within the radius, in input order. */
  qualified: TechnicianInput[];
  /** Why `qualified` is empty; empty otherwise. */
  reasons: NoSlotReason[];
}

function hasSkill(technician: TechnicianInput, required: RequiredSkill): boolean {
  return technician.skills.some(
    (skill) => skill.skillId === required.skillId && skill.proficiency >= required.minProficiency,
  );
}

function missingSkill(required: RequiredSkill): NoSlotReason {
  const { skillId, skillName, minProficiency } = required;
  return { code: 'missingSkill', skillId, skillName, minProficiency };
}

/**
 * The skills to blame when nobody has them all. First, every skill no active technician has. If
 * each skill is held by someone but never all by one person, the skills are applied one after the
 * other in the given order and each one that would leave nobody is blamed (and then set aside).
 */
function missingSkillReasons(
  active: readonly TechnicianInput[],
  requiredSkills: readonly RequiredSkill[],
): NoSlotReason[] {
  const nobodyHas = requiredSkills.filter((required) => !active.some((t) => hasSkill(t, required)));
  if (nobodyHas.length > 0) return nobodyHas.map(missingSkill);
  const blamed: NoSlotReason[] = [];
  let pool = active;
  for (const required of requiredSkills) {
    const narrowed = pool.filter((technician) => hasSkill(technician, required));
    if (narrowed.length === 0) blamed.push(missingSkill(required));
    else pool = narrowed;
  }
  return blamed;
}

/** Who could take the job at all, before any calendar is read. */
export function eligibleTechnicians(
  technicians: readonly TechnicianInput[],
  { requiredSkills, location, travelRadiusKm }: Pick<SlotSearchInput, 'requiredSkills' | 'location' | 'travelRadiusKm'>,
): Eligibility {
  const active = technicians.filter((technician) => technician.active);
  if (active.length === 0) return { qualified: [], reasons: [{ code: 'noTechnicians' }] };
  const skilled = active.filter((t) => requiredSkills.every((required) => hasSkill(t, required)));
  if (skilled.length === 0) return { qualified: [], reasons: missingSkillReasons(active, requiredSkills) };
  const qualified = skilled.filter((t) => isWithinRadius(t.home, location, travelRadiusKm));
  if (qualified.length === 0) return { qualified, reasons: [{ code: 'beyondRadius', radiusKm: travelRadiusKm }] };
  return { qualified, reasons: [] };
}
