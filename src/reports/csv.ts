import { csvQuoted, csvText } from '../common/csv-write';
import { formatMinorUnits } from '../i18n/money-format';

export type CsvCell = string | number | null;

/** One column of a report's CSV; a money column is followed by `<header>Formatted` in the currency. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
  /** Whether the value is money: for every row, or for the rows this says. */
  money?: boolean | ((row: Row) => boolean);
  /** An identifier (a UUID): the PDF prints its first characters, enough to tell rows apart. */
  id?: boolean;
}

/**
 * How the PDF writes a column's values for people; without one, numbers are written as they are. `money` is for
 * amounts the CSV writes without a `…Formatted` column.
 */
export type ColumnKind = 'money' | 'count' | 'percent' | 'seconds' | 'day' | 'instant';

/** A report's column: the CSV's, and what its PDF calls it and how it writes its values. */
export interface ReportColumn<Row> extends CsvColumn<Row> {
  /** The PDF's header: a back office text's key under `backOffice.`, the screen's name for the same figure. */
  label: string;
  /** The kind, for all rows or per row. */
  kind?: ColumnKind | ((row: Row) => ColumnKind);
  /** The back office text (key under `backOffice.`) of each code the API writes in this column, such as `total`. */
  words?: Readonly<Record<string, string>>;
}

/** A report's columns and rows as its CSV writes them (writeCsv). */
export interface CsvTable<Row> {
  columns: ReadonlyArray<CsvColumn<Row>>;
  rows: readonly Row[];
  currency: string;
}

/** A report's table, written as CSV (writeCsv) or as an A4 table (report-pdf.ts). */
export interface ReportTable<Row> extends CsvTable<Row> {
  columns: ReadonlyArray<ReportColumn<Row>>;
}

/** Whether a column's value in this row is money. */
export function isMoney<Row>(column: CsvColumn<Row>, row: Row): boolean {
  return typeof column.money === 'function' ? column.money(row) : column.money === true;
}

/**
 * A report as CSV (src/common/csv-write.ts's fields): a header row, then a row per report row; text guarded
 * against running as a formula, numbers written as they are.
 */
export function writeCsv<Row>(
  columns: ReadonlyArray<CsvColumn<Row>>,
  rows: readonly Row[],
  currency: string,
): string {
  const header = columns.flatMap((column) =>
    column.money ? [column.header, `${column.header}Formatted`] : [column.header],
  );
  const lines = [header.map(csvQuoted)];
  for (const row of rows) {
    lines.push(
      columns.flatMap((column) => {
        const value = column.value(row);
        const cell = valueField(value);
        if (!column.money) return [cell];
        return [
          cell,
          isMoney(column, row) && typeof value === 'number'
            ? csvQuoted(formatMinorUnits(value, currency))
            : '',
        ];
      }),
    );
  }
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

function valueField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return csvText(value);
}
