/** A line of a CSV text: its fields, and the line number (1-based) its record starts on, for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Where a CSV text breaks RFC 4180, and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** What separates the fields of a record: RFC 4180's comma, or the semicolon of a spreadsheet in a German locale. */
export type CsvDelimiter = ',' | ';';

const withoutByteOrderMark = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/**
 * The delimiter of a text whose first line is a header of plain names: a semicolon when that line has one outside
 * quotes and no comma (a spreadsheet whose locale writes decimal commas saves so), else a comma.
 */
export function headerDelimiter(text: string): CsvDelimiter {
  let quoted = false;
  let semicolon = false;
  for (const char of withoutByteOrderMark(text)) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === ',') return ',';
    else if (char === ';') semicolon = true;
    else if (char === '\n') break;
  }
  return semicolon ? ';' : ',';
}

/**
 * Reads a CSV text as RFC 4180 writes it: fields split by commas (or the delimiter given), records by CRLF or LF, a
 * field in double quotes may hold the delimiter, quotes (doubled) and line breaks. A leading byte order mark (a
 * spreadsheet's UTF-8 export) is dropped, and so is a blank last line. A quote inside an unquoted field, or text
 * after a closing quote, is an error naming its line.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): CsvRecord[] {
  const source = withoutByteOrderMark(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === delimiter) {
      endField();
    } else if (char === '\n' || (char === '\r' && source[i + 1] === '\n')) {
      if (char === '\r') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (char === '"') {
      if (field !== '' || afterQuote) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      quoted = true;
    } else if (afterQuote) {
      throw new CsvSyntaxError(line, 'text after the closing quote of a field');
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is not closed');
  // A text that ends with its last line break has no further record.
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return records;
}
