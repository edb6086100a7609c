import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ImportIssue, ImportKind, ImportResult, ImportTemplate } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, DomainError, NotFoundError } from '../common/domain-error';
import { CsvFormatError, parseCsv } from './csv';
import { ParsedRow, RowImporter, RowIssue } from './row-importer';

export const ROW_IMPORTERS = Symbol('ROW_IMPORTERS');
export const MAX_IMPORT_ROWS = 10_000;
const PREVIEW_ROWS = 20;
/** Enough to fix a file; a file with more problems than this is usually the wrong file. */
const MAX_REPORTED_ISSUES = 1_000;

export class ImportRejectedError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor(errors: ImportIssue[], total: number) {
    super('importHasErrors', { count: total });
    Object.assign(this.extra, { errors });
  }
}

/**
 * CSV imports: the whole file is checked first — format, columns, every row with the create
 * endpoint's rules, references by external key — and then written in one go, inside the request's
 * transaction, so a file either imports completely or not at all. Rows are matched by external key:
 * importing the same file twice changes nothing the second time.
 */
@Injectable()
export class ImportsService {
  private readonly importers: Map<ImportKind, RowImporter>;

  constructor(
    @Inject(ROW_IMPORTERS) importers: RowImporter[],
    private readonly audit: AuditService,
  ) {
    this.importers = new Map(importers.map((importer) => [importer.kind, importer]));
  }

  template(kind: ImportKind): ImportTemplate {
    const importer = this.importer(kind);
    return { kind, required: importer.required, optional: importer.optional, maxRows: MAX_IMPORT_ROWS };
  }

  async run(kind: ImportKind, text: unknown, dryRun: boolean, t: Translator, adminId: string): Promise<ImportResult> {
    const importer = this.importer(kind);
    if (typeof text !== 'string') throw new BadRequestError('importNeedsCsv');
    const table = this.parse(text);
    const known = new Set([...importer.required, ...importer.optional]);
    const missing = importer.required.filter((column) => !table.headers.includes(column));
    if (missing.length) throw new BadRequestError('importMissingColumns', { columns: missing.join(', ') });
    const unknown = table.headers.filter((column) => !known.has(column));
    if (unknown.length) throw new BadRequestError('importUnknownColumns', { columns: unknown.join(', '), allowed: [...known].join(', ') });
    if (table.rows.length === 0) throw new BadRequestError('importNoRows');
    if (table.rows.length > MAX_IMPORT_ROWS) throw new BadRequestError('importTooManyRows', { max: MAX_IMPORT_ROWS, rows: table.rows.length });

    const issues: RowIssue[] = [];
    const parsed: ParsedRow<unknown>[] = [];
    const firstLine = new Map<string, number>();
    for (const row of table.rows) {
      const key = row.values['external_key'] ?? '';
      const earlier = firstLine.get(key);
      if (key && earlier !== undefined) {
        issues.push({ line: row.line, column: 'external_key', key: 'api:imports.duplicateKey', params: { key, line: earlier } });
        continue;
      }
      if (key) firstLine.set(key, row.line);
      const result = importer.parse(row, t);
      issues.push(...result.issues);
      if (result.value !== undefined && result.issues.length === 0) parsed.push({ line: row.line, externalKey: key, value: result.value });
    }
    // With row errors the file will not be written, but references are still checked so one pass shows every problem.
    const outcome = await importer.apply(parsed, dryRun || issues.length > 0);
    issues.push(...outcome.issues);

    issues.sort((a, b) => a.line - b.line);
    const errors = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
      line: issue.line,
      ...(issue.column ? { column: issue.column } : {}),
      message: t.t(issue.key, issue.params),
    }));
    if (!dryRun && issues.length > 0) throw new ImportRejectedError(errors, issues.length);
    if (!dryRun) await this.audit.record('import.completed', adminId, { kind, rows: table.rows.length, created: outcome.created, updated: outcome.updated });
    return {
      kind,
      dryRun,
      rows: table.rows.length,
      created: outcome.created,
      updated: outcome.updated,
      errors,
      preview: parsed.slice(0, PREVIEW_ROWS).map((row) => ({ line: row.line, ...importer.preview(row.value) })),
    };
  }

  private importer(kind: ImportKind): RowImporter {
    const importer = this.importers.get(kind);
    if (!importer) throw new NotFoundError('importKindNotFound', { kind });
    return importer;
  }

  private parse(text: string) {
    try {
      return parseCsv(text);
    } catch (error) {
      if (error instanceof CsvFormatError) throw new BadRequestError(`api:imports.${error.code}`, { line: error.line, ...error.params });
      throw error;
    }
  }
}
