import { CsvColumn, CsvTable } from './csv';
import { currentSalesFigures } from './browser/stored-sales-figures';
import type { DayReportView, PaymentFiguresView } from './dto/report.views';
import { TOTAL } from './report-csv';

/** A row of the day report's long form: one figure (section, name, metric, value). */
export interface DayCsvRow {
  section: string;
  name: string | null;
  metric: string;
  value: number;
  money: boolean;
}

export const DAY_CSV_COLUMNS: ReadonlyArray<CsvColumn<DayCsvRow>> = [
  { header: 'section', value: (row) => row.section },
  { header: 'name', value: (row) => row.name },
  { header: 'metric', value: (row) => row.metric },
  { header: 'value', value: (row) => row.value, money: (row) => row.money },
];

/** The numeric figures of `figures` as long-form rows; those named in `moneyKeys` are money. */
export function dayCsvRows(
  section: string,
  name: string | null,
  figures: object,
  moneyKeys: readonly string[],
): DayCsvRow[] {
  return Object.entries(figures)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([metric, value]) => ({ section, name, metric, value, money: moneyKeys.includes(metric) }));
}

const DRAWER_MONEY = [
  'openingCash',
  'cashTendered',
  'changeGiven',
  'cashRefunds',
  'cashTips',
  'giftCardCashSales',
  'deposits',
  'withdrawals',
  'expectedCash',
  'countedCash',
  'difference',
];

/** The day report in long form: one figure a row, since its parts differ; a drawer shift is named by its opening. */
export function dayReportRows(view: DayReportView): DayCsvRow[] {
  const salesMoney = [
    'itemSales',
    'discounts',
    'serviceCharge',
    'refunds',
    'tax',
    'salesExclTax',
    'salesInclTax',
    'tips',
    'averageTicket',
  ];
  const paymentMoney = ['received', 'refunded', 'change', 'tips', 'net'];
  return [
    ...dayCsvRows('sales', null, currentSalesFigures(view.sales), salesMoney),
    ...view.payments.flatMap((method) =>
      dayCsvRows('payments', method.name, paymentFigures(method), paymentMoney),
    ),
    ...dayCsvRows('payments', TOTAL, view.paymentTotals, paymentMoney),
    ...dayCsvRows('cash', null, view.cash, ['in', 'out', 'net']),
    ...dayCsvRows('adjustments', null, view.adjustments, ['discountAmount', 'voidedValue']),
    ...dayCsvRows('refunds', null, view.refunds, ['amount']),
    ...dayCsvRows('cancelledOrders', null, { count: view.cancelledOrders }, []),
    ...dayCsvRows('openOrders', null, view.openOrders, ['total', 'paid', 'due']),
    ...view.cashDrawers.flatMap((shift) => dayCsvRows('cashDrawer', shift.openedAt, shift, DRAWER_MONEY)),
    ...view.taxes.flatMap(({ name, percent, net, tax, gross }) =>
      dayCsvRows('taxes', `${name} (${percent} %)`, { net, tax, gross }, TAX_MONEY),
    ),
  ];
}

const TAX_MONEY = ['net', 'tax', 'gross'];

/** The X report's CSV; its PDF is day-report-pdf.ts, the Z report's. */
export function dayReportTable(view: DayReportView): CsvTable<DayCsvRow> {
  return { columns: DAY_CSV_COLUMNS, rows: dayReportRows(view), currency: view.period.currency };
}

function paymentFigures(figures: PaymentFiguresView): PaymentFiguresView {
  const { payments, received, refunds, refunded, change, tips, net } = figures;
  return { payments, received, refunds, refunded, change, tips, net };
}
