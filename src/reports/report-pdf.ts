import { newPdf, pdfBytes, winAnsiText } from '../common/pdf';
import { formatMinorUnits } from '../i18n/money-format';
import { CsvColumn, isMoney, ReportTable } from './csv';

/** What a printed report says above its table: whose, which report, and which period or close. */
export interface ReportHeading {
  restaurantName: string;
  title: string;
  /** Smaller lines under the title: the period, who closed the day. */
  details: readonly string[];
}

const MARGIN = 40;
const A4: [number, number] = [595.28, 841.89];
const LARGEST_FONT = 8;
/** Below this the table is no longer readable: wider columns are cut short with an ellipsis instead. */
const SMALLEST_FONT = 6;
export const CELL_PADDING = 6;
/** A UUID's first characters: enough to tell the rows of one report apart. */
const SHORT_ID = 8;

/**
 * A report as a printable A4 PDF: the heading, then the same rows as its CSV in a table whose header repeats on
 * every page. Money is written in the restaurant's currency; a table too wide for portrait is printed landscape.
 */
export async function drawReportPdf<Row>(heading: ReportHeading, table: ReportTable<Row>): Promise<Buffer> {
  const cells = table.rows.map((row) => table.columns.map((column) => cellText(column, row, table.currency)));
  const headers = table.columns.map((column) => winAnsiText(column.header));
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

  const pdf = await newPdf({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    info: { Title: winAnsiText(heading.title) },
  });
  const done = pdfBytes(pdf);
  pdf.font('Helvetica-Bold').fontSize(16).text(winAnsiText(heading.restaurantName));
  pdf.fontSize(13).text(winAnsiText(heading.title));
  pdf.font('Helvetica').fontSize(9);
  for (const line of heading.details) pdf.text(winAnsiText(line));
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

function cellText<Row>(column: CsvColumn<Row>, row: Row, currency: string): string {
  const value = column.value(row);
  if (value === null) return '';
  if (typeof value === 'number') {
    return isMoney(column, row) ? winAnsiText(formatMinorUnits(value, currency)) : String(value);
  }
  return winAnsiText(column.id ? value.slice(0, SHORT_ID) : value);
}

/** A column whose values are all numbers (or empty) is right-aligned, as figures are. */
function isNumericColumn<Row>(column: CsvColumn<Row>, rows: readonly Row[]): boolean {
  return rows.every((row) => {
    const value = column.value(row);
    return value === null || typeof value === 'number';
  });
}
