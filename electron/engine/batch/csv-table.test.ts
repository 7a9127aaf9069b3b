import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv-table.js';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\uFEFFface,script,name\r\na.png,"Hello, world",one\r\nb.png,"She said ""hi""\nthen left",two\r\n';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['face', 'script', 'name'],
      ['a.png', 'Hello, world', 'one'],
      ['b.png', 'She said "hi"\nthen left', 'two'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('skips blank lines, keeps empty fields, and reads semicolon-separated files', () => {
    expect(parseCsv('face;subject\n\nx.png;\n').map((r) => r.fields)).toEqual([
      ['face', 'subject'],
      ['x.png', ''],
    ]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('face,script\na.png,"never closed\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('face,script\na.png,"never closed\n')).toThrow(/line 2/);
  });

  it('names the right line after accented text (csv-parse counts bytes, lines are counted in characters)', () => {
    expect(() => parseCsv('Élodie,Zoë,Ångström\ré\r\n,"never closed')).toThrow(/^line 3: /);
  });

  it('numbers lines the same with mixed line endings (a CR then a CRLF)', () => {
    expect(parseCsv('a\rb\r\nc\n\r\nd').map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [5, 'd'],
    ]);
  });
});
