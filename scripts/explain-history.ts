/** The query-plan audit's year of history (scripts/explain-plans.ts): orders and what grows beside them. */
import { ACTIVE_ORDER_STATUSES, ItemStatus, OrderStatus } from '../src/orders/order-status';
import {
  ACTIVE_ORDERS,
  add,
  CASH_METHOD,
  DAY_MS,
  EVENTS_PER_ORDER,
  Generator,
  ITEMS_PER_ORDER,
  PRICE,
  Row,
  Rows,
  TOKENS_PER_SESSION,
} from './explain-generator';

const ACTIVE_CYCLE = [
  OrderStatus.Pending,
  OrderStatus.Open,
  OrderStatus.InProgress,
  OrderStatus.Ready,
  OrderStatus.Served,
];

function orderStatusOf(g: Generator, i: number): OrderStatus {
  const fromEnd = g.orders - 1 - i;
  if (fromEnd < ACTIVE_ORDERS) return ACTIVE_CYCLE[fromEnd % ACTIVE_CYCLE.length];
  return g.random() < 0.03 ? OrderStatus.Cancelled : OrderStatus.Closed;
}

/** Item statuses as the kitchen leaves them for an order in `status`. */
function itemStatusOf(status: OrderStatus, position: number): ItemStatus {
  switch (status) {
    case OrderStatus.Pending:
    case OrderStatus.Open:
      return ItemStatus.New;
    case OrderStatus.InProgress:
      return [ItemStatus.InProgress, ItemStatus.New, ItemStatus.Ready][position % 3];
    case OrderStatus.Ready:
      return position === 0 ? ItemStatus.Served : ItemStatus.Ready;
    case OrderStatus.Served:
    case OrderStatus.Closed:
      return ItemStatus.Served;
    case OrderStatus.Cancelled:
      return ItemStatus.Cancelled;
  }
}

/** The i-th order with its items, events, payment (and sometimes refund) and idempotency key. */
export function addOrder(g: Generator, rows: Rows, i: number): void {
  const createdAt = g.createdAt(i);
  const status = orderStatusOf(g, i);
  const dineIn = g.random() < 0.8;
  const qr = g.random() < 0.1;
  const table = dineIn ? g.pick(g.tables) : null;
  const waiterId = qr ? null : g.pick(g.waiters);
  const businessDay = createdAt.toISOString().slice(0, 10);
  const number = (g.ticketNumbers.get(businessDay) ?? 0) + 1;
  g.ticketNumbers.set(businessDay, number);
  const total = PRICE * ITEMS_PER_ORDER;
  const closed = status === OrderStatus.Closed;
  const order: Row = {
    id: g.uuid(),
    number,
    business_day: businessDay,
    type: dineIn ? 'dine_in' : 'takeaway',
    source: qr ? 'qr' : 'staff',
    status,
    table_id: table?.id ?? null,
    waiter_id: waiterId,
    guests: 2,
    notes: null,
    discount_kind: null,
    discount_value: null,
    discount_reason: null,
    subtotal: total,
    discount: 0,
    service_charge: 0,
    tax: 0,
    total,
    paid: closed ? total : 0,
    due: closed || status === OrderStatus.Cancelled ? 0 : total,
    refunded: 0,
    tips: 0,
    payment_status: closed ? 'paid' : 'unpaid',
    version: closed ? 9 : 2,
    cancel_reason: status === OrderStatus.Cancelled ? 'guest left' : null,
    created_at: g.stamp(createdAt),
    updated_at: g.stamp(createdAt),
    closed_at: closed ? g.stamp(new Date(createdAt.getTime() + 3_600_000)) : null,
  };
  add(rows, 'orders', order);
  addItems(g, rows, order, createdAt);
  addEvents(g, rows, order, createdAt);
  if (closed) addPayment(g, rows, order, createdAt, i);
  if (waiterId) addIdempotencyKey(g, rows, order, waiterId, createdAt);
  noteSamples(g, order, i);
}

function addItems(g: Generator, rows: Rows, order: Row, createdAt: Date): void {
  const status = order.status as OrderStatus;
  const fired = status === OrderStatus.Pending ? null : createdAt;
  for (let position = 0; position < ITEMS_PER_ORDER; position++) {
    const dish = g.pick(g.dishes);
    const itemStatus = itemStatusOf(status, position);
    const done = (s: ItemStatus[]) =>
      s.includes(itemStatus) ? g.stamp(new Date(createdAt.getTime() + 900_000)) : null;
    add(rows, 'order_items', {
      id: g.uuid(),
      order_id: order.id,
      position,
      dish_id: dish.id,
      variation_id: dish.variationId,
      name: 'Dish',
      variation_name: 'Regular',
      unit_price: PRICE,
      quantity: 1,
      comment: null,
      status: itemStatus,
      station_id: dish.stationId,
      prep_minutes: 10,
      fired_at: g.stamp(fired),
      started_at: done([ItemStatus.InProgress, ItemStatus.Ready, ItemStatus.Served]),
      ready_at: done([ItemStatus.Ready, ItemStatus.Served]),
      served_at: done([ItemStatus.Served]),
      cancelled_at: done([ItemStatus.Cancelled]),
      void_reason: null,
      voided_by: null,
      // Some closed orders ran late once; the live ones have not been flagged yet.
      delayed_at: status === OrderStatus.Closed && g.random() < 0.1 ? g.stamp(createdAt) : null,
      created_at: g.stamp(createdAt),
    });
  }
}

const EVENT_TYPES = ['order.created', 'order.item_status_changed', 'order.paid', 'order.status_changed'];

/** Events carry a compact order view (the real ones are ~1.5 KB): what matters here is their count. */
function addEvents(g: Generator, rows: Rows, order: Row, createdAt: Date): void {
  for (let k = 0; k < EVENTS_PER_ORDER; k++) {
    const at = new Date(Math.min(createdAt.getTime() + k * 600_000, g.now.getTime()));
    const data = { id: order.id, number: order.number, status: order.status, tableId: order.table_id };
    add(rows, 'events', {
      seq: ++g.seq,
      type: EVENT_TYPES[k],
      occurred_at: g.stamp(at),
      data: JSON.stringify({ ...data, padding: 'x'.repeat(200) }),
      audience: JSON.stringify({ roles: ['waiter', 'manager', 'admin'], stations: [] }),
    });
  }
}

function addPayment(g: Generator, rows: Rows, order: Row, createdAt: Date, i: number): void {
  const paymentId = g.uuid();
  const at = g.stamp(new Date(createdAt.getTime() + 3_000_000));
  add(rows, 'payments', {
    id: paymentId,
    order_id: order.id,
    method_id: CASH_METHOD,
    amount: order.total,
    tendered: order.total,
    change: 0,
    tip: 0,
    refunded: i % 100 === 7 ? 100 : 0,
    status: i % 100 === 7 ? 'partially_refunded' : 'completed',
    taken_by: order.waiter_id,
    created_at: at,
  });
  if (i % 100 === 7) {
    add(rows, 'refunds', {
      id: g.uuid(),
      payment_id: paymentId,
      amount: 100,
      reason: 'cold soup',
      refunded_by: g.users[0],
      created_at: at,
    });
  }
  if (i === Math.floor(g.orders / 2) || !g.samples.closedPaymentId) {
    g.samples.closedOrderId = order.id as string;
    g.samples.closedPaymentId = paymentId;
  }
}

/** Keys live a day and are pruned hourly: only the last ~36 hours of orders still have one. */
function addIdempotencyKey(g: Generator, rows: Rows, order: Row, waiterId: string, createdAt: Date): void {
  if (g.now.getTime() - createdAt.getTime() > 1.5 * DAY_MS) return;
  const key = { scope: `staff:${waiterId}:waiter`, key: g.uuid() };
  add(rows, 'idempotency_keys', {
    ...key,
    fingerprint: 'f'.repeat(64),
    response_status: 201,
    response_body: JSON.stringify({ id: order.id }),
    created_at: g.stamp(createdAt),
    expires_at: g.stamp(new Date(createdAt.getTime() + DAY_MS)),
  });
  g.samples.idempotency = key;
}

function noteSamples(g: Generator, order: Row, i: number): void {
  const recent = g.samples.recentOrderIds!;
  recent.push(order.id as string);
  if (recent.length > 20) recent.shift();
  const active = (ACTIVE_ORDER_STATUSES as string[]).includes(order.status as string);
  if (active && order.table_id) {
    g.samples.activeOrderId = order.id as string;
    g.samples.activeTableId = order.table_id as string;
  }
  if (i === 0) g.samples.oldestEventAt = g.createdAt(0);
}

/** One session per ORDERS_PER_SESSION orders: its rotated refresh tokens, login and logout. */
export function addSession(g: Generator, rows: Rows, i: number): void {
  const userId = g.pick(g.waiters);
  const startedAt = g.createdAt(i);
  const endedAt = new Date(startedAt.getTime() + 8 * 3_600_000);
  const ended = endedAt < g.now;
  const session = { id: g.uuid(), userId };
  add(rows, 'auth_sessions', {
    id: session.id,
    user_id: userId,
    method: 'pin',
    created_at: g.stamp(startedAt),
    revoked_at: ended ? g.stamp(endedAt) : null,
    revoked_reason: ended ? 'logout' : null,
  });
  for (let k = 0; k < TOKENS_PER_SESSION; k++) {
    const id = g.uuid();
    add(rows, 'refresh_tokens', {
      id,
      session_id: session.id,
      secret_hash: 'a'.repeat(64),
      created_at: g.stamp(new Date(startedAt.getTime() + k * 900_000)),
      expires_at: g.stamp(new Date(startedAt.getTime() + 30 * DAY_MS)),
      used_at: k < TOKENS_PER_SESSION - 1 ? g.stamp(startedAt) : null,
    });
    g.samples.refreshTokenId = id;
  }
  const security = (type: string, at: Date) =>
    add(rows, 'security_events', {
      id: g.uuid(),
      type,
      user_id: userId,
      subject: userId,
      ip: '10.0.0.7',
      details: '{"method":"pin"}',
      occurred_at: g.stamp(at),
    });
  security('login_succeeded', startedAt);
  if (ended) security('logout', endedAt);
  const audited = (action: string, entityType: string, entityId: string, at: Date) =>
    add(rows, 'audit_log', {
      id: g.uuid(),
      actor: `staff:${userId}`,
      actor_user_id: userId,
      action,
      entity_type: entityType,
      entity_id: entityId,
      before: '{}',
      after: '{}',
      occurred_at: g.stamp(at),
    });
  const discounted = g.uuid();
  audited('order.discount_applied', 'order', discounted, startedAt);
  g.samples.auditedOrderId = discounted;
  // The waiter's time clock: in at the session's start, out at its end (or now, for the last ones).
  const entry = g.uuid();
  const clockedOutAt = ended ? endedAt : g.now;
  add(rows, 'time_clock_entries', {
    id: entry,
    user_id: userId,
    clocked_in_at: g.stamp(startedAt),
    clocked_out_at: g.stamp(clockedOutAt),
    updated_at: g.stamp(clockedOutAt),
  });
  audited('time_clock.clocked_in', 'time_clock_entry', entry, startedAt);
  audited('time_clock.clocked_out', 'time_clock_entry', entry, clockedOutAt);
  g.samples.session = session;
}

/** Counters and throttles: rows the service keeps a handful of. */
export function bookkeepingRows(g: Generator): Rows {
  const rows: Rows = new Map();
  for (const [day, last] of g.ticketNumbers)
    add(rows, 'order_numbers', { business_day: day, last_number: last });
  for (let k = 0; k < 50; k++) {
    add(rows, 'login_attempts', {
      scope: k % 2 ? 'ip' : 'account',
      subject: `10.0.${k}.1`,
      failures: 1,
      window_started_at: g.stamp(g.now),
      lockouts: 0,
      locked_until: null,
      updated_at: g.stamp(g.now),
    });
  }
  return rows;
}
