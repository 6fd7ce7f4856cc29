import { ColumnKind, ReportColumn } from './csv';
import {
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

/**
 * Each report's table from its JSON view: one row per JSON row, then a row `total` of its totals; CSV and PDF show it.
 */

export const TOTAL = 'total';

/** The back office's texts the PDFs' headers and codes are written with (keys under `backOffice.`). */
const column = (key: string) => `reportsScreens.reports.columns.${key}`;
const figure = (key: string) => `reportsScreens.reports.totals.${key}`;
const printed = (key: string) => `reportDocuments.columns.${key}`;
const document = (key: string) => `reportDocuments.${key}`;
const TOTAL_WORDS = { [TOTAL]: 'reportsScreens.close.document.total' };

const money = <Row>(header: string, label: string, value: (row: Row) => number): ReportColumn<Row> => ({
  header,
  label,
  value,
  money: true,
});

const count = <Row>(header: string, label: string, value: (row: Row) => number): ReportColumn<Row> => ({
  header,
  label,
  value,
  kind: 'count',
});

function salesFigureColumns<Row extends SalesFiguresView>(): Array<ReportColumn<Row>> {
  return [
    count('orders', figure('orders'), (row) => row.orders),
    money('itemSales', column('itemSales'), (row) => row.itemSales),
    money('discounts', figure('discounts'), (row) => row.discounts),
    money('serviceCharge', 'reportsScreens.close.document.serviceCharge', (row) => row.serviceCharge),
    money('refunds', figure('refunds'), (row) => row.refunds),
    money('tax', column('tax'), (row) => row.tax),
    money('salesExclTax', figure('salesExclTax'), (row) => row.salesExclTax),
    money('salesInclTax', figure('salesInclTax'), (row) => row.salesInclTax),
    money('tips', column('tips'), (row) => row.tips),
    money('averageTicket', column('averageTicket'), (row) => row.averageTicket),
  ];
}

/** How a sales row's period is written: a day, a local hour, or a channel's name. */
const SALES_PERIOD_KINDS: Record<SalesReportView['groupBy'], ColumnKind | undefined> = {
  day: 'day',
  hour: 'instant',
  channel: undefined,
};

export function salesTable(view: SalesReportView) {
  type Row = SalesFiguresView & { period: string; businessDay: string | null; start: string; end: string };
  const totals: Row = {
    ...view.totals,
    period: TOTAL,
    businessDay: null,
    start: view.period.start,
    end: view.period.end,
  };
  const columns: Array<ReportColumn<Row>> = [
    {
      header: 'period',
      label: printed('period'),
      value: (row) => row.period,
      kind: SALES_PERIOD_KINDS[view.groupBy],
      words: { ...TOTAL_WORDS, own: 'reportsScreens.reports.ownOrders' },
    },
    { header: 'businessDay', label: column('day'), value: (row) => row.businessDay, kind: 'day' },
    { header: 'start', label: printed('start'), value: (row) => row.start, kind: 'instant' },
    { header: 'end', label: printed('end'), value: (row) => row.end, kind: 'instant' },
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
  const columns: Array<ReportColumn<Row>> = [
    { header: 'dishId', label: printed('dishId'), value: (row) => row.dishId, id: true, words: TOTAL_WORDS },
    { header: 'dishName', label: column('dish'), value: (row) => row.dishName },
    { header: 'variationId', label: printed('variationId'), value: (row) => row.variationId, id: true },
    { header: 'variationName', label: printed('variation'), value: (row) => row.variationName },
    { header: 'optionId', label: printed('optionId'), value: (row) => row.optionId, id: true },
    { header: 'groupName', label: printed('optionGroup'), value: (row) => row.groupName },
    { header: 'optionName', label: printed('option'), value: (row) => row.optionName },
    count('quantity', column('quantity'), (row) => row.quantity),
    money('revenue', column('revenue'), (row) => row.revenue),
    {
      header: 'priceRuleDiscount',
      label: printed('priceRuleDiscount'),
      value: (row) => row.priceRuleDiscount,
      money: true,
    },
  ];
  return { columns, rows, currency: view.period.currency };
}

export function staffTable(view: StaffReportView) {
  type Row = StaffReportView['totals'] & { waiterId: string; displayName: string | null };
  const rows: Row[] = [
    ...view.staff.map((row) => ({ ...row, waiterId: row.waiterId ?? '' })),
    { ...view.totals, waiterId: TOTAL, displayName: null },
  ];
  const columns: Array<ReportColumn<Row>> = [
    {
      header: 'waiterId',
      label: printed('staffId'),
      value: (row) => row.waiterId,
      id: true,
      words: TOTAL_WORDS,
    },
    { header: 'displayName', label: column('waiter'), value: (row) => row.displayName },
    count('orders', column('orders'), (row) => row.orders),
    money('revenue', column('revenue'), (row) => row.revenue),
    money('averageTicket', column('averageTicket'), (row) => row.averageTicket),
    money('tips', column('tips'), (row) => row.tips),
    { header: 'hoursWorked', label: printed('hoursWorked'), value: (row) => row.hoursWorked, kind: 'count' },
  ];
  return { columns, rows, currency: view.period.currency };
}

function paymentFigureColumns<Row extends PaymentFiguresView>(): Array<ReportColumn<Row>> {
  return [
    count('payments', column('payments'), (row) => row.payments),
    money('received', column('received'), (row) => row.received),
    count('refunds', printed('refunds'), (row) => row.refunds),
    money('refunded', column('refunded'), (row) => row.refunded),
    money('change', column('change'), (row) => row.change),
    money('tips', column('tips'), (row) => row.tips),
    // What the method took in all, as the Z report's payments call it.
    money('net', column('takings'), (row) => row.net),
  ];
}

/** A payment method's kind in the back office's words. */
const METHOD_KIND_WORDS = {
  cash: 'guide.payments.kinds.cash',
  card: 'guide.payments.kinds.card',
  other: 'guide.payments.kinds.other',
  gift_card: document('giftCard'),
  channel: document('channel'),
};

export function paymentMethodsTable(view: PaymentMethodsReportView) {
  type Row = PaymentFiguresView & { methodId: string; name: string | null; kind: string | null };
  const rows: Row[] = [...view.methods, { ...view.totals, methodId: TOTAL, name: null, kind: null }];
  const columns: Array<ReportColumn<Row>> = [
    {
      header: 'methodId',
      label: printed('methodId'),
      value: (row) => row.methodId,
      id: true,
      words: TOTAL_WORDS,
    },
    { header: 'name', label: column('method'), value: (row) => row.name },
    { header: 'kind', label: printed('kind'), value: (row) => row.kind, words: METHOD_KIND_WORDS },
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
  const seconds = (header: string, label: string, value: (row: Row) => number): ReportColumn<Row> => ({
    header,
    label,
    value,
    kind: 'seconds',
  });
  const columns: Array<ReportColumn<Row>> = [
    {
      header: 'group',
      label: printed('stationOrDish'),
      value: (row) => row.group,
      words: { station: document('station'), dish: column('dish') },
    },
    { header: 'id', label: printed('id'), value: (row) => row.id, id: true },
    { header: 'name', label: printed('name'), value: (row) => row.name },
    count('items', printed('items'), (row) => row.items),
    seconds('averageMs', printed('averageSeconds'), (row) => row.averageMs),
    seconds('p50Ms', printed('medianSeconds'), (row) => row.p50Ms),
    seconds('p90Ms', printed('p90Seconds'), (row) => row.p90Ms),
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
  const columns: Array<ReportColumn<Row>> = [
    {
      header: 'type',
      label: printed('type'),
      value: (row) => row.type,
      words: { discount: document('discount'), void: document('void'), priceRule: document('priceRule') },
    },
    { header: 'orderId', label: printed('orderId'), value: (row) => row.orderId, id: true },
    { header: 'orderNumber', label: printed('orderNumber'), value: (row) => row.orderNumber },
    { header: 'businessDay', label: column('day'), value: (row) => row.businessDay, kind: 'day' },
    { header: 'staffId', label: printed('staffId'), value: (row) => row.staffId, id: true },
    { header: 'staffName', label: printed('staffMember'), value: (row) => row.staffName },
    { header: 'reason', label: printed('reason'), value: (row) => row.reason },
    {
      header: 'kind',
      label: printed('kind'),
      value: (row) => row.kind,
      words: { percent: printed('percent'), amount: column('amount') },
    },
    // A percent discount's value is its percentage, an amount discount's its money.
    {
      header: 'value',
      label: printed('value'),
      value: (row) => row.value,
      kind: (row) => (row.kind === 'amount' ? 'money' : 'percent'),
    },
    { header: 'itemId', label: printed('itemId'), value: (row) => row.itemId, id: true },
    { header: 'priceRuleId', label: printed('priceRuleId'), value: (row) => row.priceRuleId, id: true },
    { header: 'name', label: printed('item'), value: (row) => row.name },
    { header: 'variationName', label: printed('variation'), value: (row) => row.variationName },
    { header: 'quantity', label: column('quantity'), value: (row) => row.quantity, kind: 'count' },
    { header: 'amount', label: column('amount'), value: (row) => row.amount, money: true },
    {
      header: 'priceRuleDiscount',
      label: printed('priceRuleDiscount'),
      value: (row) => row.priceRuleDiscount,
      money: true,
    },
    { header: 'at', label: printed('at'), value: (row) => row.at, kind: 'instant' },
  ];
  return { columns, rows, currency: view.period.currency };
}

/** Per business day and rate, then a total row. */
export function taxesTable(view: TaxReportView) {
  type Row = Omit<TaxReportRowView, 'businessDay'> & { businessDay: string };
  const rows: Row[] = [
    ...view.rows,
    { ...view.totals, businessDay: TOTAL, taxRateId: null, name: '', percent: 0 },
  ];
  const columns: Array<ReportColumn<Row>> = [
    {
      header: 'businessDay',
      label: column('day'),
      value: (row) => row.businessDay,
      kind: 'day',
      words: TOTAL_WORDS,
    },
    { header: 'taxRateId', label: printed('taxRateId'), value: (row) => row.taxRateId, id: true },
    { header: 'name', label: column('rate'), value: (row) => (row.businessDay === TOTAL ? null : row.name) },
    {
      header: 'percent',
      label: printed('percent'),
      value: (row) => (row.businessDay === TOTAL ? null : row.percent),
      kind: 'percent',
    },
    money('net', column('net'), (row) => row.net),
    money('tax', column('tax'), (row) => row.tax),
    money('gross', column('gross'), (row) => row.gross),
  ];
  return { columns, rows, currency: view.period.currency };
}
