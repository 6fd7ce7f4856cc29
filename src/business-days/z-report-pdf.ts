import { dayReportTable } from '../reports/report-csv';
import { drawReportPdf } from '../reports/report-pdf';
import type { ZReportView } from './dto/business-day.views';

/**
 * The Z report as a printable A4 PDF: which Z it is, who closed the day and when, then every figure of the
 * report's long form (the rows of its CSV), money in the restaurant's currency.
 */
export function drawZReportPdf(view: ZReportView, restaurantName: string): Promise<Buffer> {
  return drawReportPdf(
    {
      restaurantName,
      title: `Z report ${view.number} – business day ${view.businessDay}`,
      details: [`Closed ${view.closedAt} by ${view.closedByName ?? view.closedBy}`],
    },
    dayReportTable(view.report),
  );
}
