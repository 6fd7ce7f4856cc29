import { Injectable } from '@nestjs/common';
import { Tx } from '../database/database.service';
import { OrderCustomerCopy } from '../orders/order-customer-copy';
import { Order } from '../orders/order.entity';
import type { Customer } from './customer.entities';

/**
 * Keeps the customer's name and allergens that each of their orders carries equal to the customer's, through the
 * orders module (which alone writes orders): live orders announce order.updated, others are rewritten quietly.
 */
@Injectable()
export class OrderCustomerCopies {
  constructor(private readonly orders: OrderCustomerCopy) {}

  /**
   * Follows a change of the customer (locked in `tx`); once erased, their orders' fulfilment contact goes too.
   * Answers the ids of their orders.
   */
  follow(tx: Tx, customer: Customer): Promise<string[]> {
    const copy = { customerName: customer.name, customerAllergens: customer.allergens };
    return this.orders.rewrite(tx, customer.id, copy, customer.erasedAt !== null);
  }

  /** Puts the customer (or none) on an order being changed. */
  static attach(order: Order, customer: Customer | null): void {
    order.customerId = customer?.id ?? null;
    order.customerName = customer?.name ?? null;
    order.customerAllergens = customer ? customer.allergens : null;
  }
}
