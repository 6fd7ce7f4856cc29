import { formats, t } from '../../../i18n/browser/page-i18n';
import type { Schemas } from '../../shared/api';

export type Order = Schemas['OrderView'];
export type Table = Schemas['TableView'];
export type Location = Schemas['LocationView'];

/** Where an order screen is: a table, or a takeaway order (its id chosen before it is sent, and the guest's name). */
export type Place =
  { kind: 'table'; tableId: string } | { kind: 'takeaway'; orderId: string; customerName: string };

/**
 * A takeaway order's fulfilment in a waiter's words. Like the other states' words, looked up as it is shown: a switch
 * of language re-renders it.
 */
export function fulfilmentLabel(status: Schemas['FulfilmentStatus']): string {
  return t(`waiter.fulfilment.${status}`);
}

type Item = Order['items'][number];

/** A line's kitchen state in a waiter's words. */
export function itemStatusLabel(status: Item['status']): string {
  return t(`waiter.itemStatuses.${status}`);
}

/** An order's state in a waiter's words. */
export function orderStatusWords(status: Order['status']): string {
  return t(`waiter.orderStatuses.${status}`);
}

/** Takeaway orders still at the counter (not closed, cancelled nor handed over), oldest first. */
export function takeawayOrders(orders: readonly Order[]): Order[] {
  return orders
    .filter((order) => order.type === 'takeaway' && isLive(order) && order.fulfilment?.status !== 'picked_up')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** What a waiter sees of a table at a glance, from its status and the orders sitting at it. */
export type TableState =
  'free' | 'reserved' | 'seated' | 'ordered' | 'food_ready' | 'bill_asked' | 'paid' | 'cleaning';

/** A table's state in a waiter's words. */
export function tableStateLabel(state: TableState): string {
  return t(`waiter.tableStates.${state}`);
}

const FINISHED: ReadonlyArray<Order['status']> = ['closed', 'cancelled'];

/** An order still on the floor: neither closed nor cancelled. */
export function isLive(order: Order): boolean {
  return !FINISHED.includes(order.status);
}

/**
 * The table's state, most advanced first: a table whose every order is paid is `paid`, one whose check was printed
 * is `bill_asked`, one with a plate on the pass is `food_ready`; `cleaning` and `reserved` come from the table.
 */
export function tableState(table: Table, orders: readonly Order[]): TableState {
  const live = orders.filter(
    (order) => order.tableId === table.id && isLive(order) && order.status !== 'pending',
  );
  if (live.length === 0) {
    if (table.status === 'occupied') return 'seated';
    return table.status;
  }
  if (live.every((order) => order.total > 0 && order.due === 0)) return 'paid';
  if (live.some((order) => order.billPrintedAt !== null)) return 'bill_asked';
  if (live.some((order) => order.items.some((item) => item.status === 'ready'))) return 'food_ready';
  return live.some((order) => order.items.length > 0) ? 'ordered' : 'seated';
}

/** Guests' orders from the QR page waiting for a waiter to accept them, by table. */
export function pendingQrOrders(orders: readonly Order[], tableId: string): Order[] {
  return orders.filter((order) => order.tableId === tableId && order.status === 'pending');
}

/** Money as the guest reads it, with the decimal mark of the chosen language: 1234 → "12.34", in German "12,34". */
export function money(minor: number): string {
  const sign = minor < 0 ? '−' : '';
  const units = Math.abs(minor);
  // "0.5" as the page writes numbers: its second character is the decimal mark.
  const mark = formats.number(0.5).charAt(1);
  return `${sign}${Math.floor(units / 100)}${mark}${String(units % 100).padStart(2, '0')}`;
}

/** "12.34" or "12,34" typed by a waiter → 1234; null when it is not an amount. */
export function parseMoney(typed: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(typed);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
