import { CsvFormatError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads headers (trimmed, lower-cased) and rows with their line numbers', () => {
    const table = parseCsv(' External_Key ,Name\nA-1,Hudson Bakery\r\nA-2,Pier 9 Diner\n');
    expect(table.headers).toEqual(['external_key', 'name']);
    expect(table.rows).toEqual([
      { line: 2, values: { external_key: 'A-1', name: 'Hudson Bakery' } },
      { line: 3, values: { external_key: 'A-2', name: 'Pier 9 Diner' } },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and counts lines through them', () => {
    const table = parseCsv('key,address\nA-1,"12 Main St, Suite ""B""\nBack door"\nA-2,plain\n');
    expect(table.rows[0]).toEqual({ line: 2, values: { key: 'A-1', address: '12 Main St, Suite "B"\nBack door' } });
    expect(table.rows[1]!.line).toBe(4);
  });

  it('skips a byte-order mark, blank lines and a missing final newline; keeps empty fields', () => {
    const table = parseCsv('\ufeffa,b\n\n1,\n,2');
    expect(table.rows).toEqual([
      { line: 3, values: { a: '1', b: '' } },
      { line: 4, values: { a: '', b: '2' } },
    ]);
  });

  it('keeps a quoted empty last field on the last line', () => {
    expect(parseCsv('a,b\n1,""').rows).toEqual([{ line: 2, values: { a: '1', b: '' } }]);
  });

  it.each([
    ['', 'csvEmpty', 1],
    ['\n\n', 'csvEmpty', 1],
    ['a,b\n1,"open\n2,3\n', 'csvUnclosedQuote', 2],
    ['a,b\n1,x"y\n', 'csvStrayQuote', 2],
    ['a,b\n1,"x"y\n', 'csvStrayQuote', 2],
    ['a,a\n1,2\n', 'csvDuplicateHeader', 1],
    ['a,b\n1,2\n3\n', 'csvFieldCount', 3],
  ])('refuses %j with %s at line %i', (text, code, line) => {
    try {
      parseCsv(text);
      throw new Error('expected a CsvFormatError');
    } catch (error) {
      expect(error).toBeInstanceOf(CsvFormatError);
      expect(error).toMatchObject({ code, line });
    }
  });

  it('parses 10,000 rows', () => {
    const lines = ['key,name,lat'];
    for (let index = 0; index < 10_000; index += 1) lines.push(`K-${index},"Name, ${index}",${(index % 90).toFixed(4)}`);
    const table = parseCsv(lines.join('\n'));
    expect(table.rows).toHaveLength(10_000);
    expect(table.rows[9_999]).toEqual({ line: 10_001, values: { key: 'K-9999', name: 'Name, 9999', lat: '9.0000' } });
  });
});
