import type { Tx } from '../database/unit-of-work';
import type { EventLog } from '../event-log/event-log.service';
import type { OrderItem } from './order-item.entity';
import { KitchenLine, ORDER_SENT_TO_KITCHEN } from './order-facts';
import { ItemStatus, OrderStatus } from './order-status';
import type { Order } from './order.entity';

/** Item statuses the kitchen has been told of: held lines wait for their course, cancelled ones were voided. */
const AT_THE_KITCHEN: ReadonlySet<ItemStatus> = new Set([
  ItemStatus.New,
  ItemStatus.InProgress,
  ItemStatus.Ready,
  ItemStatus.Served,
]);

/** The lines the kitchen has of an order; none while the order waits to be accepted (a QR order). */
export function kitchenLinesOf(order: Order, items: readonly OrderItem[]): KitchenLine[] {
  if (order.status === OrderStatus.Pending) return [];
  return items
    .filter((item) => AT_THE_KITCHEN.has(item.status))
    .map((item) => ({
      itemId: item.id,
      name: item.variationName ? `${item.name} ${item.variationName}` : item.name,
      quantity: item.quantity,
      unitPrice: item.unitPrice + item.modifiers.reduce((sum, modifier) => sum + modifier.priceDelta, 0),
    }));
}

/** What the kitchen has, to compare before and after a change: each line's id and quantity. */
export function kitchenKey(order: Order, items: readonly OrderItem[]): string {
  return kitchenLinesOf(order, items)
    .map((line) => `${line.itemId}:${line.quantity}`)
    .sort()
    .join(',');
}

/**
 * Raises ORDER_SENT_TO_KITCHEN when what the kitchen has of the order is no longer what it had (`before`, a
 * kitchenKey; '' for a new order): only writes that reach the kitchen cost the modules that follow it anything.
 */
export function raiseIfSentToKitchen(
  eventLog: EventLog,
  tx: Tx,
  order: Order,
  items: readonly OrderItem[],
  before: string,
): void {
  if (kitchenKey(order, items) === before) return;
  eventLog.raise(tx, ORDER_SENT_TO_KITCHEN, {
    orderId: order.id,
    source: order.source,
    channel: order.channel,
    deviceId: order.deviceId,
    lines: kitchenLinesOf(order, items),
  });
}
