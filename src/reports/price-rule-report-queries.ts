import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import type { PriceRuleDiscountView } from './dto/report.views';
import type { DayRange } from './report-sums';
import { PRICE_RULE_DISCOUNT, Raw, SOLD, textOrNull } from './report-sql';

/** What price rules (happy hours) took off, apart from the discounts staff give. */
@Injectable()
export class PriceRuleReportQueries {
  constructor(private readonly database: Database) {}

  /** Per rule, over the lines it priced that the dish report counts (live items of closed orders); most first. */
  async byRule(range: DayRange): Promise<PriceRuleDiscountView[]> {
    const rows = await this.database.read<Raw>(
      `SELECT i.price_rule_id AS "priceRuleId", MAX(r.name) AS "name", COUNT(*) AS "lines",
         SUM(i.quantity) AS "quantity", SUM(${PRICE_RULE_DISCOUNT}) AS "priceRuleDiscount"
       FROM orders o JOIN order_items i ON i.order_id = o.id LEFT JOIN price_rules r ON r.id = i.price_rule_id
       WHERE ${SOLD} AND i.price_rule_id IS NOT NULL
       GROUP BY i.price_rule_id`,
      [range.from, range.to],
    );
    return rows
      .map((row) => ({
        priceRuleId: String(row.priceRuleId),
        name: textOrNull(row.name),
        lines: Number(row.lines),
        quantity: Number(row.quantity),
        priceRuleDiscount: Number(row.priceRuleDiscount),
      }))
      .sort(
        (a, b) => b.priceRuleDiscount - a.priceRuleDiscount || a.priceRuleId.localeCompare(b.priceRuleId),
      );
  }
}
