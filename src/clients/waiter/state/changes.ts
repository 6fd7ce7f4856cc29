import { formats, t } from '../../../i18n/browser/page-i18n';
import type { Api, Schemas } from '../../shared/api';
import type { Order } from './floor';

/** An order line as the waiter composed it: the API's item with its client id, and what to show before it is sent. */
export interface LineDraft {
  item: Schemas['OrderItemInput'] & { id: string };
  /** "2 × Burger (Large) · no onions": shown as "not sent yet" until the order comes back from the service. */
  label: string;
  unitPrice: number;
}

/**
 * One write a waiter makes, in the tablet's own words. Each becomes exactly one API call (see `send`), made with
 * the write's Idempotency-Key and, on an order, `If-Match`: the order's version the waiter saw.
 */
export type Change =
  | {
      kind: 'open-order';
      orderId: string;
      /** The table, or null for a takeaway order, which carries the guest's name instead. */
      tableId: string | null;
      guests: number;
      customerName: string | null;
      lines: LineDraft[];
    }
  | { kind: 'hand-over'; orderId: string; number: number }
  | { kind: 'rush'; orderId: string; rush: boolean }
  | { kind: 'add-items'; orderId: string; lines: LineDraft[] }
  | { kind: 'fire'; orderId: string; course: number }
  | { kind: 'remove-item'; orderId: string; itemId: string; label: string; reason?: string }
  | { kind: 'serve-item'; orderId: string; itemId: string; label: string }
  | { kind: 'accept-qr-order'; orderId: string }
  | {
      kind: 'pay';
      orderId: string;
      paymentId: string;
      method: Pick<Schemas['PaymentMethodView'], 'id' | 'name' | 'kind'>;
      amount: number;
      tip: number;
      giftCardCode?: string;
    }
  | { kind: 'close'; orderId: string }
  /** What was paid over the total, given back from one payment (`reason` in the waiter's words). */
  | { kind: 'give-back'; orderId: string; paymentId: string; amount: number; reason: string }
  | { kind: 'discount'; orderId: string; discount: Schemas['DiscountInput'] }
  | { kind: 'split'; orderId: string; split: Schemas['SplitInput'] }
  | { kind: 'move'; orderId: string; tableId: string; tableName: string }
  | { kind: 'merge'; orderId: string; fromOrderIds: string[] }
  | { kind: 'customer'; orderId: string; customerId: string | null; name: string }
  | { kind: 'reward'; orderId: string; rewardId: string; name: string }
  | { kind: 'print-bill'; orderId: string }
  | { kind: 'print-receipt'; orderId: string; receiptId: string }
  | { kind: 'table-status'; tableId: string; status: Schemas['TableStatusInput']['status'] };

/** A change as it waits in the outbox: with the order's version it was made against and the lines the waiter saw. */
export interface QueuedChange {
  change: Change;
  /** If-Match; null: the order as this tablet's previous write on it left it (or a new order). */
  baseVersion: number | null;
  /** The order's lines as the waiter saw them when tapping, for the conflict screen. */
  seen: string[];
}

/** What the service answered a change with: the orders it changed (a payment or a print changes none itself). */
export type Answer = { ok: true; orders: Order[] } | { ok: false; response: Response; error: unknown };

/** Writes that need the service there and then: money moved by a card or a gift card, a manager's approval. */
export function needsConnection(change: Change): string | null {
  if (change.kind === 'pay' && change.method.kind === 'gift_card') return t('waiter.changes.giftCardOnline');
  if (change.kind === 'pay' && change.method.kind === 'card') return t('waiter.changes.cardOnline');
  if (change.kind === 'discount') return t('waiter.changes.discountOnline');
  if (change.kind === 'reward') return t('waiter.changes.rewardOnline');
  if (change.kind === 'give-back') return t('waiter.changes.giveBackOnline');
  return null;
}

/** The order a change is about, when it is one. */
export function orderOf(change: Change): string | null {
  return 'orderId' in change ? change.orderId : null;
}

/** The change in a waiter's words, for the "not sent yet" list and the conflict screen. */
export function describe(change: Change): string {
  const lines = (drafts: LineDraft[]) => drafts.map((line) => line.label).join(', ');
  switch (change.kind) {
    case 'open-order':
      return t('waiter.changes.openOrder', {
        lines: lines(change.lines) || t('waiter.changes.noLinesYet'),
      });
    case 'add-items':
      return t('waiter.changes.add', { lines: lines(change.lines) });
    case 'fire':
      return t('waiter.changes.fire', { course: change.course });
    case 'remove-item':
      return change.reason
        ? t('waiter.changes.removeWithReason', { line: change.label, reason: change.reason })
        : t('waiter.changes.remove', { line: change.label });
    case 'serve-item':
      return t('waiter.changes.served', { line: change.label });
    case 'hand-over':
      return t('waiter.changes.handedOver', { number: change.number });
    case 'rush':
      return t(change.rush ? 'waiter.changes.rush' : 'waiter.changes.noRush');
    case 'accept-qr-order':
      return t('waiter.changes.acceptQr');
    case 'pay': {
      const paid = { method: change.method.name, amount: formats.money(change.amount) };
      return change.tip
        ? t('waiter.changes.payWithTip', { ...paid, tip: formats.money(change.tip) })
        : t('waiter.changes.pay', paid);
    }
    case 'close':
      return t('waiter.changes.close');
    case 'give-back':
      return t('waiter.changes.giveBack', { amount: formats.money(change.amount) });
    case 'discount':
      return t('waiter.changes.discount', {
        value: discountValue(change.discount),
        reason: change.discount.reason,
      });
    case 'split':
      if (change.split.by === 'even') return t('waiter.changes.splitEvenly', { parts: change.split.parts });
      return t(change.split.by === 'seat' ? 'waiter.changes.splitBySeat' : 'waiter.changes.splitByItems');
    case 'move':
      return t('waiter.changes.move', { table: change.tableName });
    case 'merge':
      return t('waiter.changes.merge', { count: change.fromOrderIds.length });
    case 'customer':
      return change.customerId
        ? t('waiter.changes.attach', { name: change.name })
        : t('waiter.changes.detach');
    case 'reward':
      return t('waiter.changes.reward', { name: change.name });
    case 'print-bill':
      return t('waiter.changes.printBill');
    case 'print-receipt':
      return t('waiter.changes.printReceipt');
    case 'table-status':
      return t('waiter.changes.tableStatus', { status: t(`waiter.tableStatuses.${change.status}`) });
  }
}

/** A discount as the restaurant writes it: "10%" off, or an amount in its currency. */
export function discountValue(discount: Schemas['DiscountInput']): string {
  return discount.kind === 'percent' ? formats.percent(discount.value) : formats.money(discount.value);
}

/** The one API call a change is; `key` is its Idempotency-Key, `ifMatch` the order version it was made against. */
export async function send(api: Api, change: Change, key: string, ifMatch: number | null): Promise<Answer> {
  const headers = { 'Idempotency-Key': key, ...(ifMatch === null ? {} : { 'If-Match': String(ifMatch) }) };
  const order = (id: string) => ({ path: { id } });
  const one = async (call: Promise<{ data?: Order; error?: unknown; response: Response }>) =>
    answer(await call, (data) => [data]);
  switch (change.kind) {
    case 'open-order':
      return one(
        api.POST('/api/v1/orders', {
          headers,
          body: {
            id: change.orderId,
            items: change.lines.map((line) => line.item),
            ...(change.tableId === null
              ? { type: 'takeaway', fulfilment: { customerName: change.customerName ?? '' } }
              : { type: 'dine_in', tableId: change.tableId, guests: change.guests }),
          },
        }),
      );
    case 'add-items':
      return one(
        api.POST('/api/v1/orders/{id}/items', {
          headers,
          params: order(change.orderId),
          body: { items: change.lines.map((line) => line.item) },
        }),
      );
    case 'fire':
      return one(
        api.POST('/api/v1/orders/{id}/fire', {
          headers,
          params: order(change.orderId),
          body: { course: change.course },
        }),
      );
    case 'remove-item':
      return one(
        api.DELETE('/api/v1/orders/{id}/items/{itemId}', {
          headers,
          params: { path: { id: change.orderId, itemId: change.itemId } },
          body: change.reason ? { reason: change.reason } : {},
        }),
      );
    case 'serve-item':
      return one(
        api.PATCH('/api/v1/orders/{id}/items/{itemId}/status', {
          headers,
          params: { path: { id: change.orderId, itemId: change.itemId } },
          body: { status: 'served' },
        }),
      );
    case 'hand-over':
      return one(
        api.PATCH('/api/v1/orders/{id}/fulfilment', {
          headers,
          params: order(change.orderId),
          body: { status: 'picked_up' },
        }),
      );
    case 'rush':
      return one(
        api.PATCH('/api/v1/orders/{id}', {
          headers,
          params: order(change.orderId),
          body: { rush: change.rush },
        }),
      );
    case 'accept-qr-order':
      return one(
        api.PATCH('/api/v1/orders/{id}/status', {
          headers,
          params: order(change.orderId),
          body: { status: 'open' },
        }),
      );
    case 'close':
      return one(
        api.PATCH('/api/v1/orders/{id}/status', {
          headers,
          params: order(change.orderId),
          body: { status: 'closed' },
        }),
      );
    case 'give-back':
      return answer(
        await api.POST('/api/v1/payments/{id}/refund', {
          headers,
          // The route names its key as a parameter too (it keys the refund itself): the same key, once.
          params: { path: { id: change.paymentId }, header: { 'idempotency-key': key } },
          body: { amount: change.amount, reason: change.reason },
        }),
        () => [],
      );
    case 'pay':
      return answer(
        await api.POST('/api/v1/orders/{id}/payments', {
          headers,
          params: order(change.orderId),
          body: {
            id: change.paymentId,
            methodId: change.method.id,
            amount: change.amount,
            ...(change.tip ? { tip: change.tip } : {}),
            ...(change.giftCardCode ? { giftCardCode: change.giftCardCode } : {}),
          },
        }),
        () => [],
      );
    case 'discount':
      return one(
        api.POST('/api/v1/orders/{id}/discount', {
          headers,
          params: order(change.orderId),
          body: change.discount,
        }),
      );
    case 'split':
      return answer(
        await api.POST('/api/v1/orders/{id}/split', {
          headers,
          params: order(change.orderId),
          body: change.split,
        }),
        (data) => data.orders,
      );
    case 'move':
      return one(
        api.POST('/api/v1/orders/{id}/move', {
          headers,
          params: order(change.orderId),
          body: { tableId: change.tableId },
        }),
      );
    case 'merge':
      return answer(
        await api.POST('/api/v1/orders/{id}/merge', {
          headers,
          params: order(change.orderId),
          body: { fromOrderIds: change.fromOrderIds },
        }),
        (data) => data.orders,
      );
    case 'customer':
      return one(
        api.POST('/api/v1/orders/{id}/customer', {
          headers,
          params: order(change.orderId),
          body: { customerId: change.customerId },
        }),
      );
    case 'reward':
      return one(
        api.POST('/api/v1/orders/{id}/rewards', {
          headers,
          params: order(change.orderId),
          body: { rewardId: change.rewardId },
        }),
      );
    case 'print-bill':
      return answer(
        await api.POST('/api/v1/orders/{id}/print-bill', {
          headers,
          params: order(change.orderId),
          body: {},
        }),
        () => [],
      );
    case 'print-receipt':
      return answer(
        await api.POST('/api/v1/receipts/{id}/print', { headers, params: order(change.receiptId), body: {} }),
        () => [],
      );
    case 'table-status':
      return answer(
        await api.PATCH('/api/v1/tables/{id}/status', {
          headers,
          params: { path: { id: change.tableId } },
          body: { status: change.status },
        }),
        () => [],
      );
  }
}

function answer<T>(
  { data, error, response }: { data?: T; error?: unknown; response: Response },
  orders: (data: T) => Order[],
): Answer {
  return response.ok && data !== undefined
    ? { ok: true, orders: orders(data) }
    : { ok: false, response, error };
}
