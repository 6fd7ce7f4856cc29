import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { SalesFactsInput } from './dto/sales-facts.inputs';
import { SalesFactsReceiptView } from './dto/hq-sales.views';
import { HqSalesFact } from './hq-sales-fact.entity';
import { HqSitesService } from './hq-sites.service';

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
    private readonly clock: Clock,
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
      for (const fact of input.facts) {
        if (held.has(fact.seq) || fresh.has(fact.seq)) continue;
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
            ...fact.figures,
            detail: JSON.stringify(fact.detail),
            receivedAt: now,
          }),
        );
      }
      await this.database.insertRows(tx, HqSalesFact, [...fresh.values()]);
      site.salesCursor = Math.max(site.salesCursor, ...seqs);
      site.salesReceivedAt = now;
      await this.sites.recordSales(tx, site);
      return {
        siteId: site.id,
        accepted: fresh.size,
        repeated: input.facts.length - fresh.size,
        cursor: site.salesCursor,
      };
    });
  }
}
