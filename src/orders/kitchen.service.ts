import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { In, IsNull, LessThan, Not } from 'typeorm';
import { CoalescingRunner } from '../common/loops/coalescing-runner';
import { Page, pageOfAll } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import type { KitchenTicketsQuery } from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { orderAudience } from './order-audience';
import { OrderItem } from './order-item.entity';
import { ItemStatus, OrderStatus } from './order-status';
import { Order } from './order.entity';

export const COOKING = [ItemStatus.New, ItemStatus.InProgress];
const ON_THE_PASS = [...COOKING, ItemStatus.Ready];
export const KITCHEN_ORDERS = [OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready];
const DELAY_SCAN_EVERY_MS = 30_000;

/** What kitchen screens need beyond the event stream: tickets for a cold start, and late-item alerts. */
@Injectable()
export class KitchenService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly delayScans = new CoalescingRunner(() => this.raiseDelays(), {
    name: 'Scanning for late items',
    logger: new Logger(KitchenService.name),
    everyMs: DELAY_SCAN_EVERY_MS,
  });

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.delayScans.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.delayScans.stop();
  }

  /**
   * Orders the kitchen works on, oldest first: those with an item new, in progress or ready (of the stations asked
   * for, when some are), each with those items, its held ones (a later course, shown as waiting) and the ones
   * voided after they were fired (so a screen that reloads still shows the void). Read from the active orders, a
   * set that stays small however long the history: not from items by status, which an order closed before its
   * items were served would keep matching for ever.
   */
  async tickets(query: KitchenTicketsQuery): Promise<Page<OrderView>> {
    const stationIds = [
      ...new Set([...(query.stationId ? [query.stationId] : []), ...(query.stationIds ?? [])]),
    ];
    const manager = this.database.reader;
    const orders = await manager.find(Order, {
      where: { status: In(KITCHEN_ORDERS) },
      order: { createdAt: 'ASC', number: 'ASC' },
    });
    if (orders.length === 0) return pageOfAll([], query);
    const ofStations = {
      orderId: In(orders.map((order) => order.id)),
      ...(stationIds.length > 0 ? { stationId: In(stationIds) } : {}),
    };
    const items = await manager.find(OrderItem, {
      where: [
        { ...ofStations, status: In([ItemStatus.Held, ...ON_THE_PASS]) },
        { ...ofStations, status: ItemStatus.Cancelled, firedAt: Not(IsNull()) },
      ],
    });
    const itemsOf = groupByOrder(items);
    // Which orders have live items for the stations is known only after reading them: the page is cut after.
    const tickets = orders.flatMap((order) => {
      const shown = itemsOf.get(order.id) ?? [];
      return shown.some((item) => ON_THE_PASS.includes(item.status)) ? [OrderView.of(order, shown)] : [];
    });
    return pageOfAll(tickets, query);
  }

  /**
   * Raises order.delayed once for items of active orders still cooking past the order's promised time, or else
   * past their dish's prepMinutes since they were fired. Runs every 30 s; looks through a reader, and writes only when something is late. Answers how
   * many orders it raised it for.
   */
  async raiseDelays(): Promise<number> {
    const now = this.clock.now().getTime();
    const late = groupByOrder(await this.lateItems(now));
    if (late.size === 0) return 0;
    return this.database.transaction(async (tx) => {
      let raised = 0;
      for (const [orderId, lateItems] of late) {
        // Read again in the transaction: the order may have moved on since the look.
        const order = await tx.manager.findOne(Order, {
          where: { id: orderId, status: In(KITCHEN_ORDERS) },
          ...this.database.lockFor(tx, LockKind.Order),
        });
        if (!order) continue;
        const items = await tx.manager.find(OrderItem, { where: { orderId } });
        const stillLate = items.filter(
          (item) =>
            lateItems.some((candidate) => candidate.id === item.id) &&
            COOKING.includes(item.status) &&
            item.delayedAt === null,
        );
        if (stillLate.length === 0) continue;
        for (const item of stillLate) item.delayedAt = new Date(now);
        await this.database.updateRows(tx, OrderItem, stillLate);
        this.eventLog.append(tx, {
          type: EventType.OrderDelayed,
          data: { ...OrderView.of(order, items), itemIds: stillLate.map((item) => item.id) },
          audience: orderAudience(order, stillLate, 'delay'),
        });
        raised += 1;
      }
      return raised;
    });
  }
  /**
   * Items of active orders still cooking past their deadline, not yet reported late: the order's promisedAt when
   * it has one, else the item's prepMinutes since it was fired. The database picks them in one query joined to the
   * orders: one cutoff per distinct prep time (a handful), so the scan loads the late items only. Loading every
   * cooking item of every active order into entities stalled the event loop for up to a second with thousands open.
   */
  private async lateItems(now: number): Promise<OrderItem[]> {
    const reader = this.database.reader;
    const cooking = { status: In(COOKING), delayedAt: IsNull(), firedAt: Not(IsNull()) };
    const prepTimes: Array<{ prepMinutes: number | string }> = await reader
      .createQueryBuilder(OrderItem, 'item')
      .select('DISTINCT item.prepMinutes', 'prepMinutes')
      .where(cooking)
      .getRawMany();
    if (prepTimes.length === 0) return [];
    return reader.find(OrderItem, {
      where: [
        ...prepTimes.map(({ prepMinutes }) => ({
          ...cooking,
          prepMinutes: Number(prepMinutes),
          firedAt: LessThan(new Date(now - Number(prepMinutes) * 60_000)),
          order: { status: In(KITCHEN_ORDERS), promisedAt: IsNull() },
        })),
        { ...cooking, order: { status: In(KITCHEN_ORDERS), promisedAt: LessThan(new Date(now)) } },
      ],
    });
  }
}

function groupByOrder(items: OrderItem[]): Map<string, OrderItem[]> {
  const byOrder = new Map<string, OrderItem[]>();
  for (const item of items) {
    const list = byOrder.get(item.orderId);
    if (list) list.push(item);
    else byOrder.set(item.orderId, [item]);
  }
  return byOrder;
}
