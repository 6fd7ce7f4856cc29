import { Role } from '../common/access/role';
import type { Audience } from '../event-log/audience';
import type { OrderItem } from './order-item.entity';
import type { Order } from './order.entity';
import { OrderStatus } from './order-status';

export type OrderEventScope = 'work' | 'status' | 'payment' | 'fulfilment' | 'delay';

/**
 * Who hears about an order (API.md "Real-time events"): the kitchen only once it is no longer a pending QR order,
 * and then only stations with items the kitchen was sent (fired) in `items`; the guests of its table for status
 * changes; integrations for all but delays. Payments are the floor's, not the kitchen's; a fulfilment change is the
 * pass's too (the expo hands takeaway over, and must hear one handed over elsewhere). Items that were never fired (held,
 * or voided while held or pending) are no kitchen's business: a station whose only items are held hears nothing, and an order of held items
 * reaches no kitchen screen at all, nor does an even split's part (money without food).
 */
export function orderAudience(order: Order, items: OrderItem[], scope: OrderEventScope): Audience {
  // Voided items count too: the station that was cooking one must hear that it was voided.
  const fired = items.filter((item) => item.firedAt !== null);
  const stationIds = [...new Set(fired.flatMap((item) => (item.stationId ? [item.stationId] : [])))];
  const kitchenSees = order.status !== OrderStatus.Pending && scope !== 'payment' && fired.length > 0;
  const roles = kitchenSees
    ? [Role.Kitchen, Role.Waiter, Role.Manager, Role.Admin]
    : [Role.Waiter, Role.Manager, Role.Admin];
  if (scope === 'delay') return { roles: [Role.Kitchen, Role.Waiter, Role.Manager], stationIds };
  return {
    roles,
    stationIds: kitchenSees ? stationIds : undefined,
    customers:
      scope === 'status' && order.tableId && order.seating !== null
        ? { tableId: order.tableId, seating: order.seating }
        : undefined,
    integrations: true,
  };
}
