import { Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { OWN_CHANNEL } from '../common/access/channel-access';
import { sha256Hex } from '../common/crypto/sha256';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import type { SalesSums } from '../reports/report-sums';
import { NO_SALES } from '../reports/sales-figures';
import { SalesFactsInput } from './dto/sales-facts.inputs';
import { SalesFactsReceiptView } from './dto/hq-sales.views';
import { HqSalesFact } from './hq-sales-fact.entity';
import { keepLabourDays } from './hq-labour-intake';
import { HqLiveBoard } from './hq-live-board';
import { HqSalesMix } from './hq-sales-mix';
import { HqSite } from './hq-site.entity';
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

/** A batch kept (what the site is answered), or refused with the problem kept on the site. */
type Intake = { receipt: SalesFactsReceiptView } | { refusal: string };

/** The column's length: a refusal naming many facts is cut there (the log line has them all). */
const REFUSAL_MAX_LENGTH = 500;

/**
 * Headquarters' intake of the sites' sales facts. A site sends its facts in its log's order and sends a batch
 * again until it has an answer, so any batch may come twice (a reply lost in a cut, an instance killed after its
 * commit): each fact is kept once by (site, stream, seq), a repeat of the same fact is counted and dropped, and a
 * "repeat" with other content is refused (409), never taken for the one held, and the refusal stays on the site
 * (GET /hq/sites) until a later batch brings a fact. What a site sends is checked at the
 * door: its shape and each type's figures by the DTO (sales-fact-rules.ts), its currency here. The site's row is
 * locked first (HqSitesService.heardFrom), so two batches of one site never interleave.
 */
@Injectable()
export class HqSalesService {
  private readonly logger = new Logger(HqSalesService.name);

  constructor(
    private readonly database: Database,
    private readonly sites: HqSitesService,
    private readonly liveBoard: HqLiveBoard,
    private readonly clock: Clock,
    private readonly mix: HqSalesMix,
  ) {}

  async receive(credential: string | undefined, input: SalesFactsInput): Promise<SalesFactsReceiptView> {
    const outcome = await this.database.transaction<Intake>(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      const currencyProblems = input.facts.flatMap((fact, i) =>
        fact.currency === site.currency
          ? []
          : [{ field: `facts[${i}].currency`, message: `must be the site’s currency, ${site.currency}` }],
      );
      if (currencyProblems.length > 0) throw DomainError.validation(currencyProblems);
      const { stream, began } = await streamOf(tx, site, input.stream);
      const seqs = input.facts.map((fact) => fact.seq);
      const held = new Map(
        (
          await tx.manager.find(HqSalesFact, {
            select: { seq: true, digest: true },
            where: { siteId: site.id, stream, seq: In(seqs) },
          })
        ).map((fact) => [fact.seq, fact.digest]),
      );
      const digests = input.facts.map((fact) => sha256Hex(JSON.stringify(fact)));
      const differing = input.facts.flatMap((fact, i) => {
        const digest = held.get(fact.seq);
        return digest && digest !== digests[i] ? [`facts[${i}] (seq ${fact.seq})`] : [];
      });
      if (differing.length > 0) {
        // Kept on the site's row (GET /hq/sites shows it) with its contact, and refused once that is committed.
        const refusal =
          `${differing.join(', ')}: headquarters holds another fact at this seq of the stream, and a kept fact ` +
          'never changes';
        this.logger.warn(`Site ${site.id} sent facts that differ from those held: ${differing.join(', ')}`);
        site.salesRefusal = refusal.slice(0, REFUSAL_MAX_LENGTH);
        site.salesRefusedAt = this.clock.now();
        await this.sites.recordCall(tx, site);
        return { refusal };
      }
      const now = this.clock.now();
      const kept = input.facts.filter((fact) => !held.has(fact.seq));
      const fresh = kept.map((fact) =>
        Object.assign(new HqSalesFact(), {
          siteId: site.id,
          stream,
          seq: fact.seq,
          digest: digests[input.facts.indexOf(fact)],
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
      await this.database.insertRows(tx, HqSalesFact, fresh);
      const sales = fresh.filter((fact) => fact.type === 'sale' || fact.type === 'refund');
      await addToDays(tx, site.id, sales);
      await this.mix.add(tx, site.id, kept, now);
      await keepLabourDays(tx, site.id, kept, now);
      for (const fact of sales) this.sites.tradesIn(site, fact.businessDay);
      // Where the site's database stands: a batch all held already (one sent again, late) says nothing new, and a
      // forged seq far ahead holds only until the site's next batch.
      if (fresh.length > 0 || began) site.salesCursor = Math.max(...seqs);
      if (fresh.length > 0) {
        site.salesRefusal = null;
        site.salesRefusedAt = null;
      }
      site.salesReceivedAt = now;
      site.salesPendingBatches = input.pendingBatches ?? 0;
      site.salesPendingSince = input.pendingSince ? new Date(input.pendingSince) : null;
      await this.sites.recordCall(tx, site);
      if (sales.length > 0) await this.liveBoard.announce(tx, site.id);
      return {
        receipt: {
          siteId: site.id,
          accepted: fresh.length,
          repeated: input.facts.length - fresh.length,
          cursor: site.salesCursor,
        },
      };
    });
    if ('refusal' in outcome) throw new DomainError(ErrorCode.Conflict, outcome.refusal);
    return outcome.receipt;
  }
}

/**
 * The stream a batch belongs to, made the site's current one (write the site after); `began` when it was not.
 * A batch naming none is of the stream last heard. The first stream a site names takes over the facts it sent
 * before it named any (kept under ''): they are its database's.
 */
async function streamOf(
  tx: Tx,
  site: HqSite,
  named: string | undefined,
): Promise<{ stream: string; began: boolean }> {
  if (named === undefined || named === site.salesStream)
    return { stream: site.salesStream ?? '', began: false };
  if (site.salesStream === null) {
    await tx.manager.update(HqSalesFact, { siteId: site.id, stream: '' }, { stream: named });
  }
  site.salesStream = named;
  return { stream: named, began: true };
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
