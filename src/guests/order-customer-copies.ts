import { Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import { Tx } from '../database/database.service';
import { EventType } from '../event-log/event-type';
import { OrderChanges } from '../orders/order-changes';
import { ACTIVE_ORDER_STATUSES, OrderStatus } from '../orders/order-status';
import { Order } from '../orders/order.entity';
import type { Customer } from './customer.entities';

/** Orders whose copy of their customer the floor and the kitchen still act on. */
const LIVE_ORDERS = [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES];

/**
 * Keeps the customer's name and allergens that each of their orders carries (so that reading an order costs no
 * lookup) equal to the customer's. Run in the transaction that changes the customer, after locking its row: live
 * orders change through OrderChanges (a new version and order.updated, so kitchen screens show a new allergy at
 * once); closed and cancelled ones are rewritten in one statement.
 */
@Injectable()
export class OrderCustomerCopies {
  constructor(private readonly orderChanges: OrderChanges) {}

  async follow(tx: Tx, customer: Customer): Promise<void> {
    const copy = { customerName: customer.name, customerAllergens: customer.allergens };
    const live = await tx.manager.find(Order, {
      select: { id: true },
      where: { customerId: customer.id, status: In(LIVE_ORDERS) },
    });
    if (live.length > 0) {
      await this.orderChanges.changeMany(
        live.map((order) => order.id),
        undefined,
        ({ orders }) => {
          for (const { order, emit } of orders) {
            Object.assign(order, copy);
            emit(EventType.OrderUpdated, 'work');
          }
          return Promise.resolve();
        },
      );
    }
    await tx.manager.update(Order, { customerId: customer.id, status: Not(In(LIVE_ORDERS)) }, copy);
  }

  /** Puts the customer (or none) on an order being changed. */
  static attach(order: Order, customer: Customer | null): void {
    order.customerId = customer?.id ?? null;
    order.customerName = customer?.name ?? null;
    order.customerAllergens = customer ? customer.allergens : null;
  }
}
