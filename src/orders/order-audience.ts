import { Role } from '../common/access/role';
import type { Audience } from '../event-log/audience';
import type { OrderItem } from './order-item.entity';
import type { Order } from './order.entity';
import { OrderStatus } from './order-status';

export type OrderEventScope = 'work' | 'status' | 'payment' | 'delay';

/**
 * Who hears about an order (API.md "Real-time events"): the kitchen only once it is no longer a pending QR order and
 * only when it has items (an even split's part, money without food, is no kitchen's business), and then only
 * stations with items in it; the guests of its table for status changes; integrations for all
 * but delays.
 */
export function orderAudience(order: Order, items: OrderItem[], scope: OrderEventScope): Audience {
  // Voided items count too: the station that was cooking one must hear that it was voided.
  const stationIds = [...new Set(items.flatMap((item) => (item.stationId ? [item.stationId] : [])))];
  const kitchenSees = order.status !== OrderStatus.Pending && scope !== 'payment' && items.length > 0;
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
