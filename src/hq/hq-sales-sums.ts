import type { SalesSums } from '../reports/report-sums';
import { NO_SALES, salesFigures } from '../reports/sales-figures';
import type { HqCurrencyTotalsView } from './dto/hq-sales.views';

/** The figures of SalesSums over the days `d` of a group (0 where a site has none); every site computed its own. */
export const FIGURE_SUMS = `COALESCE(SUM(d.orders), 0) AS "orders", COALESCE(SUM(d.gross), 0) AS "gross",
  COALESCE(SUM(d.discounts), 0) AS "discounts", COALESCE(SUM(d.service_charge), 0) AS "serviceCharge",
  COALESCE(SUM(d.tax), 0) AS "tax", COALESCE(SUM(d.refunds), 0) AS "refunds",
  COALESCE(SUM(d.net_sales), 0) AS "netSales", COALESCE(SUM(d.tips), 0) AS "tips"`;

/** Rows added up per currency, never across two: one entry per currency, by its code. */
export function totalsByCurrency(
  rows: ReadonlyArray<SalesSums & { currency: string }>,
): HqCurrencyTotalsView[] {
  const totals = new Map<string, SalesSums>();
  for (const row of rows) {
    const sums = { ...(totals.get(row.currency) ?? NO_SALES) };
    for (const figure of Object.keys(NO_SALES) as Array<keyof SalesSums>) sums[figure] += row[figure];
    totals.set(row.currency, sums);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sums]) => ({ currency, ...salesFigures(sums) }));
}
