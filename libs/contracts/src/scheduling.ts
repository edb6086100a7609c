/** List endpoints: search text, whitelisted sort field, direction, paging, and inactive rows on request. */
export interface ListQuery {
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  includeInactive?: boolean;
}

export interface Skill {
  id: string;
  externalKey: string | null;
  name: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateSkillRequest {
  name: string;
  externalKey?: string;
}

export interface UpdateSkillRequest {
  name?: string;
  externalKey?: string | null;
  active?: boolean;
}
