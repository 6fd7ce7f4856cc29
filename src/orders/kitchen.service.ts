import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { In, IsNull, Not } from 'typeorm';
import { Page, pageOfAll } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import type { KitchenTicketsQuery } from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { orderAudience } from './order-audience';
import { OrderItem } from './order-item.entity';
import { ItemStatus, OrderStatus } from './order-status';
import { Order } from './order.entity';

const COOKING = [ItemStatus.New, ItemStatus.InProgress];
const ON_THE_PASS = [...COOKING, ItemStatus.Ready];
const KITCHEN_ORDERS = [OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready];
const DELAY_SCAN_EVERY_MS = 30_000;

/** What kitchen screens need beyond the event stream: tickets for a cold start, and late-item alerts. */
@Injectable()
export class KitchenService {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Orders the kitchen works on, oldest first, each with only its live items (of one station, when given). Read
   * from the active orders, a set that stays small however long the history: not from items by status, which an
   * order closed before its items were served would keep matching for ever.
   */
  async tickets(query: KitchenTicketsQuery): Promise<Page<OrderView>> {
    const { stationId } = query;
    const manager = this.database.reader;
    const orders = await manager.find(Order, {
      where: { status: In(KITCHEN_ORDERS) },
      order: { createdAt: 'ASC', number: 'ASC' },
    });
    if (orders.length === 0) return pageOfAll([], query);
    const items = await manager.find(OrderItem, {
      where: {
        orderId: In(orders.map((order) => order.id)),
        status: In(ON_THE_PASS),
        ...(stationId ? { stationId } : {}),
      },
    });
    const itemsOf = groupByOrder(items);
    // Which orders have live items for the station is known only after reading them: the page is cut after.
    const tickets = orders.flatMap((order) => {
      const live = itemsOf.get(order.id);
      return live ? [OrderView.of(order, live)] : [];
    });
    return pageOfAll(tickets, query);
  }

  /**
   * Raises order.delayed once for items still cooking past their dish's prepMinutes since they were fired, of
   * active orders. Runs every 30 s; looks through a reader, and writes only when something is late. Answers how
   * many orders it raised it for.
   */
  @Interval(DELAY_SCAN_EVERY_MS)
  async raiseDelays(): Promise<number> {
    const now = this.clock.now().getTime();
    const orders = await this.database.reader.find(Order, { where: { status: In(KITCHEN_ORDERS) } });
    if (orders.length === 0) return 0;
    const cooking = await this.database.reader.find(OrderItem, {
      where: {
        orderId: In(orders.map((order) => order.id)),
        status: In(COOKING),
        delayedAt: IsNull(),
        firedAt: Not(IsNull()),
      },
    });
    const late = groupByOrder(
      cooking.filter((item) => item.firedAt!.getTime() + item.prepMinutes * 60_000 < now),
    );
    if (late.size === 0) return 0;
    return this.database.transaction(async (tx) => {
      let raised = 0;
      for (const [orderId, lateItems] of late) {
        // Read again in the transaction: the order may have moved on since the look.
        const order = await tx.manager.findOne(Order, {
          where: { id: orderId, status: In(KITCHEN_ORDERS) },
          ...this.database.forUpdate,
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
