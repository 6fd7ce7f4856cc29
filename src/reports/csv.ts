import { formatMinorUnits } from '../i18n/money-format';

export type CsvCell = string | number | null;

/** One column of a report's CSV; a money column is followed by `<header>Formatted` in the currency. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
  /** Whether the value is money: for every row, or for the rows this says. */
  money?: boolean | ((row: Row) => boolean);
}

/**
 * The one CSV writer of the reports (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a
 * comma, a quote, CR or LF, and quotes doubled. Text that a spreadsheet would run as a formula (starting with =,
 * +, -, @, tab or CR) gets a leading apostrophe; numbers are written as they are.
 */
export function writeCsv<Row>(
  columns: ReadonlyArray<CsvColumn<Row>>,
  rows: readonly Row[],
  currency: string,
): string {
  const header = columns.flatMap((column) =>
    column.money ? [column.header, `${column.header}Formatted`] : [column.header],
  );
  const lines = [header.map(quoted)];
  for (const row of rows) {
    lines.push(
      columns.flatMap((column) => {
        const value = column.value(row);
        const cell = valueField(value);
        if (!column.money) return [cell];
        const isMoney = typeof column.money === 'function' ? column.money(row) : true;
        return [cell, isMoney && typeof value === 'number' ? quoted(formatMinorUnits(value, currency)) : ''];
      }),
    );
  }
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

function valueField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return quoted(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
