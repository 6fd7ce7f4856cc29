import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database.service';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';

/** Takes the next ticket number of the business day `$1`. */
const NEXT_TICKET_NUMBER = `INSERT INTO order_numbers (business_day, last_number) VALUES ($1, 1)
  ON CONFLICT (business_day) DO UPDATE SET last_number = order_numbers.last_number + 1
  RETURNING last_number`;

/** Ticket numbers: each new order takes the next of its business day (one counter row a day). */
@Injectable()
export class OrderNumbering {
  /** The orders each unit of work inserted: until it commits no other transaction sees them, so none can wait. */
  private readonly inserted = new WeakMap<Tx, Set<string>>();

  constructor(private readonly database: Database) {}

  /** Whether `tx` inserted every one of these orders (a channel's order, paid in the unit that made it). */
  insertedBy(tx: Tx, ids: readonly string[]): boolean {
    const inserted = this.inserted.get(tx);
    return inserted !== undefined && ids.every((id) => inserted.has(id));
  }

  /**
   * The next ticket number of `businessDay`. On PostgreSQL it is taken on a connection of its own (see
   * Database.increment), so a caller may ask for it while its transaction waits for something else.
   */
  async next(tx: Tx, businessDay: string): Promise<number> {
    const [{ last_number: last }] = await this.database.increment<{ last_number: number }>(
      tx,
      NEXT_TICKET_NUMBER,
      [businessDay],
    );
    return last;
  }

  /** Numbers new orders and inserts them, then `items` (of these or other orders) in the same round trip. */
  async insertNumbered(tx: Tx, orders: Order[], items: OrderItem[]): Promise<void> {
    for (const order of orders) order.number = await this.next(tx, order.businessDay);
    await this.insert(tx, orders, items);
  }

  /** Inserts new orders numbered already (next), then `items`, in one round trip. */
  async insert(tx: Tx, orders: Order[], items: OrderItem[]): Promise<void> {
    const inserted = this.inserted.get(tx) ?? new Set<string>();
    for (const order of orders) inserted.add(order.id);
    this.inserted.set(tx, inserted);
    if (orders.length === 0 && items.length === 0) return;
    await this.database.insertAll(tx, [
      [Order, orders],
      [OrderItem, items],
    ]);
  }
}
