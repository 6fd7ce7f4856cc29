import { winAnsiText } from '../common/pdf';
import type { RestaurantDetails } from '../config/app-config';
import type { Formats } from '../i18n/formats';
import { currentSalesFigures } from './browser/stored-sales-figures';
import type { DayReportView, ShiftReportView } from './dto/report.views';
import { ReportHeading, ReportWords, startReportPdf } from './report-document';
import { CELL_PADDING, drawTable } from './report-pdf';

const FONT_SIZE = 9;

/** One part of a printed day report: a heading and a table whose first column names each row. */
interface Section {
  title: string;
  headers: string[];
  rows: string[][];
  /** The last row is a total, printed bold. */
  totalLast?: boolean;
}

/**
 * A business day's report (the Z report at the close, the X report before it) as a bookkeeper files it: under
 * `heading`, sales, taxes, payments, cash, drawers and adjustments under the back office's names, money in the
 * restaurant's currency format.
 */
export async function drawDayReportPdf(
  report: DayReportView,
  restaurant: RestaurantDetails,
  words: ReportWords,
  heading: ReportHeading,
): Promise<Buffer> {
  const { pdf, done } = await startReportPdf(restaurant, words, heading);
  const text = (key: string, values?: Record<string, unknown>) => words.text(`reportsScreens.${key}`, values);
  const { formats } = words;
  for (const section of daySections(report, text, formats)) {
    pdf.moveDown();
    pdf.font('Helvetica-Bold').fontSize(11).text(winAnsiText(section.title));
    pdf.moveDown(0.3);
    const headers = section.headers.map(winAnsiText);
    const rows = section.rows.map((row) => row.map(winAnsiText));
    // Figures take what they need; the names take the rest of the line.
    const figureWidths = headers.slice(1).map(
      (header, index) =>
        Math.max(
          pdf.font('Helvetica-Bold').fontSize(FONT_SIZE).widthOfString(header),
          ...rows.map((row) =>
            pdf
              .font('Helvetica-Bold')
              .fontSize(FONT_SIZE)
              .widthOfString(row[index + 1]),
          ),
        ) + CELL_PADDING,
    );
    const lineWidth = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
    const nameWidth = lineWidth - figureWidths.reduce((sum, width) => sum + width, 0);
    drawTable(pdf, {
      headers,
      rows,
      widths: [nameWidth, ...figureWidths],
      numeric: headers.map((_, index) => index > 0),
      fontSize: FONT_SIZE,
      bold: (index) => section.totalLast === true && index === rows.length - 1,
    });
  }
  pdf.end();
  return done;
}

function daySections(
  report: DayReportView,
  text: (key: string, values?: Record<string, unknown>) => string,
  formats: Formats,
): Section[] {
  const sales = currentSalesFigures(report.sales);
  const money = (minor: number) => formats.money(minor);
  const count = (value: number) => formats.number(value);
  const column = (key: string) => text(`reports.columns.${key}`);
  const figure = (key: string) => text(`reports.totals.${key}`);
  const document = (key: string) => text(`close.document.${key}`);
  const drawers = (key: string, values?: Record<string, unknown>) => text(`close.drawers.${key}`, values);
  const figureHead = [column('figure'), column('amount')];
  const sections: Section[] = [
    {
      title: document('sales'),
      headers: figureHead,
      rows: [
        [figure('orders'), count(sales.orders)],
        [figure('itemSales'), money(sales.itemSales)],
        [figure('discounts'), money(sales.discounts)],
        [document('serviceCharge'), money(sales.serviceCharge)],
        [figure('refunds'), money(sales.refunds)],
        [figure('salesExclTax'), money(sales.salesExclTax)],
        [figure('tax'), money(sales.tax)],
        [figure('salesInclTax'), money(sales.salesInclTax)],
        [figure('tips'), money(sales.tips)],
        [figure('averageTicket'), money(sales.averageTicket)],
      ],
    },
    {
      title: document('taxes'),
      headers: [column('rate'), column('net'), column('tax'), column('gross')],
      rows: [
        ...report.taxes.map((rate) => [
          `${rate.name} (${formats.percent(rate.percent)})`,
          money(rate.net),
          money(rate.tax),
          money(rate.gross),
        ]),
        [
          document('total'),
          money(sum(report.taxes, (rate) => rate.net)),
          money(sum(report.taxes, (rate) => rate.tax)),
          money(sum(report.taxes, (rate) => rate.gross)),
        ],
      ],
      totalLast: true,
    },
    {
      title: document('payments'),
      headers: ['method', 'payments', 'received', 'refunded', 'change', 'tips', 'takings'].map(column),
      rows: [...report.payments, { ...report.paymentTotals, name: document('total') }].map((method) => [
        method.name,
        count(method.payments),
        money(method.received),
        money(method.refunded),
        money(method.change),
        money(method.tips),
        money(method.net),
      ]),
      totalLast: true,
    },
    {
      title: document('cash'),
      headers: figureHead,
      rows: [
        [document('cashIn'), money(report.cash.in)],
        [document('cashOut'), money(report.cash.out)],
        [document('cashNet'), money(report.cash.net)],
      ],
    },
  ];
  if (report.cashDrawers.length > 0) {
    sections.push({
      title: drawers('label'),
      headers: ['drawer', 'float', 'expected', 'counted', 'overShort'].map((key) => drawers(key)),
      rows: report.cashDrawers.map((drawer) => [
        `${drawer.deviceId === null ? drawers('house') : drawers('drawer')} · ${formats.time(drawer.openedAt)}`,
        money(drawer.openingCash),
        money(drawer.expectedCash),
        drawer.countedCash === null ? document('notCounted') : money(drawer.countedCash),
        drawer.difference === null
          ? ''
          : drawer.difference === 0
            ? drawers('even')
            : drawers(drawer.difference > 0 ? 'over' : 'short', {
                amount: money(Math.abs(drawer.difference)),
              }),
      ]),
    });
  }
  const { adjustments, refunds, openOrders } = report;
  sections.push({
    title: document('adjustments'),
    headers: figureHead,
    rows: [
      [document('discountsGiven'), `${count(adjustments.discounts)} · ${money(adjustments.discountAmount)}`],
      [document('voids'), count(adjustments.voids)],
      [document('voidedValue'), money(adjustments.voidedValue)],
      [document('refunds'), count(refunds.count)],
      [document('refunded'), money(refunds.amount)],
      [document('cancelledOrders'), count(report.cancelledOrders)],
      [document('openOrders'), count(openOrders.count)],
      [document('openOrdersDue'), money(openOrders.due)],
    ],
  });
  return sections;
}

function sum<Item>(items: readonly Item[], value: (item: Item) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** The X report: the open business day's figures so far, printed as the Z report is, with when they were taken. */
export function drawXReportPdf(
  view: ShiftReportView,
  restaurant: RestaurantDetails,
  words: ReportWords,
): Promise<Buffer> {
  const { text, formats } = words;
  return drawDayReportPdf(view, restaurant, words, {
    title: text('reportDocuments.xReport'),
    subtitle: text('reportsScreens.close.document.businessDay', { day: formats.day(view.businessDay) }),
    details: [
      text('reportsScreens.close.document.period', {
        start: formats.dateTime(view.period.start),
        end: formats.dateTime(view.period.end),
      }),
      text('reportDocuments.asOf', { at: formats.dateTime(view.generatedAt) }),
    ],
  });
}
