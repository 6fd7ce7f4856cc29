import { Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import type { Tx } from '../database/database.service';
import { EventType } from '../event-log/event-type';
import { OrderChanges } from './order-changes';
import { ACTIVE_ORDER_STATUSES, OrderStatus } from './order-status';
import { Order } from './order.entity';

/** Orders whose copy of their customer the floor and the kitchen still act on. */
const LIVE_ORDERS = [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES];

/** What an order keeps of its customer, so that reading it costs no lookup. */
export interface CustomerCopy {
  customerName: string | null;
  customerAllergens: string[];
}

/**
 * Rewrites the copy of a customer that each of their orders carries: the orders' table is written here only, the
 * guests module asks. Run in the transaction that changes the customer, after locking its row: live orders change
 * through OrderChanges (a new version and order.updated, so kitchen screens show a new allergy at once), even one
 * held by a card terminal (the copy moves no money); closed and
 * cancelled ones are rewritten in one statement.
 */
@Injectable()
export class OrderCustomerCopy {
  constructor(private readonly orderChanges: OrderChanges) {}

  /**
   * Puts `copy` on every order of the customer; with `erase`, the contact their fulfilment holds (name, phone,
   * address) goes too. Answers the ids of the customer's orders.
   */
  async rewrite(tx: Tx, customerId: string, copy: CustomerCopy, erase: boolean): Promise<string[]> {
    const change: Partial<Order> = erase
      ? { ...copy, fulfilmentName: null, fulfilmentPhone: null, fulfilmentAddress: null }
      : copy;
    const orders = await tx.manager.find(Order, {
      select: { id: true, status: true },
      where: { customerId },
    });
    const live = orders.filter((order) => LIVE_ORDERS.includes(order.status));
    if (live.length > 0) {
      await this.orderChanges.changeMany(
        live.map((order) => order.id),
        undefined,
        ({ orders: changing }) => {
          for (const { order, emit } of changing) {
            Object.assign(order, change);
            emit(EventType.OrderUpdated, 'work');
          }
          return Promise.resolve();
        },
        { movesNoMoney: true },
      );
    }
    await tx.manager.update(Order, { customerId, status: Not(In(LIVE_ORDERS)) }, change);
    return orders.map((order) => order.id);
  }
}
