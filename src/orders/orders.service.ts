import { Injectable } from '@nestjs/common';
import { And, EntityManager, FindOptionsWhere, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { variationSubject } from '../audit/browser/audit-subject';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { DiscountInput, OrderItemInput, OrderListQuery } from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { OrderChanges } from './order-changes';
import { ORDER_CANCELLED, ORDER_CLOSED } from './order-facts';
import { OrderItem } from './order-item.entity';
import { findItems } from './combo-items';
import { OrderStock } from './order-stock';
import { itemStock, OrderLines } from './order-lines';
import {
  ACTIVE_ORDER_STATUSES,
  assertOrderIn,
  assertTransition,
  ITEM_TRANSITIONS,
  ItemStatus,
  LIVE_ITEM,
  fireAccepted,
  ORDER_TRANSITIONS,
  OrderStatus,
  UNSTARTED_ITEM,
  type CloseBlockedBy,
} from './order-status';
import { OrderTotals } from './order-totals';
import { Order } from './order.entity';
import { TableFollowing } from './table-following';
import { percentToPpm } from '../money';

/** Reading orders, and what the floor and the kitchen do to them once they are open. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly eventLog: EventLog,
    private readonly changes: OrderChanges,
    private readonly lines: OrderLines,
    private readonly stock: OrderStock,
    private readonly totals: OrderTotals,
    private readonly tables: TableFollowing,
    private readonly clock: Clock,
  ) {}

  /** One order; `within` narrows what may be found (a table's party, a channel's orders): 404 outside it. */
  async get(id: string, within: FindOptionsWhere<Order> = {}): Promise<OrderView> {
    const order = await this.database.reader.findOne(Order, { where: { ...within, id } });
    if (!order) throw DomainError.notFound('Order');
    const items = await this.database.reader.find(OrderItem, { where: { orderId: id } });
    return OrderView.of(order, items);
  }

  /** The orders of `ids` that exist, as views (the DSFinV-K export reads each line's rates from them). */
  async viewsOf(ids: readonly string[]): Promise<OrderView[]> {
    const orders = ids.length ? await this.database.reader.find(Order, { where: { id: In([...ids]) } }) : [];
    return this.views(this.database.reader, orders);
  }

  async list(query: OrderListQuery, within: FindOptionsWhere<Order> = {}): Promise<Page<OrderView>> {
    const where: FindOptionsWhere<Order> = { ...within };
    if (query.status) where.status = query.status;
    if (query.tableId) where.tableId = query.tableId;
    if (query.waiterId) where.waiterId = query.waiterId;
    // A half-open period, [from, to): consecutive periods never count an order twice.
    if (query.from && query.to) {
      where.createdAt = And(MoreThanOrEqual(new Date(query.from)), LessThan(new Date(query.to)));
    } else if (query.from) where.createdAt = MoreThanOrEqual(new Date(query.from));
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
    return this.changes.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'add items to');
      assertNewItemIds(items, lines);
      const orderables = await this.lines.resolve(lines, 'items', order.type);
      this.lines.checkSeats(lines, order.guests, 'items');
      await this.stock.take(tx, this.lines.stockOf(orderables, lines, 'items'), null, order.id);
      const priced = await this.lines.price(tx.manager, orderables, order.type, order.tableId);
      const fired = order.status === OrderStatus.Pending ? null : this.clock.now();
      items.push(...this.lines.newItems(order, priced, lines, items.length, fired));
      emit(EventType.OrderUpdated, 'work');
    });
  }

  /**
   * Its guest check was printed (the printers module calls this in the print job's transaction): the guests asked
   * for the bill. Set each time, on an order in any status; order.updated tells the floor.
   */
  async markBillPrinted(id: string): Promise<OrderView> {
    return this.changes.change(id, undefined, ({ order, emit }) => {
      order.billPrintedAt = this.clock.now();
      emit(EventType.OrderUpdated, 'work');
      return Promise.resolve();
    });
  }

  async setItemStatus(
    actor: StaffPrincipal,
    id: string,
    itemId: string,
    ifMatch: number | undefined,
    status: ItemStatus,
  ): Promise<OrderView> {
    return this.changes.change(
      id,
      ifMatch,
      ({ order, items, emit }) => {
        assertOrderIn(order.status, ACTIVE_ORDER_STATUSES, 'change items of');
        const named = findItems(items, itemId, false);
        const previousStatus = named[0].status;
        const now = this.clock.now();
        for (const item of named) {
          assertTransition(ITEM_TRANSITIONS, item.status, status, actor.role, 'item');
          item.status = status;
          if (status === ItemStatus.New) item.startedAt = null;
          if (status === ItemStatus.InProgress) item.startedAt ??= now;
          if (status === ItemStatus.InProgress || status === ItemStatus.New) item.readyAt = null;
          if (status === ItemStatus.Ready) item.readyAt = now;
          if (status === ItemStatus.Served) item.servedAt = now;
        }
        emit(EventType.OrderItemStatusChanged, 'work', { itemId, previousStatus });
        return Promise.resolve();
      },
      { movesNoMoney: true },
    );
  }

  /** Deletes a new item, or voids one the kitchen has seen (a manager's call, with a reason, audited). */
  async voidItem(
    actor: StaffPrincipal,
    id: string,
    itemId: string,
    ifMatch: number | undefined,
    reason: string | undefined,
  ): Promise<OrderView> {
    return this.changes.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'void items of');
      for (const item of findItems(items, itemId, true)) {
        await this.void(tx, actor, order, item, reason);
      }
      emit(EventType.OrderUpdated, 'work');
    });
  }

  private async void(
    tx: Tx,
    actor: StaffPrincipal,
    order: Order,
    item: OrderItem,
    reason: string | undefined,
  ): Promise<void> {
    assertTransition(ITEM_TRANSITIONS, item.status, ItemStatus.Cancelled, actor.role, 'item');
    if (!UNSTARTED_ITEM(item.status) && !reason) {
      throw DomainError.invalidField('reason', 'is required to void an item the kitchen has seen');
    }
    const made = !UNSTARTED_ITEM(item.status);
    await this.stock.putBack(tx, [itemStock(item, item.quantity, 'quantity')], made, actor, order.id);
    const before = { ...item };
    item.status = ItemStatus.Cancelled;
    item.cancelledAt = this.clock.now();
    item.voidReason = reason ?? null;
    item.voidedBy = actor.userId;
    await this.auditLog.record(tx, actor, {
      action: 'order_item.voided',
      entityType: 'order_item',
      entityId: item.id,
      subject: variationSubject(item.name, item.variationName),
      before: {
        orderId: order.id,
        status: before.status,
        quantity: before.quantity,
        unitPrice: before.unitPrice,
      },
      after: { orderId: order.id, status: item.status, reason: item.voidReason },
    });
  }

  /** People's status changes: accept a QR order (open), cancel with a reason, close when nothing is due. */
  async setStatus(
    actor: StaffPrincipal,
    id: string,
    ifMatch: number | undefined,
    status: OrderStatus,
    reason?: string,
  ): Promise<OrderView> {
    return this.changes.change(id, ifMatch, async ({ tx, order, items, emit, raise }) => {
      const previousStatus = order.status;
      assertTransition(ORDER_TRANSITIONS, order.status, status, actor.role, 'order');
      const now = this.clock.now();
      if (status === OrderStatus.Cancelled) {
        if (!reason) throw DomainError.invalidField('reason', 'is required to cancel an order');
        await this.cancel(tx, actor, order, items, reason);
      }
      if (status === OrderStatus.Closed) {
        const refusal = closeRefusal(items, this.totals.of(order, items));
        if (refusal) throw refusal;
        // What is still live when the bill is settled was handed over: no ticket outlives its order.
        for (const item of items.filter((i) => LIVE_ITEM(i.status) && i.status !== ItemStatus.Served)) {
          item.status = ItemStatus.Served;
          item.servedAt = now;
        }
        order.closedAt = now;
        raise(ORDER_CLOSED, (view) => ({ order: view, customerId: order.customerId }));
      }
      if (status === OrderStatus.Open) fireAccepted(items, now);
      order.status = status;
      await this.tables.follow(tx, actor, order);
      emit(EventType.OrderStatusChanged, 'status', { previousStatus });
    });
  }

  /**
   * Cancels `order` with `reason` (the caller sets its status): 409 when it has payments or even-split parts; its
   * live items are cancelled and go back to counted stock; audited.
   */
  async cancel(tx: Tx, actor: Principal, order: Order, items: OrderItem[], reason: string): Promise<void> {
    if (order.paid > 0) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        'The order has payments: refund them before cancelling',
      );
    }
    assertNoShares(order, 'cancel');
    const now = this.clock.now();
    order.cancelReason = reason;
    const live = items.filter((i) => LIVE_ITEM(i.status));
    // What was ordered goes back to stock, as a void of each item would put it back (what was made is waste).
    await this.stock.putBackItems(tx, live, actor, order.id);
    for (const item of live) {
      item.status = ItemStatus.Cancelled;
      item.cancelledAt = now;
    }
    this.eventLog.raise(tx, ORDER_CANCELLED, { orderId: order.id, reason });
    await this.auditLog.record(tx, actor, {
      action: 'order.cancelled',
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status, total: order.total },
      after: { status: OrderStatus.Cancelled, reason },
    });
  }

  /**
   * Fires a course: every held item of it goes to the kitchen (`new`, fired now), and `order.fired` tells the
   * stations of those items, and only them, with `course` and `itemIds`. Audited. 409 NOTHING_TO_FIRE when none
   * of that course is held; a pending QR order must be accepted first.
   */
  async fire(actor: Principal, id: string, ifMatch: number | undefined, course: number): Promise<OrderView> {
    return this.changes.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      assertOrderIn(order.status, ACTIVE_ORDER_STATUSES, 'fire a course of');
      const held = items.filter((item) => item.status === ItemStatus.Held && item.course === course);
      if (held.length === 0) {
        throw new DomainError(ErrorCode.NothingToFire, `Nothing of course ${course} is held`);
      }
      const now = this.clock.now();
      for (const item of held) {
        assertTransition(ITEM_TRANSITIONS, item.status, ItemStatus.New, 'system', 'item');
        item.status = ItemStatus.New;
        item.firedAt = now;
      }
      const itemIds = held.map((item) => item.id);
      await this.auditLog.record(tx, actor, {
        action: 'order.fired',
        entityType: 'order',
        entityId: order.id,
        before: { course, status: ItemStatus.Held },
        after: { course, status: ItemStatus.New, itemIds },
      });
      emit(EventType.OrderFired, 'work', { course, itemIds }, held);
    });
  }

  async applyDiscount(
    actor: StaffPrincipal,
    id: string,
    ifMatch: number | undefined,
    input: DiscountInput,
  ): Promise<OrderView> {
    return this.changes.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'discount');
      assertNoShares(order, 'change the discount of');
      const before = OrderView.of(order, items).discountDetail;
      if (input.kind === 'percent' && input.value > 100)
        throw DomainError.invalidField('value', 'must not be over 100 percent');
      if (input.kind === 'amount' && !Number.isInteger(input.value)) {
        throw DomainError.invalidField('value', 'must be whole minor units');
      }
      const subtotal = this.totals.of(order, items).subtotal;
      if (input.kind === 'amount' && input.value > subtotal) {
        throw DomainError.invalidField('value', `must not exceed the subtotal (${subtotal})`);
      }
      const removes = input.value === 0;
      this.totals.changeDiscount(
        order,
        items,
        removes
          ? null
          : {
              kind: input.kind,
              value: input.kind === 'percent' ? percentToPpm(input.value) : input.value,
              reason: input.reason,
              by: actor.userId,
            },
      );
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
}

/**
 * A client's item id must be new to the order: an id its items (or combo lines) have would be taken for theirs
 * and overwrite it, where another order's id fails on the primary key. Both are 409 CONFLICT.
 */
function assertNewItemIds(items: OrderItem[], lines: OrderItemInput[]): void {
  const taken = new Set(items.flatMap((item) => [item.id, ...(item.combo ? [item.combo.lineId] : [])]));
  lines.forEach((line, i) => {
    if (line.id && taken.has(line.id)) {
      throw new DomainError(
        ErrorCode.Conflict,
        `items[${i}].id ${line.id} already names an item of this order: make a new id for a new item`,
      );
    }
  });
}

/** Money given or received by an even split must come back by a merge, not vanish with a cancel or a discount. */
function assertNoShares(order: Order, what: string): void {
  if (order.shares.length > 0) {
    throw new DomainError(
      ErrorCode.Conflict,
      `Cannot ${what} an order that holds parts of an even split: merge the parts back first`,
    );
  }
}

/**
 * Why an order cannot close yet, or null: a held course, food still cooking, money still due or paid over the
 * total. `details.closeBlockedBy` says which in a word a screen can put in the staff's language, with the amount.
 */
function closeRefusal(
  items: OrderItem[],
  { due, refundDue }: { due: number; refundDue: number },
): DomainError | null {
  const refusal = (closeBlockedBy: CloseBlockedBy, message: string, amount?: number) =>
    new DomainError(ErrorCode.InvalidTransition, message, {
      closeBlockedBy,
      ...(amount !== undefined && { amount }),
    });
  if (items.some((item) => item.status === ItemStatus.Held))
    return refusal('held', 'The order cannot close with held items: fire their course or void them first');
  if (items.some((item) => item.status === ItemStatus.InProgress))
    return refusal('cooking', 'The order cannot close while the kitchen is cooking some of it');
  if (due > 0) return refusal('due', `The order cannot close: ${due} is still due`, due);
  if (refundDue > 0) {
    return refusal(
      'overpaid',
      `The order cannot close: ${refundDue} was paid over the total and must be refunded first`,
      refundDue,
    );
  }
  return null;
}
