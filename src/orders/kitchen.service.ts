import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventLog } from '../events/event-log.service';
import { EventType } from '../events/event-type';
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
export class KitchenService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KitchenService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.raiseDelays().catch((err: unknown) => this.logger.error({ err }, 'Delay scan failed')),
      DELAY_SCAN_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Orders the kitchen works on, oldest first, each with only its live items (of one station, when given). */
  async tickets(stationId?: string): Promise<OrderView[]> {
    const manager = this.database.reader;
    const items = await manager.find(OrderItem, {
      where: { status: In(ON_THE_PASS), ...(stationId ? { stationId } : {}) },
    });
    const orderIds = [...new Set(items.map((item) => item.orderId))];
    if (orderIds.length === 0) return [];
    const orders = await manager.find(Order, {
      where: { id: In(orderIds), status: In(KITCHEN_ORDERS) },
      order: { createdAt: 'ASC', number: 'ASC' },
    });
    return orders.map((order) =>
      OrderView.of(
        order,
        items.filter((item) => item.orderId === order.id),
      ),
    );
  }

  /**
   * Raises order.delayed once for items still cooking past their dish's prepMinutes since they were fired.
   * Runs every 30 s; answers how many orders it raised it for.
   */
  async raiseDelays(): Promise<number> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now().getTime();
      const cooking = await tx.manager.find(OrderItem, {
        where: { status: In(COOKING), delayedAt: IsNull(), firedAt: Not(IsNull()) },
      });
      const late = cooking.filter((item) => item.firedAt!.getTime() + item.prepMinutes * 60_000 < now);
      const byOrder = new Map<string, OrderItem[]>();
      for (const item of late) byOrder.set(item.orderId, [...(byOrder.get(item.orderId) ?? []), item]);
      let raised = 0;
      for (const [orderId, lateItems] of byOrder) {
        const order = await tx.manager.findOne(Order, { where: { id: orderId, status: In(KITCHEN_ORDERS) } });
        if (!order) continue;
        for (const item of lateItems) item.delayedAt = new Date(now);
        await tx.manager.save(lateItems);
        const items = await tx.manager.find(OrderItem, { where: { orderId } });
        this.eventLog.append(tx, {
          type: EventType.OrderDelayed,
          data: { ...OrderView.of(order, items), itemIds: lateItems.map((item) => item.id) },
          audience: orderAudience(order, lateItems, 'delay'),
        });
        raised += 1;
      }
      return raised;
    });
  }
}
