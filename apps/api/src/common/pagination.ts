import { PageQuery } from '@fieldbook/contracts';
import { IntField } from './validation';

export class PageQueryDto implements PageQuery {
  @IntField({ min: 1, max: 200, optional: true, default: 50 })
  limit?: number;

  @IntField({ min: 0, max: 1_000_000, optional: true, default: 0 })
  offset?: number;
}

export function pageOf(query: PageQuery): { limit: number; offset: number } {
  return { limit: query.limit ?? 50, offset: query.offset ?? 0 };
}
