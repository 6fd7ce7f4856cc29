/**
 * Writes rows of text as RFC 4180, as parseCsv reads them: CRLF line ends, a field quoted when it holds a comma, a
 * quote, CR or LF, and quotes doubled. Text that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or CR) gets a leading apostrophe, as the reports' CSV does (reports/csv.ts).
 */
export function writeCsvText(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}

function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
