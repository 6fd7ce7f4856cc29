import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OWN_CHANNEL } from '../common/access/channel-access';
import { BusinessDaysService } from '../business-days/business-days.service';
import { AppConfig } from '../config/app-config';
import type { Tx } from '../database/database.service';
import type {
  ConsumerDefinition,
  ConsumerHandle,
  DerivedJob,
  Job,
  JobOutcome,
} from '../event-log/consumers/consumer';
import { Consumers } from '../event-log/consumers/consumers.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { MAX_FACTS_PER_BATCH, SalesFactInput, SalesFactsInput } from '../hq/dto/sales-facts.inputs';
import type { ReceiptView } from '../receipts/dto/receipt.views';
import { OrderReportQueries } from '../reports/order-report-queries';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { HqCallFailure } from './hq-client';
import { HqLinkRow } from './hq-link.entity';
import { LabourDayCache, LabourDays } from './labour-days';
import type { SalesFactContext } from './sales-fact-mix';
import { isSalesEvent, orderIdOf, salesFactOf } from './sales-facts';
import { SITE_LINKED } from './site-link-facts';
import { SiteLinkService } from './site-link.service';

/** One key: the facts go up in the log's order, one batch after another. */
const UPSTREAM_KEY = 'hq';

/**
 * A linked site's sales go up to headquarters on the durable consumer (src/event-log/consumers): each batch of
 * the log's events gives a job with its sales facts (sales-facts.ts), in batches of at most MAX_FACTS_PER_BATCH,
 * and the jobs run one after another in seq order. Headquarters keeps each fact once by (site, stream, seq), the
 * stream this database's (HqLinkRow.salesStream, kept across links), so a batch sent again after a lost answer or
 * a kill -9 changes nothing there. While headquarters cannot be reached a job
 * is retried (0.5 s doubling to 10 s) without end; while the link is revoked the jobs wait (held) and go once the
 * site is linked again. Facts start at the link: a site's sales before it are not sent. Costs a standalone site
 * nothing: with no link the consumer is idle.
 */
@Injectable()
export class SalesUpstream implements ConsumerDefinition<SalesFactsInput>, OnModuleInit {
  readonly name = 'hq-sales';
  readonly jobsLabel = 'sales facts for headquarters';
  readonly retry = { maxAttempts: Number.MAX_SAFE_INTEGER, firstCapMs: 500, longestCapMs: 10_000 };
  readonly attemptTimeoutMs = 15_000;
  readonly concurrency = 1;
  private jobs: ConsumerHandle<SalesFactsInput> | null = null;

  constructor(
    private readonly consumers: Consumers,
    private readonly eventLog: EventLog,
    private readonly siteLink: SiteLinkService,
    private readonly restaurant: RestaurantProfile,
    private readonly config: AppConfig,
    private readonly orderReports: OrderReportQueries,
    private readonly businessDays: BusinessDaysService,
    private readonly labour: LabourDays,
  ) {}

  onModuleInit(): void {
    if (this.config.role !== 'site') return;
    const jobs = this.consumers.register(this);
    this.jobs = jobs;
    // The stream starts where the log is when the link is made (a first link leaves an idle cursor behind).
    this.eventLog.on(SITE_LINKED, (tx) => jobs.holdCursor(tx));
  }

  async idle(manager: EntityManager): Promise<boolean> {
    return (await manager.count(HqLinkRow)) === 0;
  }

  wakesOn(event: EventRecord): boolean {
    return isSalesEvent(event);
  }

  async heldKeys(): Promise<readonly string[]> {
    return (await this.siteLink.isLinked()) ? [] : [UPSTREAM_KEY];
  }

  async derive(events: readonly EventRecord[], tx: Tx): Promise<Array<DerivedJob<SalesFactsInput>>> {
    const sales = events.filter(isSalesEvent);
    if (sales.length === 0) return [];
    const context = await this.contextOf(tx, sales);
    const labourDays: LabourDayCache = new Map();
    const facts: SalesFactInput[] = [];
    for (const event of sales) {
      facts.push(
        event.type === EventType.LabourChanged
          ? await this.labour.factOf(tx, event, labourDays)
          : salesFactOf(event, context),
      );
    }
    const jobs: Array<DerivedJob<SalesFactsInput>> = [];
    for (let start = 0; start < facts.length; start += MAX_FACTS_PER_BATCH) {
      const batch = facts.slice(start, start + MAX_FACTS_PER_BATCH);
      jobs.push({ seq: batch[batch.length - 1].seq, key: UPSTREAM_KEY, payload: { facts: batch } });
    }
    return jobs;
  }

  /**
   * What the batch's facts need besides the log: the orders' channels, what the closed and cancelled orders add
   * to the dish and payment-method reports, the methods refunds gave money back with, and the closed days' Z
   * reports (read from the business days' module as it stored them). A few statements per batch.
   */
  private async contextOf(tx: Tx, sales: readonly EventRecord[]): Promise<SalesFactContext> {
    const receipts = sales
      .filter((event) => event.type === EventType.ReceiptIssued)
      .map((event) => event.data as unknown as ReceiptView);
    const sold = receipts.filter((receipt) => receipt.kind === 'sale').map((receipt) => receipt.orderId);
    const cancelled = sales
      .filter((event) => event.type === EventType.OrderStatusChanged)
      .map((event) => String(event.data.id));
    const refunded = receipts
      .filter((receipt) => receipt.kind === 'refund')
      .flatMap((receipt) => receipt.payments.map((payment) => payment.paymentId));
    const closedDays = sales
      .filter((event) => event.type === EventType.BusinessDayClosed)
      .map((event) => String(event.data.businessDay));
    // One statement after another: a transaction's connection runs one at a time.
    const channelOf = await channelsOf(
      tx,
      sales.map(orderIdOf).filter((id): id is string => id !== null),
    );
    const linesOf = await this.orderReports.linesOf(tx, sold, cancelled);
    const methodOf = await this.orderReports.methodsOf(tx, refunded);
    const zReportOf = new Map<string, Record<string, unknown>>();
    for (const day of closedDays) {
      // Written with the event, in its transaction; were it missing, the fact goes without it, the stream on.
      const json = await this.businessDays.zReport(day, 'json').catch(() => null);
      if (json !== null) zReportOf.set(day, JSON.parse(json) as Record<string, unknown>);
    }
    return { channelOf, currency: this.restaurant.currency, linesOf, methodOf, zReportOf };
  }

  async run(job: Job<SalesFactsInput>): Promise<JobOutcome> {
    const link = await this.siteLink.liveLink();
    if (!link) return { result: 'held' };
    try {
      const behind = await this.jobs!.backlog(UPSTREAM_KEY, job.id);
      await link.client.sendSales(link.credential, {
        stream: link.salesStream,
        ...job.payload,
        pendingBatches: behind.jobs,
        pendingSince: behind.oldestAt?.toISOString() ?? null,
      });
      return { result: 'done' };
    } catch (failure) {
      const problem = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof HqCallFailure && failure.status === 401) {
        await this.siteLink.refused(link, problem);
        return { result: 'held' };
      }
      return { result: 'failed', error: problem };
    }
  }
}

/** The channel of each order: `own` for the restaurant's own (dine-in included). */
async function channelsOf(tx: Tx, orderIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx.sql<{ id: string; channel: string | null }>(
    `SELECT id, channel FROM orders WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, row.channel ?? OWN_CHANNEL]));
}
