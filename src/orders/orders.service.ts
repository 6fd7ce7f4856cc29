import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, EntityManager, FindOptionsWhere, In, LessThan, MoreThanOrEqual, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { FloorService } from '../floor/floor.service';
import { DiningTable, TableStatus } from '../floor/table.entity';
import { MenuService, Orderable } from '../menu/menu.service';
import { businessDayOf } from './business-day';
import {
  CreateOrderInput,
  DiscountInput,
  OrderItemInput,
  OrderListQuery,
  UpdateOrderItemInput,
} from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { OrderEventScope, orderAudience } from './order-audience';
import { OrderItem } from './order-item.entity';
import {
  ACTIVE_ORDER_STATUSES,
  checkTransition,
  ITEM_TRANSITIONS,
  ItemStatus,
  LIVE_ITEM,
  Mover,
  ORDER_TRANSITIONS,
  orderStatusFromItems,
  OrderSource,
  OrderStatus,
  OrderType,
  PaymentStatus,
} from './order-status';
import { Order } from './order.entity';
import { computeTotals, percentToPpm } from './totals';

/** An order loaded for a change, with its items; `events` collects what the change tells clients. */
export interface OrderChange {
  tx: Tx;
  order: Order;
  items: OrderItem[];
  emit: (type: EventType, scope: OrderEventScope, extra?: Record<string, unknown>) => void;
}

interface PendingEvent {
  type: EventType;
  scope: OrderEventScope;
  extra: Record<string, unknown>;
}

/** Takes the next ticket number of the business day `$1`. */
const NEXT_TICKET_NUMBER = `INSERT INTO order_numbers (business_day, last_number) VALUES ($1, 1)
  ON CONFLICT (business_day) DO UPDATE SET last_number = order_numbers.last_number + 1
  RETURNING last_number`;

@Injectable()
export class OrdersService {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly floor: FloorService,
    private readonly menu: MenuService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Creates an order: staff orders go straight to the kitchen; QR orders wait, `pending`, for a waiter. */
  async create(actor: Principal | null, input: CreateOrderInput, source: OrderSource): Promise<OrderView> {
    // Lines are checked against the menu kept in memory, before the transaction: a bad line writes nothing.
    const orderables = await this.resolveItems(input.items, 'items');
    return this.database.transaction(async (tx) => {
      const table = await this.tableFor(tx, input.type, input.tableId);
      const now = this.clock.now();
      const businessDay = businessDayOf(now, this.config.restaurantTimezone, this.config.businessDayStartsAt);
      const pending = source === OrderSource.Qr;
      if (table && !pending) await this.floor.changeStatus(tx, actor, table, TableStatus.Occupied);
      const order = Object.assign(new Order(), {
        id: randomUUID(),
        number: 0,
        businessDay,
        type: input.type,
        source,
        status: pending ? OrderStatus.Pending : OrderStatus.Open,
        tableId: table?.id ?? null,
        seating: table?.seating ?? null,
        waiterId: actor?.kind === 'staff' ? actor.userId : null,
        guests: input.guests ?? null,
        notes: input.notes ?? null,
        discountKind: null,
        discountValue: null,
        discountReason: null,
        paymentStatus: PaymentStatus.Unpaid,
        paid: 0,
        refunded: 0,
        tips: 0,
        version: 1,
        cancelReason: null,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      });
      const items = orderables.map((orderable, i) =>
        this.newItem(order, orderable, input.items[i], i, pending ? null : now),
      );
      this.applyTotals(order, items);
      await this.insertNumbered(tx, order, items);
      const view = OrderView.of(order, items);
      this.eventLog.append(tx, {
        type: EventType.OrderCreated,
        data: { ...view },
        audience: orderAudience(order, items, 'work'),
      });
      return view;
    });
  }

  async get(id: string): Promise<OrderView> {
    const order = await this.database.reader.findOne(Order, { where: { id } });
    if (!order) throw DomainError.notFound('Order');
    const items = await this.database.reader.find(OrderItem, { where: { orderId: id } });
    return OrderView.of(order, items);
  }

  async list(query: OrderListQuery): Promise<Page<OrderView>> {
    const where: FindOptionsWhere<Order> = {};
    if (query.status) where.status = query.status;
    if (query.tableId) where.tableId = query.tableId;
    if (query.waiterId) where.waiterId = query.waiterId;
    if (query.from && query.to) where.createdAt = Between(new Date(query.from), new Date(query.to));
    else if (query.from) where.createdAt = MoreThanOrEqual(new Date(query.from));
    else if (query.to) where.createdAt = LessThan(new Date(query.to));
    const manager = this.database.reader;
    const [orders, total] = await manager.findAndCount(Order, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(await this.views(manager, orders), total, query);
  }

  /** Orders with their items, in the given order, with one query for all items. */
  async views(manager: EntityManager, orders: Order[]): Promise<OrderView[]> {
    const items = orders.length
      ? await manager.find(OrderItem, { where: { orderId: In(orders.map((order) => order.id)) } })
      : [];
    return orders.map((order) =>
      OrderView.of(
        order,
        items.filter((item) => item.orderId === order.id),
      ),
    );
  }

  async addItems(id: string, ifMatch: number | undefined, lines: OrderItemInput[]): Promise<OrderView> {
    return this.change(id, ifMatch, async ({ order, items, emit }) => {
      this.assertOrderIs(order, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'add items to');
      const orderables = await this.resolveItems(lines, 'items');
      const fired = order.status === OrderStatus.Pending ? null : this.clock.now();
      const start = items.length;
      items.push(
        ...orderables.map((orderable, i) => this.newItem(order, orderable, lines[i], start + i, fired)),
      );
      emit(EventType.OrderUpdated, 'work');
    });
  }

  async editItem(
    id: string,
    itemId: string,
    ifMatch: number | undefined,
    input: UpdateOrderItemInput,
  ): Promise<OrderView> {
    return this.change(id, ifMatch, ({ order, items, emit }) => {
      this.assertOrderIs(order, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'edit items of');
      const item = findItem(items, itemId);
      if (item.status !== ItemStatus.New) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          'Only items the kitchen has not started can be edited',
        );
      }
      if (input.quantity !== undefined) item.quantity = input.quantity;
      if (input.comment !== undefined) item.comment = input.comment;
      emit(EventType.OrderUpdated, 'work');
      return Promise.resolve();
    });
  }

  async setItemStatus(
    actor: Principal,
    id: string,
    itemId: string,
    ifMatch: number | undefined,
    status: ItemStatus,
  ): Promise<OrderView> {
    return this.change(id, ifMatch, ({ order, items, emit }) => {
      this.assertOrderIs(order, ACTIVE_ORDER_STATUSES, 'change items of');
      const item = findItem(items, itemId);
      const previousStatus = item.status;
      this.assertTransition(ITEM_TRANSITIONS, item.status, status, actor.role, 'item');
      const now = this.clock.now();
      item.status = status;
      if (status === ItemStatus.New) item.startedAt = null;
      if (status === ItemStatus.InProgress) item.startedAt ??= now;
      if (status === ItemStatus.InProgress || status === ItemStatus.New) item.readyAt = null;
      if (status === ItemStatus.Ready) item.readyAt = now;
      if (status === ItemStatus.Served) item.servedAt = now;
      emit(EventType.OrderItemStatusChanged, 'work', { itemId, previousStatus });
      return Promise.resolve();
    });
  }

  /** Deletes a new item, or voids one the kitchen has seen (a manager's call, with a reason, audited). */
  async voidItem(
    actor: Principal,
    id: string,
    itemId: string,
    ifMatch: number | undefined,
    reason: string | undefined,
  ): Promise<OrderView> {
    return this.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      this.assertOrderIs(order, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'void items of');
      const item = findItem(items, itemId);
      this.assertTransition(ITEM_TRANSITIONS, item.status, ItemStatus.Cancelled, actor.role, 'item');
      if (item.status !== ItemStatus.New && !reason) {
        throw DomainError.invalidField('reason', 'is required to void an item the kitchen has seen');
      }
      const before = { ...item };
      item.status = ItemStatus.Cancelled;
      item.cancelledAt = this.clock.now();
      item.voidReason = reason ?? null;
      item.voidedBy = actor.userId;
      await this.auditLog.record(tx, actor, {
        action: 'order_item.voided',
        entityType: 'order_item',
        entityId: item.id,
        before: {
          orderId: order.id,
          status: before.status,
          quantity: before.quantity,
          unitPrice: before.unitPrice,
        },
        after: { orderId: order.id, status: item.status, reason: item.voidReason },
      });
      emit(EventType.OrderUpdated, 'work');
    });
  }

  /** People's status changes: accept a QR order (open), cancel with a reason, close when nothing is due. */
  async setStatus(
    actor: Principal,
    id: string,
    ifMatch: number | undefined,
    status: OrderStatus,
    reason?: string,
  ): Promise<OrderView> {
    return this.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      const previousStatus = order.status;
      this.assertTransition(ORDER_TRANSITIONS, order.status, status, actor.role, 'order');
      const now = this.clock.now();
      if (status === OrderStatus.Cancelled) {
        if (!reason) throw DomainError.invalidField('reason', 'is required to cancel an order');
        if (order.paid > 0) {
          throw new DomainError(
            ErrorCode.InvalidTransition,
            'The order has payments: refund them before cancelling',
          );
        }
        order.cancelReason = reason;
        for (const item of items.filter((i) => LIVE_ITEM(i.status))) {
          item.status = ItemStatus.Cancelled;
          item.cancelledAt = now;
        }
        await this.auditLog.record(tx, actor, {
          action: 'order.cancelled',
          entityType: 'order',
          entityId: order.id,
          before: { status: previousStatus, total: order.total },
          after: { status, reason },
        });
      }
      if (status === OrderStatus.Closed) {
        const { due, refundDue } = computeTotals(this.totalsInput(order, items));
        if (due > 0)
          throw new DomainError(ErrorCode.InvalidTransition, `The order cannot close: ${due} is still due`);
        if (refundDue > 0) {
          throw new DomainError(
            ErrorCode.InvalidTransition,
            `The order cannot close: ${refundDue} was paid over the total and must be refunded first`,
          );
        }
        // What is still live when the bill is settled was handed over: no ticket outlives its order.
        for (const item of items.filter((i) => LIVE_ITEM(i.status) && i.status !== ItemStatus.Served)) {
          item.status = ItemStatus.Served;
          item.servedAt = now;
        }
        order.closedAt = now;
      }
      if (status === OrderStatus.Open) {
        for (const item of items.filter((i) => LIVE_ITEM(i.status))) item.firedAt ??= now;
      }
      order.status = status;
      await this.followTable(tx, actor, order);
      emit(EventType.OrderStatusChanged, 'status', { previousStatus });
    });
  }

  async applyDiscount(
    actor: Principal,
    id: string,
    ifMatch: number | undefined,
    input: DiscountInput,
  ): Promise<OrderView> {
    return this.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      this.assertOrderIs(order, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'discount');
      const before = OrderView.of(order, items).discountDetail;
      if (input.kind === 'percent' && input.value > 100)
        throw DomainError.invalidField('value', 'must not be over 100 percent');
      if (input.kind === 'amount' && !Number.isInteger(input.value)) {
        throw DomainError.invalidField('value', 'must be whole minor units');
      }
      const subtotal = computeTotals(this.totalsInput(order, items)).subtotal;
      if (input.kind === 'amount' && input.value > subtotal) {
        throw DomainError.invalidField('value', `must not exceed the subtotal (${subtotal})`);
      }
      const removes = input.value === 0;
      order.discountKind = removes ? null : input.kind;
      order.discountValue = removes
        ? null
        : input.kind === 'percent'
          ? percentToPpm(input.value)
          : input.value;
      order.discountReason = removes ? null : input.reason;
      await this.auditLog.record(tx, actor, {
        action: removes ? 'order.discount_removed' : 'order.discount_applied',
        entityType: 'order',
        entityId: order.id,
        before: { discount: before },
        after: { discount: removes ? null : { kind: input.kind, value: input.value, reason: input.reason } },
      });
      emit(EventType.OrderUpdated, 'work');
    });
  }

  /**
   * The one way an existing order changes: lock it, check If-Match, apply `work`, let the order status follow its
   * items, recompute the totals, bump the version, save, and append the events `work` asked for, in one
   * transaction. Payments use it too.
   */
  change(
    id: string,
    ifMatch: number | undefined,
    work: (change: OrderChange) => Promise<void>,
  ): Promise<OrderView> {
    return this.database.transaction(async (tx) => {
      const [order] = await this.database.selectRows(tx, Order, 'id = $1', [id], true);
      if (!order) throw DomainError.notFound('Order');
      const items = await this.database.selectRows(tx, OrderItem, 'order_id = $1', [id]);
      if (ifMatch !== undefined && ifMatch !== order.version) {
        throw new DomainError(
          ErrorCode.VersionConflict,
          `The order changed (version ${order.version}, not ${ifMatch}): reload it and try again`,
          OrderView.of(order, items),
        );
      }
      const pending: PendingEvent[] = [];
      const snapshots = new Map(items.map((item) => [item.id, JSON.stringify(item)]));
      await work({
        tx,
        order,
        items,
        emit: (type, scope, extra = {}) => pending.push({ type, scope, extra }),
      });

      const followed = this.followItems(order, items);
      if (followed) {
        await this.followTable(tx, null, order);
        pending.push({
          type: EventType.OrderStatusChanged,
          scope: 'status',
          extra: { previousStatus: followed },
        });
      }
      this.applyTotals(order, items);
      order.version += 1;
      order.updatedAt = this.clock.now();
      await this.database.updateRows(tx, Order, order);
      // Only new and changed lines are written: a long tab stays cheap to change.
      const added = items.filter((item) => !snapshots.has(item.id));
      const changed = items.filter(
        (item) => snapshots.has(item.id) && snapshots.get(item.id) !== JSON.stringify(item),
      );
      await this.database.insertRows(tx, OrderItem, added);
      await this.database.updateRows(tx, OrderItem, changed);
      const view = OrderView.of(order, items);
      for (const event of pending) {
        this.eventLog.append(tx, {
          type: event.type,
          data: { ...view, ...event.extra },
          audience: orderAudience(order, items, event.scope),
        });
      }
      return view;
    });
  }

  /** Recomputes the stored totals and payment status from items, discount, configuration, `paid` and `refunded`. */
  applyTotals(order: Order, items: OrderItem[]): void {
    const totals = computeTotals(this.totalsInput(order, items));
    Object.assign(order, totals);
    order.paymentStatus = paymentStatusOf(order);
  }

  private totalsInput(order: Order, items: OrderItem[]) {
    return {
      items: items.map((item) => ({
        unitPrice: item.unitPrice,
        quantity: item.quantity,
        live: LIVE_ITEM(item.status),
      })),
      discount:
        order.discountKind && order.discountValue !== null
          ? { kind: order.discountKind, value: order.discountValue }
          : null,
      serviceChargePpm:
        order.type === OrderType.DineIn ? percentToPpm(this.config.serviceChargeRatePercent) : 0,
      taxPpm: percentToPpm(this.config.taxRatePercent),
      pricesIncludeTax: this.config.pricesIncludeTax,
      paid: order.paid,
    };
  }

  /** An active order's status follows its items; answers the previous status when it moved. */
  private followItems(order: Order, items: OrderItem[]): OrderStatus | null {
    if (!ACTIVE_ORDER_STATUSES.includes(order.status)) return null;
    const next = orderStatusFromItems(items.map((item) => item.status));
    if (next === order.status) return null;
    const previous = order.status;
    order.status = next;
    return previous;
  }

  /**
   * A dine-in table is occupied while it has an active order and goes to cleaning when its last one ends. The
   * table row is locked before its other orders are counted, as order creation locks it before inserting, so a
   * closing and an opening on one table cannot both miss each other.
   */
  private async followTable(tx: Tx, actor: Principal | null, order: Order): Promise<void> {
    if (!order.tableId || order.type !== OrderType.DineIn) return;
    const [table] = await this.database.selectRows(
      tx,
      DiningTable,
      'id = $1 AND deleted_at IS NULL',
      [order.tableId],
      true,
    );
    if (!table) return;
    if (ACTIVE_ORDER_STATUSES.includes(order.status)) {
      await this.floor.changeStatus(tx, actor, table, TableStatus.Occupied);
      return;
    }
    if (order.status !== OrderStatus.Closed && order.status !== OrderStatus.Cancelled) return;
    const others = await tx.manager.count(Order, {
      where: { tableId: table.id, status: In(ACTIVE_ORDER_STATUSES), id: Not(order.id) },
    });
    if (others === 0 && table.status === TableStatus.Occupied) {
      await this.floor.changeStatus(tx, actor, table, TableStatus.Cleaning);
    }
  }

  /** The table of a new order, locked: only dine-in orders sit at a table, and they must. */
  private async tableFor(tx: Tx, type: OrderType, tableId: string | undefined): Promise<DiningTable | null> {
    if (type !== OrderType.DineIn) {
      if (tableId) throw DomainError.invalidField('tableId', `must be absent for ${type} orders`);
      return null;
    }
    if (!tableId) throw DomainError.invalidField('tableId', 'is required for dine_in orders');
    const [table] = await this.database.selectRows(
      tx,
      DiningTable,
      'id = $1 AND deleted_at IS NULL',
      [tableId],
      true,
    );
    if (!table) throw DomainError.invalidField('tableId', 'no such table');
    return table;
  }

  /** Menu lookups for new lines; any unknown or unavailable one rejects the whole request with 422. */
  private async resolveItems(lines: OrderItemInput[], path: string): Promise<Orderable[]> {
    const resolved = await this.menu.orderables(lines);
    const problems: FieldProblem[] = [];
    resolved.forEach((result, i) => {
      if ('field' in result)
        problems.push({ field: `${path}[${i}].${result.field}`, message: result.message });
    });
    if (problems.length > 0) throw DomainError.validation(problems);
    return resolved as Orderable[];
  }

  private newItem(
    order: Order,
    orderable: Orderable,
    line: OrderItemInput,
    position: number,
    firedAt: Date | null,
  ): OrderItem {
    return Object.assign(new OrderItem(), {
      id: randomUUID(),
      orderId: order.id,
      position,
      ...orderable,
      quantity: line.quantity,
      comment: line.comment ?? null,
      status: ItemStatus.New,
      firedAt,
      startedAt: null,
      readyAt: null,
      servedAt: null,
      cancelledAt: null,
      voidReason: null,
      voidedBy: null,
      delayedAt: null,
      createdAt: this.clock.now(),
    });
  }

  /** Inserts a new order and its items with the next ticket number of its business day (one counter row a day). */
  private async insertNumbered(tx: Tx, order: Order, items: OrderItem[]): Promise<void> {
    const [{ last_number: last }] = await this.database.increment<{ last_number: number }>(
      tx,
      NEXT_TICKET_NUMBER,
      [order.businessDay],
    );
    order.number = last;
    await this.database.insertAll(tx, [
      [Order, [order]],
      [OrderItem, items],
    ]);
  }

  private assertOrderIs(order: Order, statuses: OrderStatus[], what: string): void {
    if (!statuses.includes(order.status)) {
      throw new DomainError(ErrorCode.InvalidTransition, `Cannot ${what} an order that is ${order.status}`);
    }
  }

  private assertTransition<S extends string>(
    table: ReadonlyArray<{ from: S; to: S; by: readonly Mover[] }>,
    from: S,
    to: S,
    mover: Mover,
    what: string,
  ): void {
    switch (checkTransition(table, from, to, mover)) {
      case 'allowed':
        return;
      case 'not_a_transition':
        throw new DomainError(ErrorCode.InvalidTransition, `An ${what} cannot go from ${from} to ${to}`);
      case 'role_not_allowed':
        throw new DomainError(ErrorCode.Forbidden, `A ${mover} cannot move an ${what} from ${from} to ${to}`);
    }
  }
}

function paymentStatusOf(order: Order): PaymentStatus {
  if (order.paid === 0) return order.refunded > 0 ? PaymentStatus.Refunded : PaymentStatus.Unpaid;
  return order.paid >= order.total ? PaymentStatus.Paid : PaymentStatus.PartiallyPaid;
}

function findItem(items: OrderItem[], itemId: string): OrderItem {
  const item = items.find((candidate) => candidate.id === itemId);
  if (!item) throw DomainError.notFound('Order item');
  return item;
}
