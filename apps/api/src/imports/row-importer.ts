import { ImportKind } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldIssues } from '../common/validation';
import { CsvRow } from './csv';

/** A problem with one row, before translation. `column` names the CSV column. */
export interface RowIssue {
  line: number;
  column?: string;
  /** Catalog key (`api:…`) and its parameters. */
  key: string;
  params?: Record<string, string | number>;
}

export interface ParsedRow<T> {
  line: number;
  externalKey: string;
  value: T;
}

export interface ApplyOutcome {
  created: number;
  updated: number;
  issues: RowIssue[];
}

/**
 * One kind of import: reads a CSV row into a value (with the same validation as the API's create
 * endpoint), then resolves references and upserts every value by external key in a few bulk
 * statements. In a dry run `apply` resolves and counts but writes nothing.
 */
export interface RowImporter<T = unknown> {
  readonly kind: ImportKind;
  readonly required: string[];
  readonly optional: string[];
  parse(row: CsvRow, t: Translator): { value?: T; issues: RowIssue[] };
  apply(rows: ParsedRow<T>[], dryRun: boolean): Promise<ApplyOutcome>;
  preview(value: T): Record<string, unknown>;
}

/**
 * Validates a row's value with an API DTO class, so imported rows obey exactly the rules of the
 * create endpoint. Field names are mapped back to CSV columns for the messages.
 */
export function validateAs<T extends object>(
  dto: new () => T,
  plain: Record<string, unknown>,
  line: number,
  columnOf: (field: string) => string,
): { value?: T; issues: RowIssue[] } {
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return { value: instance, issues: [] };
  return {
    issues: toFieldIssues(errors).map((issue) => ({
      line,
      column: columnOf(issue.field),
      key: issue.code.includes(':') ? issue.code : `api:validation.${issue.code}`,
      params: { ...(issue.params as Record<string, string | number>), field: columnOf(issue.field) },
    })),
  };
}

/** '' → undefined, so an empty optional column means "not given". */
export function optional(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** A number column: '' → undefined; anything not a finite number → NaN (which validation reports). */
export function numberOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}
