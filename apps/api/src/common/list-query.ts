import { ListQuery } from '@fieldbook/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IntField, OneOfField, TextField } from './validation';

export class ListQueryDto implements ListQuery {
  @TextField({ max: 100, optional: true, description: 'Case-insensitive search text' })
  q?: string;

  @TextField({ max: 50, optional: true, description: 'Field to sort by (each list names its own)' })
  sort?: string;

  @OneOfField(['asc', 'desc'] as const, { optional: true })
  order?: 'asc' | 'desc';

  @IntField({ min: 1, max: 200, optional: true, default: 50 })
  limit?: number;

  @IntField({ min: 0, max: 1_000_000, optional: true, default: 0 })
  offset?: number;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Include deactivated rows' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/**
 * ORDER BY from a whitelist: the client names a field, the service maps it to a column it chose.
 * Unknown fields are a 400, never SQL. A final id tie-breaker keeps paging stable.
 */
export function orderBy(query: ListQuery, columns: Record<string, string>, fallback: string): { sql: string; unknown?: string } {
  const field = query.sort ?? fallback;
  const column = columns[field];
  if (!column) return { sql: '', unknown: field };
  return { sql: `ORDER BY ${column} ${query.order === 'desc' ? 'DESC' : 'ASC'}, id ASC` };
}
