import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { OrderType } from '../common/order-type';
import { OrderStatus } from './order-status';
import type { Order } from './order.entity';

/** Where a takeaway or delivery order stands between the restaurant, the customer and the courier. */
export enum FulfilmentStatus {
  Received = 'received',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Ready = 'ready',
  PickedUp = 'picked_up',
  OutForDelivery = 'out_for_delivery',
  Delivered = 'delivered',
}

export interface FulfilmentAddress {
  line1: string;
  line2: string | null;
  city: string | null;
  postcode: string | null;
  notes: string | null;
}

export interface Courier {
  name: string | null;
  phone: string | null;
  trackingUrl: string | null;
}

const BOTH = [OrderType.Takeaway, OrderType.Delivery];

/**
 * Every fulfilment status change, and the order types it exists for: a takeaway order is picked up at the
 * counter; a delivery order leaves with a courier and is delivered. Rejecting is possible only before accepting.
 */
export const FULFILMENT_TRANSITIONS: ReadonlyArray<{
  from: FulfilmentStatus;
  to: FulfilmentStatus;
  types: readonly OrderType[];
}> = [
  { from: FulfilmentStatus.Received, to: FulfilmentStatus.Accepted, types: BOTH },
  { from: FulfilmentStatus.Received, to: FulfilmentStatus.Rejected, types: BOTH },
  { from: FulfilmentStatus.Accepted, to: FulfilmentStatus.Ready, types: BOTH },
  { from: FulfilmentStatus.Ready, to: FulfilmentStatus.PickedUp, types: [OrderType.Takeaway] },
  { from: FulfilmentStatus.Ready, to: FulfilmentStatus.OutForDelivery, types: [OrderType.Delivery] },
  { from: FulfilmentStatus.OutForDelivery, to: FulfilmentStatus.Delivered, types: [OrderType.Delivery] },
];

export function fulfilmentTransitionAllowed(
  type: OrderType,
  from: FulfilmentStatus,
  to: FulfilmentStatus,
): boolean {
  return FULFILMENT_TRANSITIONS.some((t) => t.from === from && t.to === to && t.types.includes(type));
}

/** 409 INVALID_TRANSITION unless the machine of `type` goes from `from` to `to`. */
export function assertFulfilmentTransition(
  type: OrderType,
  from: FulfilmentStatus,
  to: FulfilmentStatus,
): void {
  if (!fulfilmentTransitionAllowed(type, from, to)) {
    throw new DomainError(
      ErrorCode.InvalidTransition,
      `The fulfilment of a ${type} order cannot go from ${from} to ${to}`,
    );
  }
}

/** What the kitchen's screen (the expo at the pass) may do to a fulfilment: hand an order over, or say it is ready. */
export const KITCHEN_FULFILMENT_STATUSES: readonly FulfilmentStatus[] = [
  FulfilmentStatus.Ready,
  FulfilmentStatus.PickedUp,
  FulfilmentStatus.OutForDelivery,
];

/**
 * The fulfilment status the kitchen moves an order to when its status followed its items: every live line bumped
 * (the order `ready`) makes an accepted order ready for the counter; a recall (the order cooking again) takes a ready
 * one back to accepted. Null when the fulfilment stays (handed over, not accepted, dine-in).
 */
export function fulfilmentFollowingKitchen(
  order: Pick<Order, 'status' | 'fulfilmentStatus'>,
): FulfilmentStatus | null {
  if (order.status === OrderStatus.Ready && order.fulfilmentStatus === FulfilmentStatus.Accepted)
    return FulfilmentStatus.Ready;
  if (COOKING_ORDER.includes(order.status) && order.fulfilmentStatus === FulfilmentStatus.Ready)
    return FulfilmentStatus.Accepted;
  return null;
}

const COOKING_ORDER = [OrderStatus.Open, OrderStatus.InProgress];

/** Takeaway and delivery orders have a fulfilment; dine-in orders have none. */
export const HAS_FULFILMENT = (type: OrderType): boolean => BOTH.includes(type);
