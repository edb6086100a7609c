import { ImportKind } from '@fieldbook/contracts';
import { randomUUID } from 'node:crypto';
import { DomainEventType, OutboxService } from '../outbox/outbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { CsvRow } from './csv';
import { ApplyOutcome, ParsedRow, RowImporter, RowIssue, numberOrUndefined, optional, validateAs } from './row-importer';

/** Placeholder for a reference given by external key; validation needs an id-shaped value, `apply` finds the real one. */
const PENDING_ID = '00000000-0000-4000-8000-000000000000';

export interface ColumnSpec {
  column: string;
  /** Field of the create DTO. */
  field: string;
  /** Database column and its type for the bulk upsert. */
  sql: string;
  sqlType: 'text' | 'double precision';
  number?: boolean;
}

export interface ReferenceSpec {
  column: string;
  /** The create DTO's field for the id, when the DTO has one (a contact's account comes from its URL instead). */
  field?: string;
  table: 'account' | 'functional_location';
  sql: string;
  required: boolean;
}

export interface TableImportSpec {
  kind: ImportKind;
  table: 'account' | 'contact' | 'functional_location' | 'asset';
  dto: new () => object;
  columns: ColumnSpec[];
  references: ReferenceSpec[];
  /** The `email` column is unique in the environment (contacts): clashes are row errors, not a database error. */
  uniqueEmail?: boolean;
  /** A domain event announcing the rows this import added (not the ones it updated), with their ids. */
  announceAdded?: { type: DomainEventType; idsField: string };
}

type Row = Record<string, unknown> & { externalKey: string };

/**
 * Imports rows of one table by external key: validated with the table's create DTO, references
 * (account, functional location) given by their external keys, then one bulk upsert.
 */
export class TableImporter implements RowImporter<Row> {
  readonly kind: ImportKind;
  readonly required: string[];
  readonly optional: string[];

  constructor(
    private readonly spec: TableImportSpec,
    private readonly tenancy: TenancyService,
    required: string[],
    private readonly outbox?: OutboxService,
  ) {
    this.kind = spec.kind;
    const all = ['external_key', ...spec.references.map((reference) => reference.column), ...spec.columns.map((column) => column.column)];
    this.required = all.filter((column) => required.includes(column));
    this.optional = all.filter((column) => !required.includes(column));
  }

  parse(row: CsvRow): { value?: Row; issues: RowIssue[] } {
    const values = row.values;
    const issues: RowIssue[] = [];
    if (!values['external_key']) issues.push({ line: row.line, column: 'external_key', key: 'api:imports.externalKeyRequired' });
    const plain: Record<string, unknown> = { externalKey: values['external_key'] || undefined };
    for (const column of this.spec.columns) {
      const text = values[column.column];
      plain[column.field] = column.number ? numberOrUndefined(text) : optional(text);
    }
    for (const reference of this.spec.references) {
      const key = optional(values[reference.column]);
      if (reference.required && !key) issues.push({ line: row.line, column: reference.column, key: 'api:imports.referenceRequired', params: { column: reference.column } });
      if (reference.field) plain[reference.field] = key ? PENDING_ID : undefined;
    }
    const columnOf = (field: string) =>
      this.spec.columns.find((column) => column.field === field)?.column ?? this.spec.references.find((reference) => reference.field === field)?.column ?? field;
    const checked = validateAs(this.spec.dto, plain, row.line, columnOf);
    issues.push(...checked.issues);
    if (issues.length) return { issues };
    const value: Row = { externalKey: values['external_key'] ?? '' };
    for (const column of this.spec.columns) value[column.field] = (checked.value as Record<string, unknown>)[column.field] ?? null;
    for (const reference of this.spec.references) value[reference.column] = optional(values[reference.column]) ?? null;
    return { value, issues: [] };
  }

  preview(value: Row): Record<string, unknown> {
    return value;
  }

  async apply(rows: ParsedRow<Row>[], dryRun: boolean): Promise<ApplyOutcome> {
    const manager = this.tenancy.manager;
    const issues: RowIssue[] = [];
    const resolved: Record<string, unknown>[] = [];
    const lookups = new Map<string, Map<string, { id: string; account_id: string | null }>>();
    for (const reference of this.spec.references) {
      const keys = [...new Set(rows.map((row) => row.value[reference.column]).filter((key): key is string => typeof key === 'string'))];
      const found: { external_key: string; id: string; account_id: string | null }[] = await manager.query(
        `SELECT external_key, id, ${reference.table === 'account' ? 'NULL::uuid' : 'account_id'} AS account_id FROM ${reference.table} WHERE external_key = ANY($1) AND active`,
        [keys],
      );
      lookups.set(reference.column, new Map(found.map((row) => [row.external_key, row])));
    }
    for (const row of rows) {
      const record: Record<string, unknown> = { external_key: row.externalKey };
      for (const column of this.spec.columns) record[column.sql] = row.value[column.field];
      let ok = true;
      let accountId: string | null = null;
      for (const reference of this.spec.references) {
        const key = row.value[reference.column] as string | null;
        if (!key) {
          record[reference.sql] = null;
          continue;
        }
        const target = lookups.get(reference.column)?.get(key);
        if (!target) {
          issues.push({ line: row.line, column: reference.column, key: `api:imports.unknown.${reference.table}`, params: { key } });
          ok = false;
          continue;
        }
        if (reference.table === 'account') accountId = target.id;
        else if (accountId && target.account_id !== accountId) {
          issues.push({ line: row.line, column: reference.column, key: 'api:imports.locationOfOtherAccount', params: { key } });
          ok = false;
        }
        record[reference.sql] = target.id;
      }
      if (ok) resolved.push(record);
    }
    if (this.spec.uniqueEmail) issues.push(...(await this.emailClashes(rows)));
    const keys = rows.map((row) => row.externalKey);
    const existing: { external_key: string; account_id?: string }[] = await manager.query(
      `SELECT external_key${this.spec.references.some((reference) => reference.table === 'account') ? ', account_id' : ''} FROM ${this.spec.table} WHERE external_key = ANY($1)`,
      [keys],
    );
    const existingKeys = new Map(existing.map((row) => [row.external_key, row.account_id]));
    // A record never moves to another account on import: that would silently re-parent its history.
    for (const record of resolved) {
      const current = existingKeys.get(record['external_key'] as string);
      if (current && record['account_id'] && current !== record['account_id']) {
        const key = record['external_key'] as string;
        const line = rows.find((candidate) => candidate.externalKey === key)?.line ?? 0;
        issues.push({ line, column: 'account_external_key', key: 'api:imports.accountChange', params: { key } });
      }
    }
    const created = keys.filter((key) => !existingKeys.has(key)).length;
    const updated = keys.length - created;
    if (!dryRun && issues.length === 0 && resolved.length) await this.upsert(resolved);
    return { created, updated, issues };
  }

  /** A contact's email is unique in the environment: taken by another contact, or twice in the file, is a row error. */
  private async emailClashes(rows: ParsedRow<Row>[]): Promise<RowIssue[]> {
    const issues: RowIssue[] = [];
    const withEmail = rows.filter((row) => typeof row.value['email'] === 'string');
    const owners: { email: string; external_key: string | null }[] = await this.tenancy.manager.query(
      `SELECT lower(email) AS email, external_key FROM contact WHERE lower(email) = ANY($1)`,
      [withEmail.map((row) => (row.value['email'] as string).toLowerCase())],
    );
    const ownerOf = new Map(owners.map((owner) => [owner.email, owner.external_key]));
    const inFile = new Map<string, number>();
    for (const row of withEmail) {
      const email = (row.value['email'] as string).toLowerCase();
      const earlier = inFile.get(email);
      if (earlier !== undefined) issues.push({ line: row.line, column: 'email', key: 'api:imports.duplicateEmail', params: { email, line: earlier } });
      else inFile.set(email, row.line);
      if (ownerOf.has(email) && ownerOf.get(email) !== row.externalKey) issues.push({ line: row.line, column: 'email', key: 'api:imports.emailTaken', params: { email } });
    }
    return issues;
  }

  private async upsert(records: Record<string, unknown>[]): Promise<void> {
    const columns = [
      { sql: 'external_key', sqlType: 'text' },
      ...this.spec.references.map((reference) => ({ sql: reference.sql, sqlType: 'uuid' })),
      ...this.spec.columns,
    ];
    const names = columns.map((column) => column.sql);
    const updatable = names.filter((name) => name !== 'external_key' && name !== 'account_id');
    const rows: unknown = await this.tenancy.manager.query(
      `INSERT INTO ${this.spec.table} (environment_id, ${names.join(', ')})
       SELECT $1, ${names.map((name) => `x.${name}`).join(', ')}
         FROM jsonb_to_recordset($2::jsonb) AS x(${columns.map((column) => `${column.sql} ${column.sqlType}`).join(', ')})
       ON CONFLICT (environment_id, external_key) WHERE external_key IS NOT NULL
       DO UPDATE SET ${updatable.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}, updated_at = now()
       RETURNING id, (xmax = 0) AS inserted`,
      [this.tenancy.environmentId, JSON.stringify(records)],
    );
    const added = (rows as { id: string; inserted: boolean }[]).filter((row) => row.inserted).map((row) => row.id);
    const announce = this.spec.announceAdded;
    if (announce && added.length > 0) await this.outbox?.emit(announce.type, randomUUID(), { [announce.idsField]: added });
  }
}
