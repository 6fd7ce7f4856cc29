import PDFDocument from 'pdfkit';
import { pdfBytes, winAnsiText } from '../common/pdf';
import { formatMinorUnits } from '../i18n/money-format';
import { dayReportRows } from '../reports/report-csv';
import type { ZReportView } from './dto/business-day.views';

const MARGIN = 48;
const COLUMN_X = { section: MARGIN, name: MARGIN + 110, metric: MARGIN + 260, value: MARGIN + 380 };
const VALUE_WIDTH = 120;

/**
 * The Z report as a printable A4 PDF: which Z it is, who closed the day and when, then every figure of the
 * report's long form (the rows of its CSV), money in the restaurant's currency.
 */
export function drawZReportPdf(view: ZReportView, restaurantName: string): Promise<Buffer> {
  const title = `Z ${view.number} – ${view.businessDay}`;
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: winAnsiText(title) } });
  const done = pdfBytes(pdf);
  const currency = view.report.period.currency;
  pdf.font('Helvetica-Bold').fontSize(16).text(winAnsiText(restaurantName));
  pdf.fontSize(13).text(winAnsiText(`Z report ${view.number} – business day ${view.businessDay}`));
  pdf
    .font('Helvetica')
    .fontSize(9)
    .text(winAnsiText(`Closed ${view.closedAt} by ${view.closedByName ?? view.closedBy}`))
    .moveDown();
  for (const row of dayReportRows(view.report)) {
    if (pdf.y > pdf.page.height - MARGIN - 14) pdf.addPage();
    const y = pdf.y;
    const value = row.money ? formatMinorUnits(row.value, currency) : String(row.value);
    const cell = { lineBreak: false, width: 140, ellipsis: true };
    pdf.text(winAnsiText(row.section), COLUMN_X.section, y, cell);
    pdf.text(winAnsiText(row.name ?? ''), COLUMN_X.name, y, cell);
    pdf.text(winAnsiText(row.metric), COLUMN_X.metric, y, cell);
    pdf.text(winAnsiText(value), COLUMN_X.value, y, { ...cell, width: VALUE_WIDTH, align: 'right' });
    pdf.x = MARGIN;
    pdf.y = y + 13;
  }
  pdf.end();
  return done;
}
