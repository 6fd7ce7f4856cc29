import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Database } from '../database/database.service';
import { labourPercent } from '../reports/labour-report';
import type { Raw } from '../reports/report-sql';
import { hoursOf } from '../time-clock/dto/time-clock.views';
import type { HqMixReportQuery } from './dto/hq-mix-report.inputs';
import { HqLabourFiguresView, HqLabourReportView, HqLabourRowView } from './dto/hq-labour-report.views';
import { checkPeriod, daysSelected } from './hq-mix-reports.service';
import { HqSiteGroup } from './hq-site-group.entity';
import { HqSite } from './hq-site.entity';

/** A row's sums before they are figures: seconds, minor units. */
interface Sums {
  workedSeconds: number;
  overtimeSeconds: number;
  cost: number;
  salesExclTax: number;
  earned: number;
  givenOut: number;
  received: number;
  paidOut: number;
}

const NOTHING: Sums = {
  workedSeconds: 0,
  overtimeSeconds: 0,
  cost: 0,
  salesExclTax: 0,
  earned: 0,
  givenOut: 0,
  received: 0,
  paidOut: 0,
};

/** Per table: its sums as the SELECT names them. */
const TABLES = [
  {
    from: 'hq_labour_days',
    sums: `SUM(d.worked_seconds) AS "workedSeconds", SUM(d.overtime_seconds) AS "overtimeSeconds",
      SUM(d.cost) AS "cost"`,
  },
  { from: 'hq_sales_days', sums: 'SUM(d.net_sales) - SUM(d.tax) AS "salesExclTax"' },
  {
    from: 'hq_tip_days',
    sums: `SUM(d.earned) AS "earned", SUM(d.given_out) AS "givenOut", SUM(d.received) AS "received",
      SUM(d.paid_out) AS "paidOut"`,
  },
];

function figuresOf(sums: Sums): HqLabourFiguresView {
  const { workedSeconds, overtimeSeconds, cost, salesExclTax, earned, givenOut, received, paidOut } = sums;
  return {
    hours: hoursOf(workedSeconds),
    overtimeHours: hoursOf(overtimeSeconds),
    labourCost: cost,
    salesExclTax,
    labourPercent: labourPercent(cost, salesExclTax),
    tips: { earned, givenOut, received, paidOut },
  };
}

function added(sum: Sums, row: Raw): Sums {
  const next = { ...sum };
  for (const name of Object.keys(NOTHING) as Array<keyof Sums>) {
    if (row[name] !== undefined && row[name] !== null) next[name] += Number(row[name]);
  }
  return next;
}

/**
 * Headquarters' labour report: each site's hours, overtime and labour cost per business day as its latest
 * `labour_days` facts said (hq_labour_days), beside its net sales before tax from the sales facts (hq_sales_days)
 * and its tips (hq_tip_days); one statement per table. Each figure counts on its site's business day, in its
 * site's currency, and none adds two currencies.
 */
@Injectable()
export class HqLabourReportService {
  constructor(private readonly database: Database) {}

  async labour(query: HqMixReportQuery): Promise<HqLabourReportView> {
    checkPeriod(query);
    const [site, group] = await Promise.all([
      query.siteId ? this.database.reader.existsBy(HqSite, { id: query.siteId }) : true,
      query.groupId ? this.database.reader.existsBy(HqSiteGroup, { id: query.groupId }) : true,
    ]);
    if (!site) throw DomainError.notFound('Site');
    if (!group) throw DomainError.notFound('Site group');
    const { where, params } = daysSelected(query);
    const bySite = query.groupBy === 'site';
    const byDay = query.groupBy === 'day';
    const keys = bySite ? 'd.site_id AS "siteId",' : byDay ? 'd.business_day AS "businessDay",' : '';
    const groupKeys = bySite ? 'd.site_id,' : byDay ? 'd.business_day,' : '';
    const rows = new Map<string, { key: Raw; sums: Sums }>();
    for (const table of TABLES) {
      const found = await this.database.read<Raw>(
        `SELECT ${keys} d.currency AS "currency", ${table.sums} FROM ${table.from} d
         WHERE ${where} GROUP BY ${groupKeys} d.currency`,
        params,
      );
      for (const row of found) {
        const id = JSON.stringify([row.siteId, row.businessDay, row.currency]);
        const known = rows.get(id) ?? { key: row, sums: NOTHING };
        rows.set(id, { key: known.key, sums: added(known.sums, row) });
      }
    }
    const names = await this.siteNames(bySite ? [...rows.values()].map(({ key }) => String(key.siteId)) : []);
    const totals = new Map<string, Sums>();
    const out: HqLabourRowView[] = [...rows.values()].map(({ key, sums }) => {
      const currency = String(key.currency);
      totals.set(currency, added(totals.get(currency) ?? NOTHING, sums as unknown as Raw));
      return {
        siteId: bySite ? String(key.siteId) : null,
        siteName: bySite ? (names.get(String(key.siteId)) ?? null) : null,
        businessDay: byDay ? String(key.businessDay) : null,
        currency,
        ...figuresOf(sums),
      };
    });
    out.sort(
      (a, b) =>
        (a.siteName ?? '').localeCompare(b.siteName ?? '') ||
        (a.siteId ?? '').localeCompare(b.siteId ?? '') ||
        (a.businessDay ?? '').localeCompare(b.businessDay ?? '') ||
        a.currency.localeCompare(b.currency),
    );
    return {
      from: query.from,
      to: query.to,
      siteId: query.siteId ?? null,
      groupId: query.groupId ?? null,
      groupBy: query.groupBy ?? null,
      rows: out,
      totals: [...totals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, sums]) => ({ currency, ...figuresOf(sums) })),
    };
  }

  private async siteNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const sites = await this.database.reader.find(HqSite, {
      select: { id: true, name: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(sites.map((site) => [site.id, site.name]));
  }
}
