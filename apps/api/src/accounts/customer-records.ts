import { AssetListQuery, ContactListQuery, CustomerListQuery, FunctionalLocationListQuery, ListQuery, Page, Role } from '@fieldbook/contracts';
import { EntityManager } from 'typeorm';
import { ConflictError, ValidationFailedError } from '../common/domain-error';
import { ListQueryDto, likePattern, orderBy } from '../common/list-query';
import { isForeignKeyViolation, isUniqueViolation } from '../common/pg-errors';
import { BooleanQueryField, UuidField } from '../common/structured-fields';

/**
 * Who may change customer records. As with skills, every member reads them and owners and admins
 * change them; dispatchers work with what is there.
 */
export const CUSTOMER_EDITORS: Role[] = ['owner', 'admin'];

export class CustomerListQueryDto extends ListQueryDto implements CustomerListQuery {
  @BooleanQueryField('Exactly active (true) or exactly deactivated (false) records; overrides includeInactive')
  active?: boolean;
}

export class ContactListQueryDto extends CustomerListQueryDto implements ContactListQuery {
  @UuidField({ optional: true, description: 'Only contacts of this account' })
  accountId?: string;
}

export class FunctionalLocationListQueryDto extends CustomerListQueryDto implements FunctionalLocationListQuery {
  @UuidField({ optional: true, description: 'Only functional locations of this account' })
  accountId?: string;
}

export class AssetListQueryDto extends CustomerListQueryDto implements AssetListQuery {
  @UuidField({ optional: true, description: 'Only assets of this account' })
  accountId?: string;

  @UuidField({ optional: true, description: 'Only assets at this functional location' })
  functionalLocationId?: string;
}

/** WHERE conditions with their parameters, numbered as they are added. */
export class Filters {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds `condition(placeholder)` with `value` bound to the placeholder. */
  add(condition: (placeholder: string) => string, value: unknown): this {
    this.params.push(value);
    this.conditions.push(condition(`$${this.params.length}`));
    return this;
  }

  /** The active filter of customer lists: only active rows unless asked for inactive or all. */
  active(query: CustomerListQuery, column = 'active'): this {
    const wanted = query.active ?? (query.includeInactive ? undefined : true);
    return wanted === undefined ? this : this.add((p) => `${column} = ${p}`, wanted);
  }

  /** Case-insensitive, literal search over `columns`. */
  search(text: string | undefined, columns: string[]): this {
    return text ? this.add((p) => `(${columns.map((column) => `${column} ILIKE ${p}`).join(' OR ')})`, likePattern(text)) : this;
  }

  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** One page of `SELECT columns FROM source` under `filters`, sorted by a whitelisted field, with the total. */
export async function listPage<Row, Item>(
  manager: EntityManager,
  query: ListQuery,
  spec: { source: string; columns: string; sortable: Record<string, string>; defaultSort: string; filters: Filters; toItem: (row: Row) => Item },
): Promise<Page<Item>> {
  const order = orderBy(query, spec.sortable, spec.defaultSort);
  if (order.unknown) throw new ValidationFailedError([{ field: 'sort', code: 'isIn', params: { values: Object.keys(spec.sortable).join(', ') } }]);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { params, sql: where } = spec.filters;
  const n = params.length;
  const rows: Row[] = await manager.query(`SELECT ${spec.columns} FROM ${spec.source} ${where} ${order.sql} LIMIT $${n + 1} OFFSET $${n + 2}`, [
    ...params,
    limit,
    offset,
  ]);
  const [{ total }]: [{ total: number }] = await manager.query(`SELECT count(*)::int AS total FROM ${spec.source} ${where}`, params);
  return { items: rows.map(spec.toItem), total, limit, offset };
}

/**
 * The SET list of a PATCH: every field that was sent (null included) replaces its column, a field
 * left out keeps it. Columns come from `columns`, never from the request; values are bound in
 * `params`.
 */
export function assignments(change: object, columns: Record<string, string>, params: unknown[]): string {
  const sets = Object.entries(columns)
    .filter(([field]) => (change as Record<string, unknown>)[field] !== undefined)
    .map(([field, column]) => {
      params.push((change as Record<string, unknown>)[field]);
      return `${column} = $${params.length}`;
    });
  return [...sets, 'updated_at = now()'].join(', ');
}

/** Runs a write and turns a clash on `<table>_external_key` into a 409 that names the key. */
export async function withUniqueKeys<T>(table: string, externalKey: string | null | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, `${table}_external_key`)) throw new ConflictError('externalKeyTaken', { externalKey: externalKey ?? '' });
    throw error;
  }
}

/** How a PATCH changes the active flag of a record that is now `active`. */
export function activeTransition(current: boolean, requested: boolean | undefined): 'deactivate' | 'reactivate' | undefined {
  if (requested === false && current) return 'deactivate';
  if (requested === true && !current) return 'reactivate';
  return undefined;
}

/**
 * Deletes one row that the service found unreferenced. Should something the checks do not know
 * about still point at it, the foreign key refuses and the caller gets a 409, not a 500.
 */
export async function deleteUnreferenced(manager: EntityManager, table: string, id: string): Promise<void> {
  try {
    await manager.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new ConflictError('recordReferenced');
    throw error;
  }
}
