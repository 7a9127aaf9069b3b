/**
 * A CSV table as RFC 4180 writes it (what spreadsheets export): quoted fields may hold commas, quotes ("") and line
 * breaks; CRLF or LF; a UTF-8 byte-order mark is ignored. A semicolon is the separator when the header row has
 * semicolons and no commas (spreadsheets in many locales save that way).
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

export function parseCsv(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < source.length) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\r' && source[i + 1] === '\n') {
      i += 1;
      continue;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, `line ${quoteLine}: a quoted field is never closed (a " is missing).`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
