import type { ListQuery } from './scheduling';

export interface ServiceTypeSkill {
  skillId: string;
  skillName: string;
  /** 1–5: a technician needs at least this proficiency. */
  minProficiency: number;
  skillActive: boolean;
}

export interface ServiceTypeSkillRequirement {
  skillId: string;
  minProficiency: number;
}

/** Names shown to customers, by language code ('en', 'de', 'fr', 'es'); `name` is the fallback. */
export type DisplayNames = Partial<Record<string, string>>;

export interface ServiceType {
  id: string;
  externalKey: string | null;
  name: string;
  description: string | null;
  durationMinutes: number;
  portalEnabled: boolean;
  displayNames: DisplayNames;
  active: boolean;
  requiredSkills: ServiceTypeSkill[];
  createdAt: string;
  updatedAt: string;
}

export interface ServiceTypeListQuery extends ListQuery {
  portalEnabled?: boolean;
  /** Exactly active (true) or exactly deactivated (false) service types; overrides includeInactive. */
  active?: boolean;
}

export interface CreateServiceTypeRequest {
  name: string;
  description?: string;
  /** 5–1440 */
  durationMinutes: number;
  portalEnabled?: boolean;
  displayNames?: DisplayNames;
  requiredSkills?: ServiceTypeSkillRequirement[];
  externalKey?: string;
  active?: boolean;
}

/** Fields left out stay as they are; `displayNames` and `requiredSkills` replace the whole set. */
export interface UpdateServiceTypeRequest {
  name?: string;
  description?: string | null;
  durationMinutes?: number;
  portalEnabled?: boolean;
  displayNames?: DisplayNames;
  requiredSkills?: ServiceTypeSkillRequirement[];
  externalKey?: string | null;
  active?: boolean;
}
