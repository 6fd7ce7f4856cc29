/**
 * A small RFC 4180 reader for the reports' CSV: quoted fields may hold commas, doubled quotes and line breaks;
 * records end with CRLF. Answers the records as objects keyed by the header row.
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`a bare line break at ${i}: records end with CRLF`);
    } else field += char;
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  const [header, ...rows] = records;
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(`a record of ${row.length} fields, not ${header.length}`);
  }
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}
