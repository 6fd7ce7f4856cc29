import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { OWN_CHANNEL } from '../common/access/channel-access';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import type { SalesSums } from '../reports/report-sums';
import { NO_SALES } from '../reports/sales-figures';
import { SalesFactsInput } from './dto/sales-facts.inputs';
import { SalesFactsReceiptView } from './dto/hq-sales.views';
import { HqSalesFact } from './hq-sales-fact.entity';
import { HqLiveBoard } from './hq-live-board';
import { HqSalesMix } from './hq-sales-mix';
import { HqSitesService } from './hq-sites.service';

/** The figures in the order ADD_TO_DAY takes them. */
const FIGURES = Object.keys(NO_SALES) as Array<keyof SalesSums>;

/** Adds one site's day (in one currency, through one channel) to its sums, whether it has any yet or not. */
const ADD_TO_DAY = `INSERT INTO hq_sales_days (site_id, business_day, currency, channel, orders, gross, discounts,
    service_charge, tax, refunds, net_sales, tips) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (site_id, business_day, currency, channel) DO UPDATE SET orders = hq_sales_days.orders + excluded.orders,
    gross = hq_sales_days.gross + excluded.gross, discounts = hq_sales_days.discounts + excluded.discounts,
    service_charge = hq_sales_days.service_charge + excluded.service_charge, tax = hq_sales_days.tax + excluded.tax,
    refunds = hq_sales_days.refunds + excluded.refunds, net_sales = hq_sales_days.net_sales + excluded.net_sales,
    tips = hq_sales_days.tips + excluded.tips`;

/**
 * Headquarters' intake of the sites' sales facts. A site sends its facts in its log's order and sends a batch
 * again until it has an answer, so any batch may come twice (a reply lost in a cut, an instance killed after its
 * commit): each fact is kept once by (site, seq), a repeat is counted and dropped. The site's row is locked
 * first (HqSitesService.heardFrom), so two batches of one site never interleave.
 */
@Injectable()
export class HqSalesService {
  constructor(
    private readonly database: Database,
    private readonly sites: HqSitesService,
    private readonly liveBoard: HqLiveBoard,
    private readonly clock: Clock,
    private readonly mix: HqSalesMix,
  ) {}

  receive(credential: string | undefined, input: SalesFactsInput): Promise<SalesFactsReceiptView> {
    return this.database.transaction(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      const seqs = input.facts.map((fact) => fact.seq);
      const held = new Set(
        (
          await tx.manager.find(HqSalesFact, {
            select: { seq: true },
            where: { siteId: site.id, seq: In(seqs) },
          })
        ).map((fact) => fact.seq),
      );
      const now = this.clock.now();
      const fresh = new Map<number, HqSalesFact>();
      const kept: SalesFactsInput['facts'] = [];
      for (const fact of input.facts) {
        if (held.has(fact.seq) || fresh.has(fact.seq)) continue;
        kept.push(fact);
        fresh.set(
          fact.seq,
          Object.assign(new HqSalesFact(), {
            siteId: site.id,
            seq: fact.seq,
            type: fact.type,
            occurredAt: new Date(fact.occurredAt),
            businessDay: fact.businessDay,
            currency: fact.currency,
            channel: fact.channel ?? null,
            orderId: fact.orderId ?? null,
            sums: { ...fact.figures },
            detail: JSON.stringify(fact.detail),
            receivedAt: now,
          }),
        );
      }
      await this.database.insertRows(tx, HqSalesFact, [...fresh.values()]);
      const sales = [...fresh.values()].filter((fact) => fact.type === 'sale' || fact.type === 'refund');
      await addToDays(tx, site.id, sales);
      await this.mix.add(tx, site.id, kept, now);
      for (const fact of sales) this.sites.tradesIn(site, fact.businessDay);
      site.salesCursor = Math.max(site.salesCursor, ...seqs);
      site.salesReceivedAt = now;
      site.salesPendingBatches = input.pendingBatches ?? 0;
      site.salesPendingSince = input.pendingSince ? new Date(input.pendingSince) : null;
      await this.sites.recordCall(tx, site);
      if (sales.length > 0) await this.liveBoard.announce(tx, site.id);
      return {
        siteId: site.id,
        accepted: fresh.size,
        repeated: input.facts.length - fresh.size,
        cursor: site.salesCursor,
      };
    });
  }
}

/** The new sales' money, added to their days' sums (one statement per site, day, currency and channel). */
async function addToDays(tx: Tx, siteId: string, sales: HqSalesFact[]): Promise<void> {
  const days = new Map<string, { key: string[]; sums: number[] }>();
  for (const fact of sales) {
    const key = [siteId, fact.businessDay, fact.currency, fact.channel ?? OWN_CHANNEL];
    const day = days.get(key.join('|')) ?? { key, sums: FIGURES.map(() => 0) };
    FIGURES.forEach((figure, i) => (day.sums[i] += fact.sums[figure]));
    days.set(key.join('|'), day);
  }
  for (const { key, sums } of days.values()) await tx.sql(ADD_TO_DAY, [...key, ...sums]);
}
