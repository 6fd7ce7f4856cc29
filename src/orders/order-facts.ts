import { FactKind } from '../event-log/facts';
import type { TaxRow } from '../money';
import type { OrderView } from './dto/order.views';

/** An order closed, nothing due: its view as it closed (lines, taxes, money) and the customer it was for. */
export interface OrderClosed {
  order: OrderView;
  customerId: string | null;
}

/** A person cancelled an order, or the restaurant rejected a channel's order: what was spent on it goes back. */
export interface OrderCancelled {
  orderId: string;
  reason: string;
}

/**
 * A merge emptied order `from` into order `into`: its lines, payments and any reward taken on it now belong to
 * `into`; `from` ends cancelled, but nothing was given back.
 */
export interface OrderMergedInto {
  from: string;
  into: string;
}

export const ORDER_CLOSED = new FactKind<OrderClosed>('order closed');
export const ORDER_CANCELLED = new FactKind<OrderCancelled>('order cancelled');
export const ORDER_MERGED_INTO = new FactKind<OrderMergedInto>('order merged into another');

/**
 * A line a refund gave back: which item, how many of its units at what unit price (modifiers included), and what
 * those units were charged, after the order's discount and with its service charge and tax.
 */
export interface RefundedLine {
  itemId: string;
  name: string;
  variationName: string | null;
  quantity: number;
  unitPrice: number;
  amount: number;
}

/** Money went back from a payment of the order: what, why, on which business day, and which tax it takes back. */
export interface RefundMade {
  id: string;
  paymentId: string;
  /** What left the order's paid amount. */
  amount: number;
  /** The part of the payment's tip given back too. */
  tip: number;
  reason: string;
  /** The business day it was made in, where it is reported. */
  businessDay: string;
  /** The lines it returned; empty for a refund by amount. */
  lines: RefundedLine[];
  /** The tax rows it takes back, negative; empty while the order was open (its tax is filed when it closes). */
  taxes: TaxRow[];
}

/** A refund of a payment the order holds; `order` is its view after the refund. */
export interface OrderRefunded {
  order: OrderView;
  customerId: string | null;
  refund: RefundMade;
}

export const ORDER_REFUNDED = new FactKind<OrderRefunded>('order refunded');

/** A line as the kitchen has it: how many of the item it makes, by what name, at what unit price (modifiers in). */
export interface KitchenLine {
  itemId: string;
  /** The dish with its variation, as the kitchen ticket names it. */
  name: string;
  quantity: number;
  /** Minor units, the modifiers' price deltas included. */
  unitPrice: number;
}

/**
 * What the kitchen has of an order changed: lines were sent, fired, voided, or moved in or out (a merge, a move,
 * a split). `lines` are every line at the kitchen now (none once all are voided or gone); the order's source,
 * channel and device say at which till it was taken.
 */
export interface OrderSentToKitchen {
  orderId: string;
  source: string;
  channel: string | null;
  deviceId: string | null;
  lines: KitchenLine[];
}

export const ORDER_SENT_TO_KITCHEN = new FactKind<OrderSentToKitchen>('order sent to the kitchen');
