/**
 * RFC 4180 fields, as parseCsv reads them: a field quoted when it holds a comma, a quote, CR or LF, and quotes
 * doubled; lines end in CRLF. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * gets a leading apostrophe. The one CSV writing of the service: the reports' CSV and the menu's export.
 */
export function writeCsvText(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((fields) => `${fields.map(csvText).join(',')}\r\n`).join('');
}

/** A field of text someone typed: guarded against running as a formula, then quoted where it must be. */
export function csvText(text: string): string {
  return csvQuoted(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

/** A field the service wrote itself (a header, a number, formatted money): quoted where it must be. */
export function csvQuoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
