import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { OrderView } from './dto/order.views';
import { OrderEventScope, orderAudience } from './order-audience';
import { OrderItem } from './order-item.entity';
import { ACTIVE_ORDER_STATUSES, orderStatusFromItems, OrderStatus } from './order-status';
import { OrderTotals } from './order-totals';
import { Order } from './order.entity';
import { TableFollowing } from './table-following';

/**
 * An order loaded for a change, with its items; `emit` collects what the change tells clients. Its kitchen
 * audience is the stations of the order's fired items, or of `about` when the event concerns only some items.
 */
export interface OrderChange {
  tx: Tx;
  order: Order;
  items: OrderItem[];
  emit: (
    type: EventType,
    scope: OrderEventScope,
    extra?: Record<string, unknown>,
    about?: OrderItem[],
  ) => void;
}

interface PendingEvent {
  type: EventType;
  scope: OrderEventScope;
  extra: Record<string, unknown>;
  about?: OrderItem[];
}

/** The unit of work of every change to an existing order, the floor's and the payments' alike. */
@Injectable()
export class OrderChanges {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly totals: OrderTotals,
    private readonly tables: TableFollowing,
    private readonly clock: Clock,
  ) {}

  /**
   * The one way an existing order changes: lock it, check If-Match, apply `work`, let the order status follow its
   * items, recompute the totals, bump the version, save, and append the events `work` asked for, in one
   * transaction. Payments use it too.
   */
  change(
    id: string,
    ifMatch: number | undefined,
    work: (change: OrderChange) => Promise<void>,
  ): Promise<OrderView> {
    return this.database.transaction(async (tx) => {
      const [order] = await this.database.selectRows(tx, Order, 'id = $1', [id], true);
      if (!order) throw DomainError.notFound('Order');
      const items = await this.database.selectRows(tx, OrderItem, 'order_id = $1', [id]);
      if (ifMatch !== undefined && ifMatch !== order.version) {
        throw new DomainError(
          ErrorCode.VersionConflict,
          `The order changed (version ${order.version}, not ${ifMatch}): reload it and try again`,
          OrderView.of(order, items),
        );
      }
      const pending: PendingEvent[] = [];
      const snapshots = new Map(items.map((item) => [item.id, JSON.stringify(item)]));
      await work({
        tx,
        order,
        items,
        emit: (type, scope, extra = {}, about) => pending.push({ type, scope, extra, about }),
      });

      const followed = this.followItems(order, items);
      if (followed) {
        await this.tables.follow(tx, null, order);
        pending.push({
          type: EventType.OrderStatusChanged,
          scope: 'status',
          extra: { previousStatus: followed },
        });
      }
      this.totals.apply(order, items);
      order.version += 1;
      order.updatedAt = this.clock.now();
      await this.database.updateRows(tx, Order, order);
      // Only new and changed lines are written: a long tab stays cheap to change.
      const added = items.filter((item) => !snapshots.has(item.id));
      const changed = items.filter(
        (item) => snapshots.has(item.id) && snapshots.get(item.id) !== JSON.stringify(item),
      );
      await this.database.insertRows(tx, OrderItem, added);
      await this.database.updateRows(tx, OrderItem, changed);
      const view = OrderView.of(order, items);
      for (const event of pending) {
        this.eventLog.append(tx, {
          type: event.type,
          data: { ...view, ...event.extra },
          audience: orderAudience(order, event.about ?? items, event.scope),
        });
      }
      return view;
    });
  }

  /** An active order's status follows its items; answers the previous status when it moved. */
  private followItems(order: Order, items: OrderItem[]): OrderStatus | null {
    if (!ACTIVE_ORDER_STATUSES.includes(order.status)) return null;
    const next = orderStatusFromItems(items.map((item) => item.status));
    if (next === order.status) return null;
    const previous = order.status;
    order.status = next;
    return previous;
  }
}
