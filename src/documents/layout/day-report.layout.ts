import { currentSalesFigures } from '../../reports/browser/stored-sales-figures';
import type { DocumentDayReport, XReportDocument, ZReportDocument } from '../document-types';
import { header, House, localTime, money } from './house';
import { Markup } from './markup';

/** The X report (the open day so far) or the Z report (a closed day, numbered) on paper. */
export function dayReportLayout(
  document: XReportDocument | ZReportDocument,
  house: House,
  width: number,
): string {
  const out = new Markup(width);
  header(out, house);
  const { report } = document;
  if (document.kind === 'x_report') {
    out.text('X REPORT', 'center', { bold: true, size: 'wide' });
    out.text('Interim: the day is still open', 'center');
    out.pair(`Day ${report.businessDay}`, localTime(house, document.report.generatedAt));
  } else {
    out.text(`Z REPORT No. ${document.number}`, 'center', { bold: true, size: 'wide' });
    out.pair(`Day ${report.businessDay}`, localTime(house, document.closedAt));
    if (document.closedByName) out.text(`Closed by ${document.closedByName}`);
  }
  figures(out, house, report);
  return out.toString();
}

function figures(out: Markup, house: House, report: DocumentDayReport): void {
  const amount = (value: number) => money(house, value);
  // What was taken off, shown negative; never "-€0.00".
  const less = (value: number) => money(house, value === 0 ? 0 : -value);
  const sales = currentSalesFigures(report.sales);
  section(out, 'SALES');
  out.pair('Closed orders', String(sales.orders));
  out.pair('Item sales', amount(sales.itemSales));
  out.pair('Discounts', less(sales.discounts));
  out.pair('Service charge', amount(sales.serviceCharge));
  out.pair('Refunds', less(sales.refunds));
  out.pair('Net sales (excl. tax)', amount(sales.salesExclTax), { bold: true });
  out.pair('Tax', amount(sales.tax));
  out.pair('Gross sales (incl. tax)', amount(sales.salesInclTax), { bold: true });
  out.pair('Tips', amount(sales.tips));
  out.pair('Average ticket', amount(sales.averageTicket));
  section(out, 'PAYMENTS');
  for (const method of report.payments) out.pair(method.name, amount(method.net));
  if (report.payments.length === 0) out.text('(none)');
  section(out, 'CASH');
  out.pair('In', amount(report.cash.in));
  out.pair('Out', amount(report.cash.out));
  out.pair('Net', amount(report.cash.net), { bold: true });
  report.cashDrawers.forEach((drawer, index) => {
    out.text(`Drawer ${index + 1}`, 'left', { bold: true });
    out.pair('Opening float', amount(drawer.openingCash));
    out.pair('Expected', amount(drawer.expectedCash));
    if (drawer.countedCash !== null) out.pair('Counted', amount(drawer.countedCash));
    if (drawer.difference !== null) out.pair('Difference', amount(drawer.difference));
  });
  section(out, 'ADJUSTMENTS');
  out.pair(`Discounts (${report.adjustments.discounts})`, less(report.adjustments.discountAmount));
  out.pair(`Voids (${report.adjustments.voids})`, less(report.adjustments.voidedValue));
  out.pair(`Refunds (${report.refunds.count})`, less(report.refunds.amount));
  out.pair('Cancelled orders', String(report.cancelledOrders));
  out.pair(`Open orders (${report.openOrders.count})`, amount(report.openOrders.total));
  if (report.openOrders.due !== 0) out.pair('Still due on them', amount(report.openOrders.due));
  out.rule();
}

function section(out: Markup, title: string): void {
  out.rule();
  out.text(title, 'left', { bold: true });
}
