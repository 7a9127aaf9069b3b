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
  // Each record with the offset where it ends, in UTF-8 bytes as csv-parse counts them. Its raw text is no guide to
  // lines: it leaves out some of the blank lines skipped before a record.
  const parsed: { fields: string[]; endByte: number }[] = [];
  try {
    parse(source, {
      delimiter,
      // Every line ending in one file, as editors accept them (by default csv-parse keeps only the first it meets).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (fields: string[], context) => {
        parsed.push({ fields, endByte: context.bytes });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // An error in a record is reported at the line where that record starts.
    const line = startLineAfter(source, charOffset(source, parsed.at(-1)?.endByte ?? 0));
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError(line, `line ${line}: a quoted field is never closed (a " is missing).`);
    throw new CsvSyntaxError(line, `line ${line}: a quoted field must end with its closing quote right before a separator or the end of the line.`);
  }
  const bytes = Buffer.from(source);
  const records: CsvRecord[] = [];
  // Walked once, start to end: where the previous record ended (bytes) and the line breaks before it.
  let startByte = 0;
  let linesBefore = 0;
  for (const { fields, endByte } of parsed) {
    const ownText = bytes.subarray(startByte, endByte).toString();
    const leading = /^(?:\r\n|\n|\r)*/.exec(ownText)?.[0] ?? '';
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: 1 + linesBefore + countLineBreaks(leading), fields });
    linesBefore += countLineBreaks(ownText);
    startByte = endByte;
  }
  return records;
}

const charOffset = (source: string, byteOffset: number) => Buffer.from(source).subarray(0, byteOffset).toString().length;

/** The line on which the text at or after `offset` starts, past any line breaks. */
function startLineAfter(source: string, offset: number): number {
  const skipped = /^(?:\r\n|\n|\r)*/.exec(source.slice(offset))?.[0] ?? '';
  return 1 + countLineBreaks(source.slice(0, offset + skipped.length));
}
