import { Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Database, Tx } from '../database/database.service';
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

  /** A new (accepted) dine-in order makes its table occupied. */
  occupy(tx: Tx, actor: Principal | null, table: DiningTable): Promise<void> {
    return this.floor.changeStatus(tx, actor, table, TableStatus.Occupied);
  }

  /**
   * A dine-in table is occupied while it has an active order and goes to cleaning when its last one ends. The
   * table row is locked before its other orders are counted, as order creation locks it before inserting, so a
   * closing and an opening on one table cannot both miss each other.
   */
  async follow(tx: Tx, actor: Principal | null, order: Order): Promise<void> {
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
}
