export const IMPORT_KINDS = ['accounts', 'contacts', 'functional-locations', 'assets', 'technicians'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One problem in an import file: the line it is on (1 = the header) and, when known, the column. */
export interface ImportIssue {
  line: number;
  column?: string;
  message: string;
}

export interface ImportResult {
  kind: ImportKind;
  /** true: nothing was written; the counts say what a real import would do. */
  dryRun: boolean;
  rows: number;
  /** Rows whose external key is new. */
  created: number;
  /** Rows whose external key exists already (their record is updated: imports can be run again safely). */
  updated: number;
  /** Empty when the file can be imported. A real import with errors writes nothing and answers 422. */
  errors: ImportIssue[];
  /** The first rows as they will be stored. */
  preview: Record<string, unknown>[];
}

/** Columns a file of each kind may have; `required` ones must be present. */
export interface ImportTemplate {
  kind: ImportKind;
  required: string[];
  optional: string[];
  maxRows: number;
}
