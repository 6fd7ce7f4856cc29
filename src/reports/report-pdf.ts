import { newPdf, winAnsiText } from '../common/pdf';
import type { RestaurantDetails } from '../config/app-config';
import { ColumnKind, isMoney, ReportColumn, ReportTable } from './csv';
import {
  businessDaysLine,
  periodTimesLine,
  ReportHeading,
  ReportPeriod,
  ReportWords,
  startReportPdf,
} from './report-document';

const MARGIN = 40;
const A4: [number, number] = [595.28, 841.89];
const LARGEST_FONT = 8;
/** Below this the table is no longer readable: wider columns are cut short with an ellipsis instead. */
const SMALLEST_FONT = 6;
export const CELL_PADDING = 6;
/** A UUID's first characters: enough to tell the rows of one report apart. */
const SHORT_ID = 8;

/**
 * A report as a printable A4 PDF: the restaurant and the heading, then the same rows as its CSV in a table whose
 * header repeats on every page, under the back office's names for its columns, money in the restaurant's currency
 * format and days and times as the page's language writes them. A table too wide for portrait is printed landscape.
 */
export async function drawReportPdf<Row>(
  table: ReportTable<Row>,
  restaurant: RestaurantDetails,
  words: ReportWords,
  heading: ReportHeading,
): Promise<Buffer> {
  const cells = table.rows.map((row) => table.columns.map((column) => cellText(column, row, words)));
  const headers = table.columns.map((column) => winAnsiText(words.text(column.label)));
  const measure = await newPdf({ autoFirstPage: false });
  const contentWidths = headers.map((header, index) =>
    Math.max(
      measure.font('Helvetica-Bold').fontSize(LARGEST_FONT).widthOfString(header),
      ...cells.map((row) => measure.font('Helvetica').fontSize(LARGEST_FONT).widthOfString(row[index])),
    ),
  );
  const content = contentWidths.reduce((sum, width) => sum + width, 0);
  const padding = CELL_PADDING * headers.length;
  const landscape = content + padding > A4[0] - 2 * MARGIN;
  const available = (landscape ? A4[1] : A4[0]) - 2 * MARGIN;
  const fontSize = Math.max(
    SMALLEST_FONT,
    Math.min(LARGEST_FONT, (LARGEST_FONT * (available - padding)) / content),
  );
  // At the smallest font a table may still be too wide: its columns share what is left, cut with an ellipsis.
  const fit = Math.min(1, (available - padding) / ((content * fontSize) / LARGEST_FONT));
  const widths = contentWidths.map((width) => (width * fontSize * fit) / LARGEST_FONT + CELL_PADDING);
  const numeric = table.columns.map((column) => isNumericColumn(column, table.rows));

  const { pdf, done } = await startReportPdf(
    restaurant,
    words,
    heading,
    landscape ? 'landscape' : 'portrait',
  );
  pdf.moveDown();

  drawTable(pdf, { headers, rows: cells, widths, numeric, fontSize });
  pdf.end();
  return done;
}

/** A table as drawTable prints it: texts already fitted to the font, each column's width with its padding. */
export interface PdfTable {
  headers: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  widths: readonly number[];
  /** Right-aligned columns, as figures are. */
  numeric: readonly boolean[];
  fontSize: number;
  /** Rows printed bold: a total. */
  bold?: (index: number) => boolean;
}

/**
 * A table from the current position on, its header bold and repeated on every page it continues on; cells that
 * do not fit their width end in an ellipsis.
 */
export function drawTable(pdf: PDFKit.PDFDocument, table: PdfTable): void {
  const left = pdf.page.margins.left;
  const lineHeight = table.fontSize + 5;
  const drawRow = (texts: readonly string[], font: string): void => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - lineHeight) {
      pdf.addPage();
      drawRow(table.headers, 'Helvetica-Bold');
    }
    const y = pdf.y;
    let x = left;
    pdf.font(font).fontSize(table.fontSize);
    texts.forEach((text, index) => {
      pdf.text(text, x, y, {
        width: table.widths[index] - CELL_PADDING,
        lineBreak: false,
        ellipsis: true,
        align: table.numeric[index] ? 'right' : 'left',
      });
      x += table.widths[index];
    });
    pdf.x = left;
    pdf.y = y + lineHeight;
  };
  drawRow(table.headers, 'Helvetica-Bold');
  table.rows.forEach((row, index) => drawRow(row, table.bold?.(index) ? 'Helvetica-Bold' : 'Helvetica'));
}

/** A cell as people read it: a code in words, money in the currency, a count, percentage, day or time as such. */
function cellText<Row>(column: ReportColumn<Row>, row: Row, words: ReportWords): string {
  const value = column.value(row);
  if (value === null) return '';
  const word = typeof value === 'string' ? column.words?.[value] : undefined;
  if (word) return winAnsiText(words.text(word));
  const kind = isMoney(column, row) ? 'money' : kindOf(column, row);
  if (kind) return winAnsiText(formatted(value, kind, words.formats));
  if (typeof value === 'number') return String(value);
  return winAnsiText(column.id ? value.slice(0, SHORT_ID) : value);
}

function kindOf<Row>(column: ReportColumn<Row>, row: Row): ColumnKind | undefined {
  return typeof column.kind === 'function' ? column.kind(row) : column.kind;
}

function formatted(value: string | number, kind: ColumnKind, formats: ReportWords['formats']): string {
  switch (kind) {
    case 'money':
      return formats.money(Number(value));
    case 'count':
      return formats.number(Number(value));
    case 'percent':
      return formats.percent(Number(value));
    case 'seconds':
      return formats.number(Math.round(Number(value) / 1000));
    case 'day':
      return formats.day(String(value));
    case 'instant':
      return formats.dateTime(String(value));
  }
}

/** A column whose values are all numbers (or empty) is right-aligned, as figures are. */
function isNumericColumn<Row>(column: ReportColumn<Row>, rows: readonly Row[]): boolean {
  return rows.every((row) => {
    const value = column.value(row);
    return value === null || typeof value === 'number';
  });
}

/** How a report over a period of business days is printed: its table under `title` (a back office text's key). */
export function tablePdf<View extends { period: ReportPeriod }, Row>(
  title: string,
  toTable: (view: View) => ReportTable<Row>,
): (view: View, restaurant: RestaurantDetails, words: ReportWords) => Promise<Buffer> {
  return (view, restaurant, words) =>
    drawReportPdf(toTable(view), restaurant, words, {
      title: words.text(title),
      subtitle: businessDaysLine(words, view.period),
      details: [periodTimesLine(words, view.period)],
    });
}
