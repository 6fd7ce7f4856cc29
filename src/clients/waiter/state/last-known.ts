import { isLive, type Order } from './floor';

const LAST_KNOWN_KEY = 'waiter.lastKnownOrders';

/**
 * The live orders as this tablet last knew them, kept in `localStorage` on every change: the service worker's
 * cached answers are as old as the last load, so after an offline reload an order opened since (by this tablet or
 * another, seen in an event) would be missing and its table shown "Free".
 */
export function keepLastKnown(orders: Iterable<Order>): void {
  try {
    localStorage.setItem(LAST_KNOWN_KEY, JSON.stringify([...orders].filter(isLive)));
  } catch {
    // A full or disabled storage costs the offline restore only; the service keeps the truth.
  }
}

export function lastKnown(): Order[] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(LAST_KNOWN_KEY) ?? '[]');
    return Array.isArray(kept) ? (kept as Order[]) : [];
  } catch {
    return [];
  }
}
