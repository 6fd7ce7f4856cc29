import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { Database } from '../database/database.service';
import { addDays } from '../orders/business-day';
import { MAX_REPORT_DAYS } from '../reports/dto/report.inputs';
import { salesFigures } from '../reports/sales-figures';
import { HqSalesGrouping, HqSalesReportQuery } from './dto/hq-sales.inputs';
import { HqSalesReportView, HqSalesRowView } from './dto/hq-sales.views';
import { Raw, salesSums } from '../reports/report-sql';
import { FIGURE_SUMS } from './hq-sales-sums';

type KeyedRow = Raw & { key: string | null; name: string | null; currency: string };

/** The days $1 to $2, each site's own business days. */
const IN_RANGE = `d.business_day >= $1 AND d.business_day <= $2`;

/** Per grouping: what the rows are keyed and named by, and what joins them. */
const GROUPINGS: Record<HqSalesGrouping, { key: string; name: string; from: string }> = {
  site: { key: 'd.site_id', name: 's.name', from: 'hq_sales_days d JOIN hq_sites s ON s.id = d.site_id' },
  group: {
    key: 'm.group_id',
    name: 'g.name',
    from: `hq_sales_days d LEFT JOIN hq_site_memberships m ON m.site_id = d.site_id
      LEFT JOIN hq_site_groups g ON g.id = m.group_id`,
  },
  day: { key: 'd.business_day', name: 'd.business_day', from: 'hq_sales_days d' },
  channel: { key: 'd.channel', name: 'd.channel', from: 'hq_sales_days d' },
};

/** What a row without a group is called. */
const NO_GROUP = 'No group';

/**
 * Headquarters' consolidated reports, summed by the database over the sites' days (HqSalesDay: the sums of their
 * sales facts, kept as they arrive): each fact counts on its site's business day, in its site's currency, and no
 * figure ever adds two currencies.
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
        `SELECT ${grouping.key} AS "key", MAX(${grouping.name}) AS "name", d.currency AS "currency", ${FIGURE_SUMS}
         FROM ${grouping.from} WHERE ${IN_RANGE} GROUP BY ${grouping.key}, d.currency`,
        [from, to],
      ),
      this.database.read<KeyedRow>(
        `SELECT d.currency AS "currency", ${FIGURE_SUMS} FROM hq_sales_days d WHERE ${IN_RANGE}
         GROUP BY d.currency ORDER BY d.currency`,
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
          ...salesFigures(salesSums(row)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)),
      totals: totals.map((row) => ({ currency: row.currency, ...salesFigures(salesSums(row)) })),
    };
  }
}
