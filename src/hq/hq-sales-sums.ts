import type { SalesFiguresView } from '../reports/dto/report.views';
import { sumSalesFigures } from '../reports/sales-figures';
import type { HqCurrencyTotalsView } from './dto/hq-sales.views';

/** The figures of SalesSums over the days `d` of a group (0 where a site has none); every site computed its own. */
export const FIGURE_SUMS = `COALESCE(SUM(d.orders), 0) AS "orders", COALESCE(SUM(d.gross), 0) AS "gross",
  COALESCE(SUM(d.discounts), 0) AS "discounts", COALESCE(SUM(d.service_charge), 0) AS "serviceCharge",
  COALESCE(SUM(d.tax), 0) AS "tax", COALESCE(SUM(d.refunds), 0) AS "refunds",
  COALESCE(SUM(d.net_sales), 0) AS "netSales", COALESCE(SUM(d.tips), 0) AS "tips"`;

/** Rows added up per currency, never across two: one entry per currency, by its code. */
export function totalsByCurrency(
  rows: ReadonlyArray<SalesFiguresView & { currency: string }>,
): HqCurrencyTotalsView[] {
  const byCurrency = new Map<string, SalesFiguresView[]>();
  for (const row of rows) byCurrency.set(row.currency, [...(byCurrency.get(row.currency) ?? []), row]);
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, figures]) => ({ currency, ...sumSalesFigures(figures) }));
}
