import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { Database } from '../database/database.service';
import { addDays } from '../orders/business-day';
import { MAX_REPORT_DAYS } from '../reports/dto/report.inputs';
import type { SalesSums } from '../reports/report-sums';
import { salesFigures } from '../reports/sales-figures';
import { HqSalesGrouping, HqSalesReportQuery } from './dto/hq-sales.inputs';
import { HqSalesReportView, HqSalesRowView } from './dto/hq-sales.views';

type Row = Record<string, unknown>;
type KeyedRow = Row & { key: string | null; name: string | null; currency: string };

/** The figures of SalesSums, summed over the facts `f` of a group; every site computed its own. */
const SUMS = `COALESCE(SUM(f.orders), 0) AS "orders", COALESCE(SUM(f.gross), 0) AS "gross",
  COALESCE(SUM(f.discounts), 0) AS "discounts", COALESCE(SUM(f.service_charge), 0) AS "serviceCharge",
  COALESCE(SUM(f.tax), 0) AS "tax", COALESCE(SUM(f.refunds), 0) AS "refunds",
  COALESCE(SUM(f.net_sales), 0) AS "netSales", COALESCE(SUM(f.tips), 0) AS "tips"`;

/** Facts that carry money (a sale, a refund), in the days $1 to $2 (each site's own business days). */
const SALES_IN_RANGE = `f.business_day >= $1 AND f.business_day <= $2 AND f.type IN ('sale', 'refund')`;

/** Per grouping: what the rows are keyed and named by, and what joins them. */
const GROUPINGS: Record<HqSalesGrouping, { key: string; name: string; from: string }> = {
  site: { key: 'f.site_id', name: 's.name', from: 'hq_sales_facts f JOIN hq_sites s ON s.id = f.site_id' },
  group: {
    key: 'm.group_id',
    name: 'g.name',
    from: `hq_sales_facts f LEFT JOIN hq_site_memberships m ON m.site_id = f.site_id
      LEFT JOIN hq_site_groups g ON g.id = m.group_id`,
  },
  day: { key: 'f.business_day', name: 'f.business_day', from: 'hq_sales_facts f' },
  channel: { key: 'f.channel', name: 'f.channel', from: 'hq_sales_facts f' },
};

/** What a row without a group is called. */
const NO_GROUP = 'No group';

/**
 * Headquarters' consolidated reports, summed by the database over the sites' sales facts: each fact counts on
 * its site's business day, in its site's currency, and no figure ever adds two currencies.
 */
@Injectable()
export class HqReportsService {
  constructor(private readonly database: Database) {}

  async sales(query: HqSalesReportQuery): Promise<HqSalesReportView> {
    const { from, to } = query;
    if (from > to) throw DomainError.invalidField('from', `must not be after to (${to})`);
    if (addDays(from, MAX_REPORT_DAYS - 1) < to) {
      throw DomainError.invalidField('to', `must be within ${MAX_REPORT_DAYS} days of from (${from})`);
    }
    const groupBy = query.groupBy ?? 'site';
    const grouping = GROUPINGS[groupBy];
    const [rows, totals] = await Promise.all([
      this.database.read<KeyedRow>(
        `SELECT ${grouping.key} AS "key", MAX(${grouping.name}) AS "name", f.currency AS "currency", ${SUMS}
         FROM ${grouping.from} WHERE ${SALES_IN_RANGE} GROUP BY ${grouping.key}, f.currency`,
        [from, to],
      ),
      this.database.read<KeyedRow>(
        `SELECT f.currency AS "currency", ${SUMS} FROM hq_sales_facts f WHERE ${SALES_IN_RANGE}
         GROUP BY f.currency ORDER BY f.currency`,
        [from, to],
      ),
    ]);
    return {
      from,
      to,
      groupBy,
      rows: rows
        .map((row): HqSalesRowView => ({
          key: row.key,
          name: row.name ?? NO_GROUP,
          currency: row.currency,
          ...salesFigures(sumsOf(row)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)),
      totals: totals.map((row) => ({ currency: row.currency, ...salesFigures(sumsOf(row)) })),
    };
  }
}

/** PostgreSQL answers sums of bigints as text. */
function sumsOf(row: Row): SalesSums {
  return {
    orders: Number(row.orders),
    gross: Number(row.gross),
    discounts: Number(row.discounts),
    serviceCharge: Number(row.serviceCharge),
    tax: Number(row.tax),
    refunds: Number(row.refunds),
    netSales: Number(row.netSales),
    tips: Number(row.tips),
  };
}
