import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { Principal } from './principal';

/**
 * Which orders an API key may post and change (API.md "Channels"): a key bound to a channel, that channel's
 * alone; an unbound key, the restaurant's own. Staff are held to their roles by the guard, not here. The orders,
 * payments, guests and channels modules all ask these, so the rule lives below them.
 */

/** The rules below in the words of the routes' 403 (ForChannelKeys). */
export const ChannelRule = {
  ChannelRoutes: 'A key bound to a channel reaches that channel’s routes only; an unbound key none',
  OwnOrdersOnly:
    'A key posts here only when bound to no channel: a channel’s key posts at POST /channels/{code}/orders',
  OwnChannelOrders:
    'A key changes only its channel’s orders: a key bound to a channel that channel’s, an unbound key the ' +
    'restaurant’s own',
} as const;
export type ChannelRule = (typeof ChannelRule)[keyof typeof ChannelRule];

/** The channel of orders the restaurant takes itself (the phone, the counter, its own web shop). */
export const OWN_CHANNEL = 'own';

/** A key bound to a channel reaches that channel's routes only. */
export function assertChannelCaller(principal: Principal, code: string): void {
  if (principal.kind === 'apiKey' && principal.channelCode !== code) {
    throw new DomainError(
      ErrorCode.Forbidden,
      principal.channelCode
        ? `This key is bound to the channel ${principal.channelCode}`
        : 'This key is bound to no channel: bind one with channelCode',
    );
  }
}

/** A key bound to a channel posts that channel's orders at its own route, never at POST /orders. */
export function assertOwnOrderPoster(principal: Principal | null): void {
  const code = boundChannelOf(principal);
  if (code) {
    throw new DomainError(
      ErrorCode.Forbidden,
      `This key is bound to the channel ${code}: it posts its orders at POST /channels/${code}/orders`,
    );
  }
}

/**
 * A key changes an order of its own channel only: a bound key that channel's orders, an unbound key the orders
 * of no aggregator (`own`, or dine-in without a channel).
 */
export function assertOrderWriter(principal: Principal, order: { channel: string | null }): void {
  if (principal.kind !== 'apiKey') return;
  const orderChannel = order.channel === OWN_CHANNEL ? null : order.channel;
  const code = boundChannelOf(principal);
  if (orderChannel === code) return;
  const whose = orderChannel ? `the channel ${orderChannel}’s` : 'the restaurant’s own';
  throw new DomainError(
    ErrorCode.Forbidden,
    code
      ? `This key is bound to the channel ${code}: this order is ${whose}`
      : `This key is bound to no channel: this order is ${whose}`,
  );
}

/**
 * The orders a caller reads: a key bound to a channel that channel's alone (another aggregator's customers are none
 * of its business: their orders are not found); staff and unbound keys every order. A filter on `orders.channel`.
 */
export function readableOrders(principal: Principal): { channel?: string } {
  const code = boundChannelOf(principal);
  return code ? { channel: code } : {};
}

function boundChannelOf(principal: Principal | null): string | null {
  return principal?.kind === 'apiKey' ? (principal.channelCode ?? null) : null;
}
