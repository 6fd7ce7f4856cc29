import { Injectable } from '@nestjs/common';
import { assertOrderWriter } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { RetryableConflict } from '../database/retries';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import type { FactKind } from '../event-log/facts';
import { TaxLedger } from '../taxes/tax-ledger';
import { OrderView } from './dto/order.views';
import { fulfilmentFollowingKitchen } from './fulfilment';
import { kitchenKey, raiseIfSentToKitchen } from './kitchen-lines';
import { OrderEventScope, orderAudience } from './order-audience';
import { OrderItem } from './order-item.entity';
import { OrderNumbering } from './order-numbering';
import { ACTIVE_ORDER_STATUSES, orderStatusFromItems, OrderStatus } from './order-status';
import { OrderTotals } from './order-totals';
import { Order } from './order.entity';
import { TableFollowing } from './table-following';
import { assertNotHeld } from './terminal-hold';

/**
 * Collects an event for after the change. Its kitchen audience is the stations of the order's fired items (and of
 * items that left it), or of `about` alone when the event concerns only some items (a fired course).
 */
type Emit = (
  type: EventType,
  scope: OrderEventScope,
  extra?: Record<string, unknown>,
  about?: OrderItem[],
) => void;

/** Collects a domain fact for after the change, made from the order's final view (its totals settled). */
type Raise = <T>(kind: FactKind<T>, fact: (view: OrderView) => T) => void;

/**
 * An order loaded for a change, with its items; `emit` collects what the change tells clients, `raise` what it
 * tells other modules.
 */
export interface OrderChange {
  tx: Tx;
  order: Order;
  items: OrderItem[];
  emit: Emit;
  raise: Raise;
}

/** One order of a change of several: its items may be replaced, and items may move in or out. */
export interface ChangedOrder {
  order: Order;
  items: OrderItem[];
  emit: Emit;
  raise: Raise;
  /** Items that left this order: their kitchen stations hear this order's events too. */
  departed: OrderItem[];
}

/** How a change is made: `guard` may refuse any order (checked first); `tables` are locked with the orders'. */
export interface ChangeOptions {
  guard?: (order: Order) => void;
  /** Tables the change will put an order at (a move): locked with the orders' own, before the orders. */
  tables?: string[];
  /** The terminal attempt that holds the order (terminalHold) and makes this change: others are refused. */
  holder?: string;
  /**
   * The change moves no money (a guest's copy on the order, a kitchen status): it goes through while a terminal
   * attempt holds the order, so personal data and the kitchen never wait on a card. Should it change the order's
   * total or due after all, it is refused like any other change (409).
   */
  movesNoMoney?: boolean;
}

/** Several orders changed together, each locked, and new orders opened beside them. */
export interface OrdersChange {
  tx: Tx;
  /** The locked orders, in the order their ids were asked for. */
  orders: ChangedOrder[];
  /** A new order with these items, numbered and inserted with the change; it announces itself (order.created). */
  open: (order: Order, items: OrderItem[]) => ChangedOrder;
}

interface PendingEvent {
  type: EventType;
  scope: OrderEventScope;
  extra: Record<string, unknown>;
  about?: OrderItem[];
}

interface Tracked extends ChangedOrder {
  pending: PendingEvent[];
  facts: Array<(tx: Tx, view: OrderView) => void>;
  isNew: boolean;
}

/** What a change must not move while a terminal attempt holds the order (ChangeOptions.movesNoMoney). */
const moneyOf = (order: Order) => `${order.total}/${order.due}`;

/** The unit of work of every change to existing orders, the floor's and the payments' alike. */
@Injectable()
export class OrderChanges {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly totals: OrderTotals,
    private readonly tables: TableFollowing,
    private readonly numbering: OrderNumbering,
    private readonly ledger: TaxLedger,
    private readonly clock: Clock,
  ) {}

  /**
   * The one way an existing order changes: lock it, check If-Match, apply `work`, let the order status follow its
   * items, recompute the totals, bump the version, save, and append the events `work` asked for, in one
   * transaction. Payments use it too.
   */
  async change(
    id: string,
    ifMatch: number | undefined,
    work: (change: OrderChange) => Promise<void>,
    options: ChangeOptions = {},
  ): Promise<OrderView> {
    const [view] = await this.changeMany(
      [id],
      ifMatch,
      ({ tx, orders: [one] }) => work({ tx, ...one }),
      options,
    );
    return view;
  }

  /**
   * `change` on behalf of a caller that may be an API key: a key changes only the orders of its own channel
   * (assertOrderWriter: 403, nothing written), checked on the locked order before If-Match, so that a stale
   * version does not answer another channel's order in a 409.
   */
  changeBy(
    actor: Principal,
    id: string,
    ifMatch: number | undefined,
    work: (change: OrderChange) => Promise<void>,
  ): Promise<OrderView> {
    return this.change(id, ifMatch, work, { guard: (order) => assertOrderWriter(actor, order) });
  }

  /**
   * `change` for several orders at once (splits, moves, merges): every order is locked, in id order whoever asks,
   * so two changes of the same orders never wait for each other; If-Match is checked on the first (the one in the
   * path: 404 when missing), after `guard` (which may refuse any of them); the others are named by the request's
   * `field` (422 when missing). `work` may move
   * items between the orders (replacing their `items` arrays) and open new orders. Answers the views of the orders
   * asked for, then of the new ones.
   */
  changeMany(
    ids: string[],
    ifMatch: number | undefined,
    work: (change: OrdersChange) => Promise<void>,
    {
      field = 'orderIds',
      guard,
      tables = [],
      holder,
      movesNoMoney = false,
    }: ChangeOptions & { field?: string } = {},
  ): Promise<OrderView[]> {
    return this.database.transaction(async (tx) => {
      const orders = await this.lockOrders(tx, ids, field, tables);
      if (guard) for (const { order } of orders) guard(order);
      if (!movesNoMoney) for (const { order } of orders) assertNotHeld(order, holder);
      const money = new Map(orders.map(({ order }) => [order.id, moneyOf(order)]));
      if (ifMatch !== undefined && ifMatch !== orders[0].order.version) {
        const { order, items } = orders[0];
        throw new DomainError(
          ErrorCode.VersionConflict,
          `The order changed (version ${order.version}, not ${ifMatch}): reload it and try again`,
          OrderView.of(order, items),
        );
      }
      const snapshots = new Map(
        orders.flatMap(({ items }) => items.map((item) => [item.id, JSON.stringify(item)] as const)),
      );
      const loaded = new Map(orders.map(({ order }) => [order.id, { status: order.status }]));
      const kitchenBefore = new Map(orders.map(({ order, items }) => [order.id, kitchenKey(order, items)]));
      const opened: Tracked[] = [];
      await work({
        tx,
        orders,
        open: (order, items) => {
          const created = tracked(this.eventLog, order, items, true);
          created.emit(EventType.OrderCreated, 'work');
          opened.push(created);
          return created;
        },
      });
      const all = [...orders, ...opened];
      for (const changed of all) await this.settle(tx, changed);
      for (const { order } of orders) {
        if (moneyOf(order) !== money.get(order.id)) assertNotHeld(order, holder);
      }
      for (const { order } of orders) await this.fileTaxes(tx, order, loaded.get(order.id)!);
      // Only new and changed lines are written (a moved line changed its order): a long tab stays cheap to change.
      const items = all.flatMap((changed) => changed.items);
      const added = items.filter((item) => !snapshots.has(item.id));
      const changedItems = items.filter(
        (item) => snapshots.has(item.id) && snapshots.get(item.id) !== JSON.stringify(item),
      );
      await this.numbering.insertNumbered(
        tx,
        opened.map((changed) => changed.order),
        added,
      );
      await this.database.updateRows(
        tx,
        Order,
        orders.map((changed) => changed.order),
      );
      await this.database.updateRows(tx, OrderItem, changedItems);
      for (const { order, items } of all) {
        raiseIfSentToKitchen(this.eventLog, tx, order, items, kitchenBefore.get(order.id) ?? '');
      }
      return all.map((changed) => this.announce(tx, changed));
    });
  }

  /**
   * Locks the orders' tables (and `tables`), then the orders, in id order (the lock order: a change that follows
   * the table or gives stock back must not lock the table after the stock). An order moved to another table
   * between the two locks is run again (RetryableConflict).
   */
  private async lockOrders(tx: Tx, ids: string[], field: string, tables: string[]): Promise<Tracked[]> {
    const unique = [...new Set(ids)];
    const marks = unique.map((_, i) => `$${i + 1}`).join(', ');
    // Orders this unit of work inserted (a channel's order it pays at once) hold no lock anyone waits for: they
    // and their table were locked, in order, as they were made.
    const own = tables.length === 0 && this.numbering.insertedBy(tx, unique);
    const lockedTables = own ? null : await this.tables.lockForOrders(tx, unique, tables);
    // ORDER BY before FOR UPDATE: PostgreSQL locks the rows in that order.
    const where = `id IN (${marks}) ORDER BY id`;
    const rows = own
      ? await this.database.selectRows(tx, Order, where, unique)
      : await this.database.lockRows(tx, LockKind.Order, Order, where, unique);
    if (lockedTables && rows.some((row) => row.tableId !== null && !lockedTables.has(row.tableId))) {
      throw new RetryableConflict('An order moved to another table while its change began');
    }
    const found = new Set(rows.map((row) => row.id));
    if (!found.has(ids[0])) throw DomainError.notFound('Order');
    if (found.size !== unique.length) throw DomainError.invalidField(field, 'no such order');
    // In line order: largest remainder gives a unit left over to the earlier line, so the order is part of the rule.
    const items = await this.database.selectRows(
      tx,
      OrderItem,
      `order_id IN (${marks}) ORDER BY position, id`,
      unique,
    );
    return ids.map((id) => {
      const order = rows.find((row) => row.id === id)!;
      return tracked(
        this.eventLog,
        order,
        items.filter((item) => item.orderId === id),
        false,
      );
    });
  }

  /** Status follows the items, totals follow everything; existing orders get a new version. */
  private async settle(tx: Tx, changed: Tracked): Promise<void> {
    const { order, items } = changed;
    const followed = this.followItems(order, items);
    if (followed && !changed.isNew) {
      await this.tables.follow(tx, null, order);
      changed.emit(EventType.OrderStatusChanged, 'status', { previousStatus: followed });
      this.followKitchen(changed);
    }
    this.totals.apply(order, items);
    if (!changed.isNew) {
      order.version += 1;
      order.updatedAt = this.clock.now();
    }
  }

  /** A takeaway or delivery order the kitchen finished is ready at the counter (and back when recalled). */
  private followKitchen(changed: Tracked): void {
    const { order } = changed;
    const next = fulfilmentFollowingKitchen(order);
    if (!next) return;
    const previousFulfilmentStatus = order.fulfilmentStatus;
    order.fulfilmentStatus = next;
    changed.emit(EventType.OrderFulfilmentChanged, 'fulfilment', { previousFulfilmentStatus });
  }

  /** A close files the order's tax rows in the tax ledger (a refund files its own: payments does that). */
  private async fileTaxes(tx: Tx, order: Order, loaded: Pick<Order, 'status'>): Promise<void> {
    if (order.status === OrderStatus.Closed && loaded.status !== OrderStatus.Closed) {
      await this.ledger.recordSale(tx, order, order.taxes);
    }
  }

  private announce(tx: Tx, { order, items, departed, pending, facts }: Tracked): OrderView {
    const view = OrderView.of(order, items);
    for (const raise of facts) raise(tx, view);
    for (const event of pending) {
      this.eventLog.append(tx, {
        type: event.type,
        data: { ...view, ...event.extra },
        audience: orderAudience(order, event.about ?? [...items, ...departed], event.scope),
      });
    }
    return view;
  }

  /** An active order's status follows its live items; answers the previous status when it moved. */
  private followItems(order: Order, items: OrderItem[]): OrderStatus | null {
    if (!ACTIVE_ORDER_STATUSES.includes(order.status)) return null;
    const next = orderStatusFromItems(items.map((item) => item.status));
    if (next === order.status) return null;
    const previous = order.status;
    order.status = next;
    return previous;
  }
}

function tracked(eventLog: EventLog, order: Order, items: OrderItem[], isNew: boolean): Tracked {
  const pending: PendingEvent[] = [];
  const facts: Tracked['facts'] = [];
  return {
    order,
    items,
    departed: [],
    pending,
    facts,
    isNew,
    emit: (type, scope, extra = {}, about) => pending.push({ type, scope, extra, about }),
    raise: (kind, fact) => facts.push((tx, view) => eventLog.raise(tx, kind, fact(view))),
  };
}
