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

/** total / count rounded half up, 0 for no count. */
export function average(total: number, count: number): number {
  return count === 0 ? 0 : divideRoundHalfUp(total, count);
}
