import { Injectable } from '@nestjs/common';
import { Between } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Database } from '../database/database.service';
import { ppmToPercent } from '../money';
import { addDays } from '../orders/business-day';
import { MAX_REPORT_DAYS } from '../reports/dto/report.inputs';
import type { Raw } from '../reports/report-sql';
import { HqMixReportQuery, HqPeriodQuery } from './dto/hq-mix-report.inputs';
import {
  HqDishReportView,
  HqDishRowView,
  HqMixKeyView,
  HqMixReportScopeView,
  HqModifierRowView,
  HqPaymentMethodRowView,
  HqPaymentMethodsReportView,
  HqTaxReportView,
  HqTaxRowView,
  HqZReportsView,
  HqCashShiftsView,
} from './dto/hq-mix-report.views';
import { HqSiteGroup } from './hq-site-group.entity';
import { HqSite } from './hq-site.entity';
import { HqZReport } from './hq-sales-mix.entities';
import { HqCashShift } from './hq-cash-shift.entity';
import { PaymentMethodKind } from '../payments/payment.entities';

/** A statement's pieces for one report: the rows' key columns, the joins and conditions they need, the params. */
interface Selection {
  keys: string;
  groupKeys: string;
  join: string;
  where: string;
  params: unknown[];
}

/** Per-currency sums of some figures, in the order the currencies' codes sort. */
function totalsOf<F extends string>(
  rows: ReadonlyArray<Record<F, number> & { currency: string }>,
  figures: readonly F[],
): Array<Record<F, number> & { currency: string }> {
  const totals = new Map<string, Record<F, number>>();
  for (const row of rows) {
    const sums =
      totals.get(row.currency) ?? (Object.fromEntries(figures.map((f) => [f, 0])) as Record<F, number>);
    for (const figure of figures) sums[figure] += row[figure];
    totals.set(row.currency, sums);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sums]) => ({ currency, ...sums }));
}

/** Rows in the order of their site, day and currency, then as `then` says. */
function bySiteDayCurrency<T extends HqMixKeyView>(then: (a: T, b: T) => number) {
  return (a: T, b: T) =>
    (a.siteName ?? '').localeCompare(b.siteName ?? '') ||
    (a.siteId ?? '').localeCompare(b.siteId ?? '') ||
    (a.businessDay ?? '').localeCompare(b.businessDay ?? '') ||
    a.currency.localeCompare(b.currency) ||
    then(a, b);
}

const PAYMENT_FIGURES = ['payments', 'received', 'refunds', 'refunded', 'change', 'tips', 'net'] as const;
const DISH_SUMS = ['quantity', 'revenue', 'priceRuleDiscount'];
const METHOD_SUMS = ['payments', 'received', 'change', 'tips', 'refunds', 'refunded'];

/**
 * Rows of one key (a dish, option or method) under several names, as one: a dish renamed at headquarters stays
 * one row, named as on its latest day of the period. Rows come per site or day as well when grouped so.
 */
function oneRowPerKey(rows: Raw[], keys: string[], labels: string[], sums: string[]): Raw[] {
  const merged = new Map<string, Raw>();
  for (const row of rows) {
    const id = JSON.stringify([row.siteId, row.businessDay, row.currency, ...keys.map((key) => row[key])]);
    const known = merged.get(id);
    if (!known) {
      merged.set(id, { ...row });
      continue;
    }
    for (const sum of sums) known[sum] = Number(known[sum]) + Number(row[sum]);
    if (String(row.lastDay) > String(known.lastDay)) {
      for (const label of [...labels, 'lastDay']) known[label] = row[label];
    }
  }
  return [...merged.values()];
}

/**
 * Headquarters' dish, payment-method and tax reports: sums over the per-day tables the facts' mixes were added to
 * (hq-sales-mix.ts), one statement each whatever the number of orders. Each figure counts on its site's business
 * day, in its site's currency, and none adds two currencies. Also each site's Z reports.
 */
@Injectable()
export class HqMixReportsService {
  constructor(private readonly database: Database) {}

  async dishes(query: HqMixReportQuery): Promise<HqDishReportView> {
    const scope = await this.scope(query);
    const s = this.selection(query);
    const rows = await this.database.read<Raw>(
      `SELECT ${s.keys} d.currency AS "currency", d.kind AS "kind", d.key AS "key", d.name AS "name",
         d.detail AS "detail", MAX(d.business_day) AS "lastDay", SUM(d.quantity) AS "quantity",
         SUM(d.revenue) AS "revenue", SUM(d.price_rule_discount) AS "priceRuleDiscount"
       FROM hq_sales_dish_days d ${s.join} WHERE ${s.where}
       GROUP BY ${s.groupKeys} d.currency, d.kind, d.key, d.name, d.detail`,
      s.params,
    );
    const dishes: HqDishRowView[] = [];
    const modifiers: HqModifierRowView[] = [];
    for (const row of oneRowPerKey(rows, ['kind', 'key'], ['name', 'detail'], DISH_SUMS)) {
      const quantity = Number(row.quantity);
      const revenue = Number(row.revenue);
      if (row.kind === 'modifier') {
        modifiers.push({
          ...keyOf(row),
          key: String(row.key),
          groupName: String(row.detail),
          name: String(row.name),
          quantity,
          revenue,
        });
      } else {
        dishes.push({
          ...keyOf(row),
          key: String(row.key),
          name: String(row.name),
          variationName: String(row.detail),
          quantity,
          revenue,
          priceRuleDiscount: Number(row.priceRuleDiscount),
        });
      }
    }
    const byRevenue = (a: { revenue: number; name: string }, b: { revenue: number; name: string }) =>
      b.revenue - a.revenue || a.name.localeCompare(b.name);
    dishes.sort(
      bySiteDayCurrency(
        (a, b) =>
          byRevenue(a, b) || a.variationName.localeCompare(b.variationName) || a.key.localeCompare(b.key),
      ),
    );
    modifiers.sort(
      bySiteDayCurrency(
        (a, b) => byRevenue(a, b) || a.groupName.localeCompare(b.groupName) || a.key.localeCompare(b.key),
      ),
    );
    return {
      ...scope,
      dishes,
      modifiers,
      totals: totalsOf(dishes, ['quantity', 'revenue', 'priceRuleDiscount'] as const),
    };
  }

  async paymentMethods(query: HqMixReportQuery): Promise<HqPaymentMethodsReportView> {
    const scope = await this.scope(query);
    const s = this.selection(query);
    const rows = await this.database.read<Raw>(
      `SELECT ${s.keys} d.currency AS "currency", d.method_key AS "key", d.method AS "name", d.kind AS "kind",
         MAX(d.business_day) AS "lastDay", SUM(d.payments) AS "payments", SUM(d.received) AS "received",
         SUM(d.change_given) AS "change", SUM(d.tips) AS "tips", SUM(d.refunds) AS "refunds",
         SUM(d.refunded) AS "refunded"
       FROM hq_sales_payment_days d ${s.join} WHERE ${s.where}
       GROUP BY ${s.groupKeys} d.currency, d.method_key, d.method, d.kind`,
      s.params,
    );
    const methods = oneRowPerKey(rows, ['key'], ['name', 'kind'], METHOD_SUMS)
      .filter((row) => Number(row.payments) !== 0 || Number(row.refunds) !== 0)
      .map((row): HqPaymentMethodRowView => {
        const [received, refunded, change, tips] = [row.received, row.refunded, row.change, row.tips].map(
          Number,
        );
        return {
          ...keyOf(row),
          key: String(row.key),
          name: String(row.name),
          kind: row.kind as PaymentMethodKind,
          payments: Number(row.payments),
          received,
          refunds: Number(row.refunds),
          refunded,
          change,
          tips,
          net: received - refunded - change - tips,
        };
      })
      .sort(
        bySiteDayCurrency(
          (a, b) =>
            a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
        ),
      );
    return { ...scope, methods, totals: totalsOf(methods, PAYMENT_FIGURES) };
  }

  async taxes(query: HqMixReportQuery): Promise<HqTaxReportView> {
    const scope = await this.scope(query);
    const s = this.selection(query);
    const rows = await this.database.read<Raw>(
      `SELECT ${s.keys} d.currency AS "currency", d.name AS "name", d.parts_per_million AS "ppm",
         SUM(d.net) AS "net", SUM(d.tax) AS "tax", SUM(d.gross) AS "gross"
       FROM hq_sales_tax_days d ${s.join} WHERE ${s.where}
       GROUP BY ${s.groupKeys} d.currency, d.name, d.parts_per_million
       HAVING SUM(d.net) <> 0 OR SUM(d.tax) <> 0`,
      s.params,
    );
    const taxRows = rows
      .map((row): HqTaxRowView => ({
        ...keyOf(row),
        name: String(row.name),
        percent: ppmToPercent(Number(row.ppm)),
        net: Number(row.net),
        tax: Number(row.tax),
        gross: Number(row.gross),
      }))
      .sort(bySiteDayCurrency((a, b) => b.percent - a.percent || a.name.localeCompare(b.name)));
    return { ...scope, rows: taxRows, totals: totalsOf(taxRows, ['net', 'tax', 'gross'] as const) };
  }

  /** A site's Z reports of the period that have arrived, by business day. */
  async zReports(siteId: string, query: HqPeriodQuery): Promise<HqZReportsView> {
    checkPeriod(query);
    const site = await this.siteNamed(siteId);
    const reports = await this.database.reader.find(HqZReport, {
      where: { siteId, businessDay: Between(query.from, query.to) },
      order: { businessDay: 'ASC' },
    });
    return {
      ...site,
      from: query.from,
      to: query.to,
      items: reports.map((row) => ({
        businessDay: row.businessDay,
        number: row.number,
        closedAt: row.closedAt.toISOString(),
        receivedAt: row.receivedAt.toISOString(),
        report: JSON.parse(row.report) as Record<string, unknown>,
      })),
    };
  }

  async cashShifts(siteId: string, query: HqPeriodQuery): Promise<HqCashShiftsView> {
    checkPeriod(query);
    const site = await this.siteNamed(siteId);
    const shifts = await this.database.reader.find(HqCashShift, {
      where: { siteId, businessDay: Between(query.from, query.to) },
      order: { businessDay: 'ASC', closedAt: 'ASC', shiftId: 'ASC' },
    });
    const items = shifts.map((row) => ({
      shiftId: row.shiftId,
      businessDay: row.businessDay,
      currency: row.currency,
      closedAt: row.closedAt.toISOString(),
      expectedCash: row.expectedCash,
      countedCash: row.countedCash,
      difference: row.difference,
      receivedAt: row.receivedAt.toISOString(),
      shift: JSON.parse(row.shift) as Record<string, unknown>,
    }));
    const totals = totalsOf(
      items.map((item) => ({ ...item, shifts: 1 })),
      ['shifts', 'expectedCash', 'countedCash', 'difference'] as const,
    );
    return { ...site, from: query.from, to: query.to, items, totals };
  }

  /** A site's id and name, for a report of its own; 404 when headquarters has no such site. */
  private async siteNamed(siteId: string): Promise<{ siteId: string; siteName: string }> {
    const site = await this.database.reader.findOne(HqSite, {
      select: { id: true, name: true },
      where: { id: siteId },
    });
    if (!site) throw DomainError.notFound('Site');
    return { siteId: site.id, siteName: site.name };
  }

  /** The period checked, and the site and group asked for found. */
  private async scope(query: HqMixReportQuery): Promise<HqMixReportScopeView> {
    checkPeriod(query);
    const [site, group] = await Promise.all([
      query.siteId ? this.database.reader.existsBy(HqSite, { id: query.siteId }) : true,
      query.groupId ? this.database.reader.existsBy(HqSiteGroup, { id: query.groupId }) : true,
    ]);
    if (!site) throw DomainError.notFound('Site');
    if (!group) throw DomainError.notFound('Site group');
    return {
      from: query.from,
      to: query.to,
      siteId: query.siteId ?? null,
      groupId: query.groupId ?? null,
      groupBy: query.groupBy ?? null,
    };
  }

  /** The days $1 to $2 of the sites asked for, keyed by site or day when grouped so. */
  private selection(query: HqMixReportQuery): Selection {
    const { where, params } = daysSelected(query);
    const bySite = query.groupBy === 'site';
    const byDay = query.groupBy === 'day';
    return {
      keys: bySite
        ? 'd.site_id AS "siteId", MAX(s.name) AS "siteName",'
        : byDay
          ? 'd.business_day AS "businessDay",'
          : '',
      groupKeys: bySite ? 'd.site_id,' : byDay ? 'd.business_day,' : '',
      join: bySite ? 'JOIN hq_sites s ON s.id = d.site_id' : '',
      where,
      params,
    };
  }
}

/**
 * The conditions on a per-site day table `d` for a report's business days $1 to $2 and its site or site group,
 * with their parameters.
 */
export function daysSelected(query: HqMixReportQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [query.from, query.to];
  const where = ['d.business_day >= $1', 'd.business_day <= $2'];
  if (query.siteId) {
    params.push(query.siteId);
    where.push(`d.site_id = $${params.length}`);
  }
  if (query.groupId) {
    params.push(query.groupId);
    where.push(
      `d.site_id IN (SELECT m.site_id FROM hq_site_memberships m WHERE m.group_id = $${params.length})`,
    );
  }
  return { where: where.join(' AND '), params };
}

export function checkPeriod({ from, to }: HqPeriodQuery): void {
  if (from > to) throw DomainError.invalidField('from', `must not be after to (${to})`);
  if (addDays(from, MAX_REPORT_DAYS - 1) < to) {
    throw DomainError.invalidField('to', `must be within ${MAX_REPORT_DAYS} days of from (${from})`);
  }
}

function keyOf(row: Raw): HqMixKeyView {
  return {
    siteId: row.siteId === undefined || row.siteId === null ? null : String(row.siteId),
    siteName: row.siteName === undefined || row.siteName === null ? null : String(row.siteName),
    businessDay: row.businessDay === undefined || row.businessDay === null ? null : String(row.businessDay),
    currency: String(row.currency),
  };
}
