import { CsvColumn, ReportTable } from './csv';
import {
  DayReportView,
  DiscountsAndVoidsReportView,
  KitchenReportView,
  PaymentFiguresView,
  PaymentMethodsReportView,
  SalesFiguresView,
  SalesReportView,
  StaffReportView,
} from './dto/report.views';
import type { DishesReportView } from './dto/dish-report.views';
import type { TaxReportRowView } from './dto/tax-figures.views';
import type { TaxReportView } from './dto/tax-report.views';
import { currentSalesFigures } from './browser/stored-sales-figures';

/**
 * Each report's table, written from the rows of its JSON view: the same numbers, one row per JSON row, and a last
 * row whose first column is `total` for the view's totals. Its CSV and its PDF show this table.
 */

const TOTAL = 'total';

const money = <Row>(header: string, value: (row: Row) => number): CsvColumn<Row> => ({
  header,
  value,
  money: true,
});

const count = <Row>(header: string, value: (row: Row) => number): CsvColumn<Row> => ({ header, value });

function salesFigureColumns<Row extends SalesFiguresView>(): Array<CsvColumn<Row>> {
  return [
    count('orders', (row) => row.orders),
    money('itemSales', (row) => row.itemSales),
    money('discounts', (row) => row.discounts),
    money('serviceCharge', (row) => row.serviceCharge),
    money('refunds', (row) => row.refunds),
    money('tax', (row) => row.tax),
    money('salesExclTax', (row) => row.salesExclTax),
    money('salesInclTax', (row) => row.salesInclTax),
    money('tips', (row) => row.tips),
    money('averageTicket', (row) => row.averageTicket),
  ];
}

export function salesTable(view: SalesReportView) {
  type Row = SalesFiguresView & { period: string; businessDay: string | null; start: string; end: string };
  const totals: Row = {
    ...view.totals,
    period: TOTAL,
    businessDay: null,
    start: view.period.start,
    end: view.period.end,
  };
  const columns: Array<CsvColumn<Row>> = [
    { header: 'period', value: (row) => row.period },
    { header: 'businessDay', value: (row) => row.businessDay },
    { header: 'start', value: (row) => row.start },
    { header: 'end', value: (row) => row.end },
    ...salesFigureColumns<Row>(),
  ];
  const rows: Row[] = [...view.rows, totals];
  return { columns, rows, currency: view.period.currency };
}

/**
 * A row per dish variation, then a row per modifier option (optionId, groupName and optionName set instead of the
 * dish's columns, no priceRuleDiscount), then the total: the dishes' units and price-rule discounts, and the
 * revenue of every row above it (itemSales, the sales report's item sales).
 */
export function dishesTable(view: DishesReportView) {
  interface Row {
    dishId: string | null;
    dishName: string | null;
    variationId: string | null;
    variationName: string | null;
    optionId: string | null;
    groupName: string | null;
    optionName: string | null;
    quantity: number;
    revenue: number;
    priceRuleDiscount: number | null;
  }
  const none = { dishId: null, dishName: null, variationId: null, variationName: null };
  const noOption = { optionId: null, groupName: null, optionName: null };
  const rows: Row[] = [
    ...view.dishes.flatMap((dish) =>
      dish.variations.map((variation) => ({
        ...noOption,
        dishId: dish.dishId,
        dishName: dish.name,
        variationId: variation.variationId,
        variationName: variation.name,
        quantity: variation.quantity,
        revenue: variation.revenue,
        priceRuleDiscount: variation.priceRuleDiscount,
      })),
    ),
    ...view.modifiers.map((modifier) => ({
      ...none,
      optionId: modifier.optionId,
      groupName: modifier.groupName,
      optionName: modifier.name,
      quantity: modifier.quantity,
      revenue: modifier.revenue,
      priceRuleDiscount: null,
    })),
    { ...none, ...noOption, dishId: TOTAL, ...view.totals, revenue: view.itemSales },
  ];
  const columns: Array<CsvColumn<Row>> = [
    { header: 'dishId', value: (row) => row.dishId, id: true },
    { header: 'dishName', value: (row) => row.dishName },
    { header: 'variationId', value: (row) => row.variationId, id: true },
    { header: 'variationName', value: (row) => row.variationName },
    { header: 'optionId', value: (row) => row.optionId, id: true },
    { header: 'groupName', value: (row) => row.groupName },
    { header: 'optionName', value: (row) => row.optionName },
    count('quantity', (row) => row.quantity),
    money('revenue', (row) => row.revenue),
    { header: 'priceRuleDiscount', value: (row) => row.priceRuleDiscount, money: true },
  ];
  return { columns, rows, currency: view.period.currency };
}

export function staffTable(view: StaffReportView) {
  type Row = StaffReportView['totals'] & { waiterId: string; displayName: string | null };
  const rows: Row[] = [
    ...view.staff.map((row) => ({ ...row, waiterId: row.waiterId ?? '' })),
    { ...view.totals, waiterId: TOTAL, displayName: null },
  ];
  const columns: Array<CsvColumn<Row>> = [
    { header: 'waiterId', value: (row) => row.waiterId, id: true },
    { header: 'displayName', value: (row) => row.displayName },
    count('orders', (row) => row.orders),
    money('revenue', (row) => row.revenue),
    money('averageTicket', (row) => row.averageTicket),
    money('tips', (row) => row.tips),
    { header: 'hoursWorked', value: (row) => row.hoursWorked },
  ];
  return { columns, rows, currency: view.period.currency };
}

function paymentFigureColumns<Row extends PaymentFiguresView>(): Array<CsvColumn<Row>> {
  return [
    count('payments', (row) => row.payments),
    money('received', (row) => row.received),
    count('refunds', (row) => row.refunds),
    money('refunded', (row) => row.refunded),
    money('change', (row) => row.change),
    money('tips', (row) => row.tips),
    money('net', (row) => row.net),
  ];
}

export function paymentMethodsTable(view: PaymentMethodsReportView) {
  type Row = PaymentFiguresView & { methodId: string; name: string | null; kind: string | null };
  const rows: Row[] = [...view.methods, { ...view.totals, methodId: TOTAL, name: null, kind: null }];
  const columns: Array<CsvColumn<Row>> = [
    { header: 'methodId', value: (row) => row.methodId, id: true },
    { header: 'name', value: (row) => row.name },
    { header: 'kind', value: (row) => row.kind },
    ...paymentFigureColumns<Row>(),
  ];
  return { columns, rows, currency: view.period.currency };
}

export function kitchenTable(view: KitchenReportView) {
  type Row = KitchenReportView['stations'][number] & { group: 'station' | 'dish'; id: string | null };
  const rows: Row[] = [
    ...view.stations.map((row) => ({ ...row, group: 'station' as const, id: row.stationId })),
    ...view.dishes.map((row) => ({ ...row, group: 'dish' as const, id: row.dishId, stationId: null })),
  ];
  const columns: Array<CsvColumn<Row>> = [
    { header: 'group', value: (row) => row.group },
    { header: 'id', value: (row) => row.id, id: true },
    { header: 'name', value: (row) => row.name },
    count('items', (row) => row.items),
    count('averageMs', (row) => row.averageMs),
    count('p50Ms', (row) => row.p50Ms),
    count('p90Ms', (row) => row.p90Ms),
  ];
  return { columns, rows, currency: view.period.currency };
}

/**
 * One row per discount and per void, in the JSON's order: discounts first; then one per price rule, whose effect
 * is its own column (priceRuleDiscount), apart from the amounts staff gave or voided.
 */
export function discountsAndVoidsTable(view: DiscountsAndVoidsReportView) {
  interface Row {
    type: 'discount' | 'void' | 'priceRule';
    orderId: string | null;
    orderNumber: number | null;
    businessDay: string | null;
    staffId: string | null;
    staffName: string | null;
    reason: string | null;
    kind: string | null;
    value: number | null;
    itemId: string | null;
    priceRuleId: string | null;
    name: string | null;
    variationName: string | null;
    quantity: number | null;
    amount: number | null;
    priceRuleDiscount: number | null;
    at: string | null;
  }
  const blank = {
    orderId: null,
    orderNumber: null,
    businessDay: null,
    staffId: null,
    staffName: null,
    reason: null,
    kind: null,
    value: null,
    itemId: null,
    priceRuleId: null,
    name: null,
    variationName: null,
    quantity: null,
    amount: null,
    priceRuleDiscount: null,
    at: null,
  };
  const rows: Row[] = [
    ...view.discounts.map((entry) => ({
      ...blank,
      type: 'discount' as const,
      orderId: entry.orderId,
      orderNumber: entry.orderNumber,
      businessDay: entry.businessDay,
      staffId: entry.appliedBy,
      staffName: entry.appliedByName,
      reason: entry.reason,
      kind: entry.kind,
      value: entry.value,
      amount: entry.amount,
    })),
    ...view.voids.map((entry) => ({
      ...blank,
      type: 'void' as const,
      orderId: entry.orderId,
      orderNumber: entry.orderNumber,
      businessDay: entry.businessDay,
      staffId: entry.voidedBy,
      staffName: entry.voidedByName,
      reason: entry.reason,
      itemId: entry.itemId,
      name: entry.name,
      variationName: entry.variationName,
      quantity: entry.quantity,
      amount: entry.value,
      at: entry.voidedAt,
    })),
    ...view.priceRules.map((rule) => ({
      ...blank,
      type: 'priceRule' as const,
      priceRuleId: rule.priceRuleId,
      name: rule.name,
      quantity: rule.quantity,
      priceRuleDiscount: rule.priceRuleDiscount,
    })),
  ];
  const columns: Array<CsvColumn<Row>> = [
    { header: 'type', value: (row) => row.type },
    { header: 'orderId', value: (row) => row.orderId, id: true },
    { header: 'orderNumber', value: (row) => row.orderNumber },
    { header: 'businessDay', value: (row) => row.businessDay },
    { header: 'staffId', value: (row) => row.staffId, id: true },
    { header: 'staffName', value: (row) => row.staffName },
    { header: 'reason', value: (row) => row.reason },
    { header: 'kind', value: (row) => row.kind },
    { header: 'value', value: (row) => row.value },
    { header: 'itemId', value: (row) => row.itemId, id: true },
    { header: 'priceRuleId', value: (row) => row.priceRuleId, id: true },
    { header: 'name', value: (row) => row.name },
    { header: 'variationName', value: (row) => row.variationName },
    { header: 'quantity', value: (row) => row.quantity },
    { header: 'amount', value: (row) => row.amount, money: true },
    { header: 'priceRuleDiscount', value: (row) => row.priceRuleDiscount, money: true },
    { header: 'at', value: (row) => row.at },
  ];
  return { columns, rows, currency: view.period.currency };
}

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

/** Per business day and rate, then a total row. */
export function taxesTable(view: TaxReportView) {
  type Row = Omit<TaxReportRowView, 'businessDay'> & { businessDay: string };
  const rows: Row[] = [
    ...view.rows,
    { ...view.totals, businessDay: TOTAL, taxRateId: null, name: '', percent: 0 },
  ];
  const columns: Array<CsvColumn<Row>> = [
    { header: 'businessDay', value: (row) => row.businessDay },
    { header: 'taxRateId', value: (row) => row.taxRateId, id: true },
    { header: 'name', value: (row) => (row.businessDay === TOTAL ? null : row.name) },
    { header: 'percent', value: (row) => (row.businessDay === TOTAL ? null : row.percent) },
    money('net', (row) => row.net),
    money('tax', (row) => row.tax),
    money('gross', (row) => row.gross),
  ];
  return { columns, rows, currency: view.period.currency };
}

export function dayReportTable(view: DayReportView): ReportTable<DayCsvRow> {
  return { columns: DAY_CSV_COLUMNS, rows: dayReportRows(view), currency: view.period.currency };
}

function paymentFigures(figures: PaymentFiguresView): PaymentFiguresView {
  const { payments, received, refunds, refunded, change, tips, net } = figures;
  return { payments, received, refunds, refunded, change, tips, net };
}
