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

export function salesFigures(sums: SalesSums): SalesFiguresView {
  return { ...sums, averageTicket: average(sums.netSales, sums.orders) };
}

/** total / count rounded half up, 0 for no count. */
export function average(total: number, count: number): number {
  return count === 0 ? 0 : divideRoundHalfUp(total, count);
}
