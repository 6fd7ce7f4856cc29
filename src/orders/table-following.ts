import { Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { FloorService } from '../floor/floor.service';
import { DiningTable, TableStatus } from '../floor/table.entity';
import { ACTIVE_ORDER_STATUSES, OrderStatus, OrderType } from './order-status';
import { Order } from './order.entity';

/** Orders and their tables: which table a new order takes, and the table's status following its orders. */
@Injectable()
export class TableFollowing {
  constructor(
    private readonly database: Database,
    private readonly floor: FloorService,
  ) {}

  /** The table of a new order, locked: only dine-in orders sit at a table, and they must. */
  async tableOf(tx: Tx, type: OrderType, tableId: string | undefined): Promise<DiningTable | null> {
    if (type !== OrderType.DineIn) {
      if (tableId) throw DomainError.invalidField('tableId', `must be absent for ${type} orders`);
      return null;
    }
    if (!tableId) throw DomainError.invalidField('tableId', 'is required for dine_in orders');
    const [table] = await this.database.lockRows(
      tx,
      LockKind.Table,
      DiningTable,
      'id = $1 AND deleted_at IS NULL',
      [tableId],
    );
    if (!table) throw DomainError.invalidField('tableId', 'no such table');
    return table;
  }

  /** A new (accepted) dine-in order makes its table occupied. */
  occupy(tx: Tx, actor: Principal | null, table: DiningTable): Promise<void> {
    return this.floor.changeStatus(tx, actor, table, TableStatus.Occupied);
  }

  /**
   * The tables of the orders `ids` and the tables `also`, locked in id order: OrderChanges takes them before the
   * orders (the lock order), reading each order's table first. Answers the ids locked, which a caller compares
   * with the locked orders' tables (a move may have committed between the two).
   */
  async lockForOrders(tx: Tx, ids: string[], also: string[]): Promise<Set<string>> {
    const marks = [...ids, ...also].map((_, i) => `$${i + 1}`);
    const ofOrders = `id IN (SELECT table_id FROM orders WHERE id IN (${marks.slice(0, ids.length).join(', ')}))`;
    const named = also.length > 0 ? ` OR id IN (${marks.slice(ids.length).join(', ')})` : '';
    const tables = await this.database.lockRows(
      tx,
      LockKind.Table,
      DiningTable,
      `(${ofOrders}${named}) ORDER BY id`,
      [...ids, ...also],
    );
    return new Set(tables.map((table) => table.id));
  }

  /**
   * A dine-in table is occupied while it has an active order and goes to cleaning when its last one ends. The
   * table row is locked (by the order's change, lockForOrders) before its other orders are counted, as order
   * creation locks it before inserting, so a closing and an opening on one table cannot both miss each other.
   */
  async follow(tx: Tx, actor: Principal | null, order: Order): Promise<void> {
    if (!order.tableId || order.type !== OrderType.DineIn) return;
    const [table] = await this.lockedTables(tx, [order.tableId]);
    if (!table) return;
    if (ACTIVE_ORDER_STATUSES.includes(order.status)) {
      await this.floor.changeStatus(tx, actor, table, TableStatus.Occupied);
      return;
    }
    if (order.status !== OrderStatus.Closed && order.status !== OrderStatus.Cancelled) return;
    await this.cleanIfLeft(tx, actor, table, order.id);
  }

  /**
   * Moves a dine-in order to another table: the new one becomes occupied and the order joins its current seating
   * (its guests follow it by QR code); the old one goes to cleaning when no other order is left on it. Both tables
   * are locked by the order's change (lockForOrders, the new one named in `also`).
   */
  async move(tx: Tx, actor: Principal, order: Order, tableId: string): Promise<void> {
    if (order.type !== OrderType.DineIn || !order.tableId) {
      throw DomainError.invalidField('tableId', 'only dine-in orders sit at a table');
    }
    if (tableId === order.tableId) throw DomainError.invalidField('tableId', 'is the order’s table already');
    const tables = await this.lockedTables(tx, [order.tableId, tableId]);
    const to = tables.find((table) => table.id === tableId);
    if (!to) throw DomainError.invalidField('tableId', 'no such table');
    const from = tables.find((table) => table.id === order.tableId);
    await this.floor.changeStatus(tx, actor, to, TableStatus.Occupied);
    order.tableId = to.id;
    order.seating = to.seating;
    if (from) await this.cleanIfLeft(tx, actor, from, order.id);
  }

  /** Tables that lockForOrders locked in `tx`: read again, not locked again (that would break the lock order). */
  private lockedTables(tx: Tx, ids: string[]): Promise<DiningTable[]> {
    const marks = ids.map((_, i) => `$${i + 1}`).join(', ');
    return this.database.selectRows(tx, DiningTable, `id IN (${marks}) AND deleted_at IS NULL`, ids);
  }

  /** An occupied table with no active order but `leaving` goes to cleaning. */
  private async cleanIfLeft(
    tx: Tx,
    actor: Principal | null,
    table: DiningTable,
    leaving: string,
  ): Promise<void> {
    const others = await tx.manager.count(Order, {
      where: { tableId: table.id, status: In(ACTIVE_ORDER_STATUSES), id: Not(leaving) },
    });
    if (others === 0 && table.status === TableStatus.Occupied) {
      await this.floor.changeStatus(tx, actor, table, TableStatus.Cleaning);
    }
  }
}
