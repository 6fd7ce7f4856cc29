import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { OWN_CHANNEL } from '../common/access/channel-access';
import type { ReportPeriodView, SalesRowView } from './dto/report.views';
import { ReportQueries } from './report-queries';
import { Raw } from './report-sql';
import { NO_SALES, salesFigures } from './sales-figures';

/** The sales report by channel: the orders' fulfilment channel, dine-in and the restaurant's own orders as `own`. */
@Injectable()
export class ChannelSalesQueries {
  constructor(
    private readonly database: Database,
    private readonly queries: ReportQueries,
  ) {}

  /**
   * A row spanning the whole period for `own`, then one per channel by code: every channel there is, and any code
   * that sold in the period (a channel deleted since). The rows partition the closed orders, so they add up to the
   * ungrouped totals.
   */
  async rows(period: ReportPeriodView): Promise<SalesRowView[]> {
    const channelOf = `COALESCE(o.channel, '${OWN_CHANNEL}')`;
    const [byChannel, channels] = await Promise.all([
      this.queries.salesBy(period, { order: channelOf, refund: channelOf, ledger: channelOf }),
      this.database.read<Raw>('SELECT code FROM channels'),
    ]);
    const codes = new Set([...channels.map((row) => String(row.code)), ...byChannel.keys()]);
    codes.delete(OWN_CHANNEL);
    return [OWN_CHANNEL, ...[...codes].sort()].map((code) => ({
      period: code,
      businessDay: null,
      start: period.start,
      end: period.end,
      ...salesFigures(byChannel.get(code) ?? NO_SALES),
    }));
  }
}
