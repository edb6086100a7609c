/** One data row of a CSV file, with the line it starts on (1-based, counting the header). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
}

export class CsvFormatError extends Error {
  constructor(
    readonly code: 'csvEmpty' | 'csvUnclosedQuote' | 'csvStrayQuote' | 'csvDuplicateHeader' | 'csvFieldCount',
    readonly line: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} at line ${line}`);
  }
}

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes, "" for a quote inside quotes,
 * line breaks inside quoted fields, CRLF or LF, an optional UTF-8 byte-order mark. Headers are
 * trimmed and lower-cased; blank lines are skipped; every row must have as many fields as the header.
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records.find((record) => !isBlank(record.fields));
  if (!header) throw new CsvFormatError('csvEmpty', 1);
  const headers = header.fields.map((name) => name.trim().toLowerCase());
  const seen = new Set<string>();
  for (const name of headers) {
    if (seen.has(name)) throw new CsvFormatError('csvDuplicateHeader', header.line, { column: name });
    seen.add(name);
  }
  const rows: CsvRow[] = [];
  for (const record of records) {
    if (record === header || isBlank(record.fields) || record.line < header.line) continue;
    if (record.fields.length !== headers.length) {
      throw new CsvFormatError('csvFieldCount', record.line, { expected: headers.length, found: record.fields.length });
    }
    const values: Record<string, string> = {};
    headers.forEach((name, index) => (values[name] = (record.fields[index] ?? '').trim()));
    rows.push({ line: record.line, values });
  }
  return { headers, rows };
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && (fields[0] ?? '').trim() === '';
}

function splitRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quotedField = false;
  };
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '"' && field === '' && !quotedField) {
      // A quoted field: read to the closing quote, keeping line breaks and doubled quotes.
      const opened = line;
      index += 1;
      for (;;) {
        if (index >= text.length) throw new CsvFormatError('csvUnclosedQuote', opened);
        const inner = text.charAt(index);
        if (inner === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        index += 1;
      }
      quotedField = true;
      const next = text[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new CsvFormatError('csvStrayQuote', line);
      continue;
    }
    if (char === '"') throw new CsvFormatError('csvStrayQuote', line);
    if (char === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
      index += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += char;
    index += 1;
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return records;
}
