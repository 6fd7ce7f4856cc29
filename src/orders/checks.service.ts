import { wholeCombos } from './combo-items';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { Check, planMerge, planMove, planSplit, Planning, SplitRequest } from './check-splits';
import type { MergeInput, MoveItemsInput, MoveOrderInput, SplitInput } from './dto/check.inputs';
import { OrdersView, OrderView } from './dto/order.views';
import { ChangedOrder, OrderChanges } from './order-changes';
import { ORDER_MERGED_INTO } from './order-facts';
import { OrderItem } from './order-item.entity';
import { OrderLines } from './order-lines';
import { ACTIVE_ORDER_STATUSES, assertOrderIn, OrderStatus, PaymentStatus } from './order-status';
import { checkOf, discountColumns, OrderDiscount, OrderTotals } from './order-totals';
import { Order } from './order.entity';
import { TableFollowing } from './table-following';

/**
 * Table service's checks: splitting an order (by seat, by items, evenly), moving it to another table, moving items
 * between orders and merging orders. The money is planned by check-splits.ts; this persists the plan through the
 * orders' unit of work, every order involved locked, audited and announced in the same transaction.
 */
@Injectable()
export class ChecksService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly totals: OrderTotals,
    private readonly lines: OrderLines,
    private readonly tables: TableFollowing,
    private readonly auditLog: AuditLog,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  /** Splits the order: it comes first in the answer, the new orders after it. */
  async split(
    actor: StaffPrincipal,
    id: string,
    ifMatch: number | undefined,
    input: SplitInput,
  ): Promise<OrdersView> {
    const orders = await this.changes.changeMany([id], ifMatch, async ({ tx, orders: [source], open }) => {
      assertOrderIn(source.order.status, ACTIVE_ORDER_STATUSES, 'split');
      const plan = planSplit(
        checkOf(source.order, source.items),
        splitRequest(input, source.items),
        this.planning(source),
      );
      source.departed = plan.parts.flatMap((part) => part.items);
      source.items = plan.original.items;
      source.order.shares = plan.original.shares;
      carryDiscount(source.order, plan.original.discount);
      const parts = plan.parts.map((part) => open(this.partOf(source.order, part), part.items));
      for (const part of parts) place(part, byPosition(part.items));
      source.emit(EventType.OrderUpdated, 'work');
      await this.auditLog.record(tx, actor, {
        action: 'order.split',
        entityType: 'order',
        entityId: id,
        after: {
          by: input.by,
          parts: input.parts ?? null,
          orders: parts.map((part) => ({ orderId: part.order.id, items: movedItems(part.items) })),
        },
      });
    });
    return { orders };
  }

  /** Moves a dine-in order to another table; its guests' QR screens of the new table follow it. */
  async moveOrder(
    actor: StaffPrincipal,
    id: string,
    ifMatch: number | undefined,
    input: MoveOrderInput,
  ): Promise<OrderView> {
    return this.changes.change(
      id,
      ifMatch,
      async ({ tx, order, emit }) => {
        assertOrderIn(order.status, ACTIVE_ORDER_STATUSES, 'move');
        const from = order.tableId;
        await this.tables.move(tx, actor, order, input.tableId);
        await this.auditLog.record(tx, actor, {
          action: 'order.moved',
          entityType: 'order',
          entityId: id,
          before: { tableId: from },
          after: { tableId: order.tableId },
        });
        emit(EventType.OrderUpdated, 'work');
      },
      { tables: [input.tableId] },
    );
  }

  /** Moves items (or part of a line's units) to another open order: the source first in the answer. */
  async moveItems(
    actor: StaffPrincipal,
    id: string,
    ifMatch: number | undefined,
    input: MoveItemsInput,
  ): Promise<OrdersView> {
    if (input.toOrderId === id) throw DomainError.invalidField('toOrderId', 'must be another order');
    const orders = await this.changes.changeMany(
      [id, input.toOrderId],
      ifMatch,
      async ({ tx, orders: [source, target] }) => {
        assertOrderIn(source.order.status, ACTIVE_ORDER_STATUSES, 'move items of');
        assertOrderIn(target.order.status, ACTIVE_ORDER_STATUSES, 'move items to');
        const plan = planMove(
          checkOf(source.order, source.items),
          checkOf(target.order, target.items),
          wholeCombos(source.items, input.items),
          this.planning(source, target),
        );
        const moving = plan.target.items.slice(target.items.length);
        source.items = plan.source.items;
        carryDiscount(source.order, plan.source.discount);
        carryDiscount(target.order, plan.target.discount);
        source.departed = moving;
        place(target, byPosition(moving));
        target.items = plan.target.items;
        if (source.order.type !== target.order.type) await this.joinType(target, moving);
        for (const changed of [source, target]) changed.emit(EventType.OrderUpdated, 'work');
        await this.auditLog.record(tx, actor, {
          action: 'order.items_moved',
          entityType: 'order',
          entityId: id,
          after: { toOrderId: target.order.id, items: movedItems(moving) },
        });
      },
      { field: 'toOrderId' },
    );
    return { orders };
  }

  /**
   * Folds orders into this one: their items (ids kept) and payments (paid, refunded, tips) move to it, shares
   * among them cancel out, and they end cancelled with reason `merged`. The target first in the answer.
   */
  async merge(
    actor: StaffPrincipal,
    id: string,
    ifMatch: number | undefined,
    input: MergeInput,
  ): Promise<OrdersView> {
    const fromIds = [...new Set(input.fromOrderIds)];
    if (fromIds.length !== input.fromOrderIds.length || fromIds.includes(id)) {
      throw DomainError.invalidField('fromOrderIds', 'must name other orders, each once');
    }
    const orders = await this.changes.changeMany(
      [id, ...fromIds],
      ifMatch,
      async ({ tx, orders: [target, ...sources] }) => {
        for (const { order } of [target, ...sources])
          assertOrderIn(order.status, ACTIVE_ORDER_STATUSES, 'merge');
        for (const each of [target, ...sources]) this.totals.allocate(each.order, each.items);
        const merged = planMerge(
          checkOf(target.order, target.items),
          sources.map((source) => checkOf(source.order, source.items)),
        );
        const incoming = sources.flatMap((source) => byPosition(source.items));
        const otherType = sources.filter((source) => source.order.type !== target.order.type);
        place(target, incoming);
        target.items = [...target.items, ...incoming];
        await this.joinType(
          target,
          otherType.flatMap((source) => source.items),
        );
        carryDiscount(target.order, merged.discount);
        target.order.shares = merged.shares;
        const paid = merged.paid - target.order.paid;
        target.order.paid = merged.paid;
        // Tables are locked in id order, as every change that locks several does.
        const byTable = [...sources].sort((a, b) =>
          (a.order.tableId ?? '').localeCompare(b.order.tableId ?? ''),
        );
        for (const source of byTable) await this.empty(tx, actor, source, target.order);
        target.emit(EventType.OrderUpdated, 'work');
        await this.auditLog.record(tx, actor, {
          action: 'order.merged',
          entityType: 'order',
          entityId: id,
          after: {
            fromOrderIds: fromIds,
            items: movedItems(incoming),
            paid,
          },
        });
      },
      { field: 'fromOrderIds' },
    );
    return { orders };
  }

  /**
   * A merged order hands its money to the target and ends cancelled with reason `merged`; its table follows. Its
   * payment rows (and a reward taken on it) move with the fact that it was merged: their modules own them.
   */
  private async empty(tx: Tx, actor: StaffPrincipal, source: ChangedOrder, target: Order): Promise<void> {
    const { order } = source;
    target.refunded += order.refunded;
    target.tips += order.tips;
    target.guests = maxGuests(target.guests, order.guests);
    Object.assign(order, { paid: 0, refunded: 0, tips: 0, shares: [], paymentStatus: PaymentStatus.Unpaid });
    carryDiscount(order, null);
    source.departed = source.items;
    source.items = [];
    const previousStatus = order.status;
    order.status = OrderStatus.Cancelled;
    order.cancelReason = 'merged';
    await this.tables.follow(tx, actor, order);
    this.eventLog.raise(tx, ORDER_MERGED_INTO, { from: order.id, into: target.id });
    source.emit(EventType.OrderStatusChanged, 'status', { previousStatus, mergedInto: target.id });
  }

  /**
   * Lines that joined `target` from an order of another type are taxed as its type taxes their dishes, and the
   * order is allocated afresh so that they take its service charge (or none) at once: its next change would
   * allocate it afresh anyway, and its total must not jump then.
   */
  private async joinType(target: ChangedOrder, joined: OrderItem[]): Promise<void> {
    if (joined.length === 0) return;
    await this.lines.retax(joined, target.order.type);
    this.totals.reallocate(target.items);
  }

  /** How the planner reaches the orders' money; every order involved is allocated first (one from before). */
  private planning(...involved: ChangedOrder[]): Planning<OrderItem, OrderDiscount> {
    for (const { order, items } of involved) this.totals.allocate(order, items);
    return {
      moneyOf: (check) => this.totals.moneyOf(check),
      pricesIncludeTax: this.totals.pricesIncludeTax,
      newId: randomUUID,
      divide: (line, quantities, id) => this.totals.divide(line, quantities, id),
    };
  }

  /**
   * A new order split off `original`: same table, party, waiter, day and channel; its own ticket number and money.
   * The channel's external id stays on the original (one order per id), which the part names as `splitFrom`.
   */
  private partOf(original: Order, part: Check<OrderItem, OrderDiscount>): Order {
    const now = this.clock.now();
    const order = Object.assign(new Order(), {
      ...original,
      id: part.id,
      number: 0,
      externalId: null,
      splitFrom: original.splitFrom ?? original.id,
      status: OrderStatus.Open,
      shares: part.shares,
      paid: 0,
      refunded: 0,
      tips: 0,
      paymentStatus: PaymentStatus.Unpaid,
      version: 1,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      // The check printed was the whole order's: the new part has had none.
      billPrintedAt: null,
    });
    carryDiscount(order, part.discount);
    return order;
  }
}

function splitRequest(input: SplitInput, items: OrderItem[]): SplitRequest {
  switch (input.by) {
    case 'seat':
      return { by: 'seat' };
    case 'items':
      return { by: 'items', items: wholeCombos(items, input.items ?? []) };
    case 'even':
      return { by: 'even', parts: input.parts ?? 0 };
  }
}

const byPosition = (items: OrderItem[]) => [...items].sort((a, b) => a.position - b.position);

/** Items joining an order go to its end, in the order given, and raise its guests to cover their seats. */
function place(target: ChangedOrder, items: OrderItem[]): void {
  const staying = target.items.filter((item) => !items.includes(item));
  let position = Math.max(-1, ...staying.map((item) => item.position));
  for (const item of items) {
    item.orderId = target.order.id;
    item.position = position += 1;
    target.order.guests = maxGuests(target.order.guests, item.seat);
  }
}

function maxGuests(guests: number | null, other: number | null): number | null {
  return other === null ? guests : Math.max(guests ?? 0, other);
}

const movedItems = (items: OrderItem[]) =>
  items.map((item) => ({ itemId: item.id, quantity: item.quantity }));

/** A split, a move or a merge: the discount travels with lines that keep what they were allocated. */
function carryDiscount(order: Order, discount: OrderDiscount | null): void {
  Object.assign(order, discountColumns(discount));
}
