/** What orders, the kitchen and payments send, for the query-plan audit (scripts/explain-plans.ts). */
import { Between, FindOptionsWhere, In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { DiningTable } from '../src/floor/table.entity';
import { OrderItem } from '../src/orders/order-item.entity';
import { FulfilmentStatus } from '../src/orders/fulfilment';
import { ACTIVE_ORDER_STATUSES, ItemStatus, OrderStatus, OrderType } from '../src/orders/order-status';
import { Order } from '../src/orders/order.entity';
import { Payment, PaymentMethod, Refund } from '../src/payments/payment.entities';
import { CARD_METHOD, CASH_METHOD, DAY_MS, Samples } from './explain-generator';
import { ago, PAGE, QueryCase } from './explain-sql';

const KITCHEN_ORDERS = [OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready];
const ON_THE_PASS = [ItemStatus.New, ItemStatus.InProgress, ItemStatus.Ready];
const COOKING = [ItemStatus.New, ItemStatus.InProgress];
const HANDED_OVER = [FulfilmentStatus.PickedUp, FulfilmentStatus.OutForDelivery, FulfilmentStatus.Delivered];
const LIST_ORDER = { createdAt: 'DESC', id: 'ASC' } as const;

/** GET /orders (OrdersService.list): the page and, when full or not the first, its count. */
function listCases(): QueryCase[] {
  const week = () => Between(ago(7 * DAY_MS), new Date());
  const filters: Array<[string, (s: Samples) => FindOptionsWhere<Order>, number]> = [
    ['no filter', () => ({}), 0],
    ['no filter, page 50', () => ({}), 49 * PAGE],
    ['status=closed', () => ({ status: OrderStatus.Closed }), 0],
    ['status=open', () => ({ status: OrderStatus.Open }), 0],
    ['tableId', (s) => ({ tableId: s.activeTableId }), 0],
    ['tableId of a table without orders', (s) => ({ tableId: s.idleTableId }), 0],
    ['waiterId', (s) => ({ waiterId: s.waiterId }), 0],
    ['waiterId of a waiter without orders', (s) => ({ waiterId: s.idleWaiterId }), 0],
    ['from/to (7 days)', () => ({ createdAt: week() }), 0],
    ['from (7 days ago)', () => ({ createdAt: MoreThanOrEqual(ago(7 * DAY_MS)) }), 0],
    ['status=closed + from/to', () => ({ status: OrderStatus.Closed, createdAt: week() }), 0],
    ['tableId + status=closed', (s) => ({ tableId: s.activeTableId, status: OrderStatus.Closed }), 0],
    ['waiterId + status=closed', (s) => ({ waiterId: s.waiterId, status: OrderStatus.Closed }), 0],
  ];
  return filters.flatMap(([label, where, skip]) => [
    {
      name: `GET /orders ${label}`,
      source: 'orders.service list',
      build: (b, s) => b.find(Order, { where: where(s), order: LIST_ORDER, skip, take: PAGE }),
    },
    {
      name: `GET /orders ${label}: COUNT`,
      source: 'orders.service list (findAndCount)',
      build: (b, s) => b.count(Order, where(s)),
    },
  ]);
}

/** The stats summary (OrderStatsService.summary), over the default day and over a month. */
function statsCase(label: string, rangeMs: number): QueryCase {
  return {
    name: `GET /orders/stats/summary (${label})`,
    source: 'order-stats.service summary',
    build: (b) => {
      const qb = b.ds
        .getRepository(Order)
        .createQueryBuilder('o')
        .select('o.status', 'status')
        .addSelect('COUNT(*)', 'orders')
        .addSelect('COALESCE(SUM(o.paid), 0)', 'revenue')
        .addSelect('COALESCE(SUM(o.discount), 0)', 'discounts')
        .addSelect('COALESCE(SUM(o.service_charge), 0)', 'serviceCharges')
        .addSelect('COALESCE(SUM(o.tax), 0)', 'tax')
        .addSelect('COALESCE(SUM(o.tips), 0)', 'tips')
        .where({ createdAt: Between(ago(rangeMs), new Date()) })
        .groupBy('o.status');
      const [sql, params] = qb.getQueryAndParameters();
      return { sql, params };
    },
  };
}

const NEXT_TICKET_NUMBER = `INSERT INTO order_numbers (business_day, last_number) VALUES ($1, 1)
  ON CONFLICT (business_day) DO UPDATE SET last_number = order_numbers.last_number + 1
  RETURNING last_number`;

export function orderCases(): QueryCase[] {
  return [
    {
      name: 'order by id, locked (every change)',
      source: 'orders.service change',
      build: (b, s) => b.selectRows(Order, 'id = $1', [s.activeOrderId], true),
    },
    {
      name: 'items of an order (every change)',
      source: 'orders.service change',
      build: (b, s) => b.selectRows(OrderItem, 'order_id = $1', [s.activeOrderId]),
    },
    {
      name: 'update order by id (every change)',
      source: 'database.service updateRows',
      write: true,
      build: (b, s) => b.raw('UPDATE "orders" SET "version" = $1 WHERE "id" = $2', [3, s.activeOrderId]),
    },
    {
      name: 'GET /orders/:id: order',
      source: 'orders.service get',
      build: (b, s) => b.findOne(Order, { where: { id: s.closedOrderId } }),
    },
    {
      name: 'GET /orders/:id: items',
      source: 'orders.service get',
      build: (b, s) => b.find(OrderItem, { where: { orderId: s.closedOrderId } }),
    },
    {
      name: 'items of a page of 20 orders',
      source: 'orders.service views',
      build: (b, s) => b.find(OrderItem, { where: { orderId: In(s.recentOrderIds) } }),
    },
    {
      name: 'dining table by id (create)',
      source: 'orders.service tableFor',
      build: (b, s) => b.selectRows(DiningTable, 'id = $1 AND deleted_at IS NULL', [s.activeTableId]),
    },
    {
      name: 'dining table by id (followTable)',
      source: 'orders.service followTable',
      build: (b, s) => b.findOne(DiningTable, { where: { id: s.activeTableId } }),
    },
    {
      name: "table's other active orders: COUNT",
      source: 'orders.service followTable',
      build: (b, s) =>
        b.count(Order, {
          tableId: s.activeTableId,
          status: In(ACTIVE_ORDER_STATUSES),
          id: Not(s.activeOrderId),
        }),
    },
    {
      name: 'ticket number upsert (order_numbers)',
      source: 'orders.service insertNumbered',
      write: true,
      build: (b) => b.raw(NEXT_TICKET_NUMBER, [new Date().toISOString().slice(0, 10)]),
    },
    ...listCases(),
    statsCase('1 day', DAY_MS),
    statsCase('30 days', 30 * DAY_MS),
    {
      name: 'delete user: has taken orders? (EXISTS)',
      source: 'users.service remove',
      build: (b, s) => b.exists(Order, { waiterId: s.waiterId }),
    },
  ];
}

export function kitchenCases(): QueryCase[] {
  return [
    {
      name: 'kitchen tickets and delay scan: active orders',
      source: 'kitchen.service tickets, raiseDelays',
      build: (b) =>
        b.find(Order, { where: { status: In(KITCHEN_ORDERS) }, order: { createdAt: 'ASC', number: 'ASC' } }),
    },
    {
      name: 'kitchen tickets: live, held and fired-then-voided items of those orders (of stations)',
      source: 'kitchen.service tickets',
      build: (b, s) => {
        const ofStations = { orderId: In(s.recentOrderIds), stationId: In([s.stationId]) };
        return b.find(OrderItem, {
          where: [
            { ...ofStations, status: In([ItemStatus.Held, ...ON_THE_PASS]) },
            { ...ofStations, status: ItemStatus.Cancelled, firedAt: Not(IsNull()) },
          ],
        });
      },
    },
    {
      name: 'pickup board: the open day’s takeaway and delivery orders on the board',
      source: 'pickup-board-orders now',
      build: (b) =>
        b.find(Order, {
          where: [{ fulfilmentStatus: Not(In(HANDED_OVER)) }, { fulfilmentStatus: IsNull() }].map(
            (fulfilment) => ({
              ...fulfilment,
              businessDay: new Date().toISOString().slice(0, 10),
              type: In([OrderType.Takeaway, OrderType.Delivery]),
              status: In(KITCHEN_ORDERS),
            }),
          ),
          order: { createdAt: 'ASC', number: 'ASC' },
        }),
    },
    {
      name: 'delay scan: cooking items of those orders (every 30 s)',
      source: 'kitchen.service raiseDelays',
      build: (b, s) =>
        b.find(OrderItem, {
          where: {
            orderId: In(s.recentOrderIds),
            status: In(COOKING),
            delayedAt: IsNull(),
            firedAt: Not(IsNull()),
          },
        }),
    },
  ];
}

export function paymentCases(): QueryCase[] {
  return [
    {
      name: 'payment by id (refund)',
      source: 'payments.service refund',
      build: (b, s) => b.findOne(Payment, { where: { id: s.closedPaymentId } }),
    },
    {
      name: 'payment by id, locked (refund)',
      source: 'payments.service refund',
      build: (b, s) => b.findOne(Payment, b.locked({ where: { id: s.closedPaymentId } })),
    },
    {
      name: 'active payment method by id (pay)',
      source: 'payments.service pay',
      build: (b) => b.findOne(PaymentMethod, { where: { id: CASH_METHOD, active: true } }),
    },
    {
      name: 'delete payment method: used? (EXISTS, unused method)',
      source: 'payments.service removeMethod',
      build: (b) => b.exists(Payment, { methodId: CARD_METHOD }),
    },
    {
      name: 'payments of an order (no such read in src/)',
      source: '(index payments_order_id)',
      build: (b, s) => b.find(Payment, { where: { orderId: s.closedOrderId } }),
    },
    {
      name: 'refunds of a payment (no such read in src/)',
      source: '(index refunds_payment_id)',
      build: (b, s) => b.find(Refund, { where: { paymentId: s.closedPaymentId } }),
    },
  ];
}
