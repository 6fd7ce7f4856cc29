import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { divideRoundHalfUp, percentToPpm, PPM } from '../money';
import type { ItemTaxRate } from '../taxes/item-tax-rate';
import { type Raw, SOLD } from './report-sql';
import type { DayRange } from './report-sums';

/** A variation's sales as the dish report counts them, with its revenue before tax. */
export interface VariationNetSales {
  dishId: string;
  variationId: string;
  name: string;
  variationName: string;
  quantity: number;
  /** unit price × quantity of the live items of closed orders, before order discounts (the dish report's). */
  revenue: number;
  /** `revenue` without its tax: the same when prices exclude tax, else less the tax at the items' rates. */
  netSales: number;
}

/**
 * The dish report's statement (the same items: SOLD, unit price × quantity) grouped also by the items' tax rates,
 * so that the tax can be taken out of a variation's revenue at its own rates when prices include it.
 */
@Injectable()
export class FoodCostQueries {
  constructor(
    private readonly database: Database,
    private readonly config: AppConfig,
  ) {}

  async variations(range: DayRange): Promise<VariationNetSales[]> {
    const rows = await this.database.read<Raw>(
      `SELECT i.dish_id AS "dishId", i.variation_id AS "variationId", i.taxes AS "taxes", MAX(i.name) AS "name",
         MAX(i.variation_name) AS "variationName", SUM(i.quantity) AS "quantity",
         SUM(i.unit_price * i.quantity) AS "revenue"
       FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE ${SOLD}
       GROUP BY i.dish_id, i.variation_id, i.taxes`,
      [range.from, range.to],
    );
    const byVariation = new Map<string, VariationNetSales>();
    for (const row of rows) {
      const revenue = Number(row.revenue);
      const key = String(row.variationId);
      const sales = byVariation.get(key) ?? {
        dishId: String(row.dishId),
        variationId: key,
        name: String(row.name),
        variationName: String(row.variationName),
        quantity: 0,
        revenue: 0,
        netSales: 0,
      };
      sales.quantity += Number(row.quantity);
      sales.revenue += revenue;
      sales.netSales += revenue - this.taxIn(revenue, JSON.parse(String(row.taxes)) as ItemTaxRate[]);
      byVariation.set(key, sales);
    }
    return [...byVariation.values()];
  }

  /** The tax within `gross` at `rates` when prices include tax, rounded half up; none when they exclude it. */
  private taxIn(gross: number, rates: readonly ItemTaxRate[]): number {
    if (!this.config.pricesIncludeTax) return 0;
    const ppm = rates.reduce((sum, rate) => sum + percentToPpm(rate.percent), 0);
    return ppm === 0 ? 0 : divideRoundHalfUp(gross * ppm, PPM + ppm);
  }
}
