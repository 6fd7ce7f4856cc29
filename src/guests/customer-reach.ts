import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { readableOrders } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Order } from '../orders/order.entity';
import type { Customer } from './customer.entities';

/**
 * Which customers a caller reaches (docs/channels.md): a key bound to a channel only those attached to an order of
 * that channel, for it reads only those orders (readableOrders); staff and unbound keys every customer. Another
 * channel's customer, or the restaurant's own, is not found (404), as its orders are not.
 */
export function channelOfReach(principal: Principal): string | null {
  return readableOrders(principal).channel ?? null;
}

/** Narrows a customer search (alias `customer`) to the customers `principal` reaches. */
export function reachableOnly(search: SelectQueryBuilder<Customer>, principal: Principal): void {
  const channel = channelOfReach(principal);
  if (!channel) return;
  search.andWhere(
    (query) =>
      `EXISTS ${query
        .subQuery()
        .select('1')
        .from(Order, 'reach')
        .where('reach.customerId = customer.id')
        .andWhere('reach.channel = :reachChannel')
        .getQuery()}`,
    { reachChannel: channel },
  );
}

/** 404 unless `principal` reaches the customer `id`. */
export async function assertReaches(manager: EntityManager, principal: Principal, id: string): Promise<void> {
  const channel = channelOfReach(principal);
  if (channel && !(await manager.existsBy(Order, { customerId: id, channel }))) {
    throw DomainError.notFound('Customer');
  }
}

/**
 * Whether a bound key may put the customer `id` on one of its orders: one it reaches, or a profile on no order yet
 * (one it has just made); never another channel's customer.
 */
export async function mayAttach(manager: EntityManager, principal: Principal, id: string): Promise<boolean> {
  const channel = channelOfReach(principal);
  if (!channel) return true;
  if (await manager.existsBy(Order, { customerId: id, channel })) return true;
  return !(await manager.existsBy(Order, { customerId: id }));
}
