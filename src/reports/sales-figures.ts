import { divideRoundHalfUp } from '../money';
import type { SalesFiguresView } from './dto/report.views';
import type { SalesSums } from './report-sums';

/** The sales report's figures of a row, whatever it groups by. */

export const NO_SALES: SalesSums = {
  orders: 0,
  gross: 0,
  discounts: 0,
  serviceCharge: 0,
  tax: 0,
  refunds: 0,
  netSales: 0,
  tips: 0,
};

/** The sums under the report's names: net before tax, gross with it (SalesSums keeps its stored names). */
export function salesFigures(sums: SalesSums): SalesFiguresView {
  return {
    orders: sums.orders,
    itemSales: sums.gross,
    discounts: sums.discounts,
    serviceCharge: sums.serviceCharge,
    refunds: sums.refunds,
    tax: sums.tax,
    salesExclTax: sums.netSales - sums.tax,
    salesInclTax: sums.netSales,
    tips: sums.tips,
    averageTicket: average(sums.netSales, sums.orders),
  };
}

/** Rows' figures added up, the average ticket of the sum. */
export function sumSalesFigures(rows: readonly SalesFiguresView[]): SalesFiguresView {
  const sums = { ...NO_SALES };
  for (const row of rows) {
    sums.orders += row.orders;
    sums.gross += row.itemSales;
    sums.discounts += row.discounts;
    sums.serviceCharge += row.serviceCharge;
    sums.tax += row.tax;
    sums.refunds += row.refunds;
    sums.netSales += row.salesInclTax;
    sums.tips += row.tips;
  }
  return salesFigures(sums);
}

/** Sales figures as a Z report written before the renaming stored them: `gross` and a tax-inclusive `netSales`. */
type StoredSalesFigures = SalesSums & { averageTicket: number };

/**
 * A stored day report's sales under today's names. A Z report is kept as written at its close, so one closed
 * before the renaming still says `gross` and `netSales` (with tax); read it as itemSales and salesInclTax.
 */
export function currentSalesFigures(stored: SalesFiguresView | StoredSalesFigures): SalesFiguresView {
  if ('salesInclTax' in stored) return stored;
  return { ...salesFigures(stored), averageTicket: stored.averageTicket };
}

/** total / count rounded half up, 0 for no count. */
export function average(total: number, count: number): number {
  return count === 0 ? 0 : divideRoundHalfUp(total, count);
}
