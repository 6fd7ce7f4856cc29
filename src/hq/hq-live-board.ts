import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { salesFigures } from '../reports/sales-figures';
import type { HqLiveSiteView, HqLiveView } from './dto/hq-sales.views';
import { Raw, salesSums } from '../reports/report-sql';
import { FIGURE_SUMS, totalsByCurrency } from './hq-sales-sums';
import { audienceOf } from '../event-log/event-audiences';

type LiveRow = Raw & {
  siteId: string;
  name: string;
  businessDay: string | null;
  currency: string;
};

/**
 * Each site's sales of its current business day (the day it last said it trades in), summed over its channels:
 * a site with no sale yet that day has a row of zeros; one not yet in contact, a row without a day.
 */
const LIVE_ROWS = (where: string) =>
  `SELECT s.id AS "siteId", MAX(s.name) AS "name", MAX(s.current_business_day) AS "businessDay",
     COALESCE(d.currency, MAX(s.currency)) AS "currency", ${FIGURE_SUMS}
   FROM hq_sites s LEFT JOIN hq_sales_days d ON d.site_id = s.id AND d.business_day = s.current_business_day
   ${where} GROUP BY s.id, d.currency`;

/**
 * Headquarters' live board: every site's sales today, in its own business day and currency. GET /hq/live reads
 * it; a change of a site's row (facts arrived, its day began) is an `hq.site_sales` event in the transaction
 * that made it, for managers' and admins' sockets.
 */
@Injectable()
export class HqLiveBoard {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
  ) {}

  async board(): Promise<HqLiveView> {
    const sites = (await this.database.read<LiveRow>(LIVE_ROWS(''))).map(liveView);
    sites.sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency));
    return { sites, totals: totalsByCurrency(sites.filter((site) => site.businessDay !== null)) };
  }

  /** Appends the site's rows as they stand in `tx`, one event each (a row per currency it sold in that day). */
  async announce(tx: Tx, siteId: string): Promise<void> {
    const rows = await tx.sql<LiveRow>(LIVE_ROWS('WHERE s.id = $1'), [siteId]);
    for (const row of rows) {
      this.eventLog.append(tx, {
        type: EventType.HqSiteSales,
        data: { ...liveView(row) },
        audience: audienceOf(EventType.HqSiteSales),
      });
    }
  }
}

function liveView(row: LiveRow): HqLiveSiteView {
  return {
    siteId: row.siteId,
    name: row.name,
    businessDay: row.businessDay,
    currency: row.currency,
    ...salesFigures(salesSums(row)),
  };
}
