import { CsvError, parse } from 'csv-parse/sync';

/**
 * A CSV table as RFC 4180 writes it (what spreadsheets export), read by csv-parse: quoted fields may hold commas,
 * quotes ("") and line breaks; CRLF, LF or CR; a UTF-8 byte-order mark is ignored; blank lines are skipped. A
 * semicolon is the separator when the header row has semicolons and no commas (spreadsheets in many locales save
 * that way). Records may have different numbers of fields (the manifest reader names the row that is wrong).
 */
export interface CsvRecord {
  /** 1-based line on which the record starts, for messages. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const LINE_BREAK = /\r\n|\n|\r/g;
const countLineBreaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;

export function parseCsv(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r\n|\n|\r|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  // Where the last good record ended: an error in the next one is reported at the line where that one starts.
  let endOffset = 0;
  let rows: { record: string[]; raw: string }[];
  try {
    rows = parse(source, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      raw: true,
      on_record: (record, context) => {
        endOffset = context.bytes;
        return record;
      },
    }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = startLineAfter(source, endOffset);
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError(line, `line ${line}: a quoted field is never closed (a " is missing).`);
    throw new CsvSyntaxError(line, `line ${line}: a quoted field must end with its closing quote right before a separator or the end of the line.`);
  }
  // Lines are counted here from each record's raw text (which also holds the blank lines skipped before it), one per
  // CRLF, LF or CR, the same way a text editor numbers them.
  let linesBefore = 0;
  const records: CsvRecord[] = [];
  for (const { record, raw } of rows) {
    const leading = /^(?:\r\n|\n|\r)*/.exec(raw)?.[0] ?? '';
    const line = 1 + linesBefore + countLineBreaks(leading);
    linesBefore += countLineBreaks(raw);
    if (!(record.length === 1 && record[0].trim() === '')) records.push({ line, fields: record });
  }
  return records;
}

/** The line of the first non-blank character at or after `offset`. */
function startLineAfter(source: string, offset: number): number {
  const rest = source.slice(offset);
  const skipped = /^\s*/.exec(rest)?.[0] ?? '';
  return 1 + countLineBreaks(source.slice(0, offset)) + countLineBreaks(skipped);
}
