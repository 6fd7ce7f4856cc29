import { Column, Entity, Index, OneToMany, PrimaryColumn } from 'typeorm';
import { OrderItem } from './order-item.entity';
import { OrderSource, OrderStatus, OrderType, PaymentStatus } from './order-status';
import { MoneyColumn } from '../common/money';
import type { Share } from './check-splits';
import type { TaxRow } from '../money';
import { InstantColumn } from '../database/columns';
import type { Courier, FulfilmentAddress, FulfilmentStatus } from './fulfilment';

@Entity('orders')
@Index('orders_business_day_number_unique', ['businessDay', 'number'], { unique: true })
@Index('orders_table_id_status', ['tableId', 'status'])
@Index('orders_status_created_at', ['status', 'createdAt'])
@Index('orders_waiter_id_created_at', ['waiterId', 'createdAt'])
@Index('orders_table_id_created_at', ['tableId', 'createdAt'])
@Index('orders_created_at', ['createdAt'])
@Index('orders_customer_id_status', ['customerId', 'status'])
// One order per channel and external id: a channel's order posted twice, or ten times at once, is one order.
@Index('orders_channel_external_id', ['channel', 'externalId'], { unique: true })
export class Order {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** The ticket number, restarting at 1 each business day. */
  @Column({ type: 'integer' })
  number!: number;

  /** YYYY-MM-DD in the restaurant's time zone, with days starting at BUSINESS_DAY_STARTS_AT. */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: OrderType;

  @Column({ type: 'varchar', length: 8 })
  source!: OrderSource;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  tableId!: string | null;

  /** The table's seating when the order opened: its guests (and no later party's) follow it by QR code. */
  @Column({ type: 'integer', nullable: true })
  seating!: number | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  waiterId!: string | null;

  @Column({ type: 'integer', nullable: true })
  guests!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes!: string | null;

  /** `percent` in ppm of the subtotal, `amount` in minor units; null without a discount. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  discountKind!: 'percent' | 'amount' | null;

  @MoneyColumn({ nullable: true })
  discountValue!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  discountReason!: string | null;

  /** The staff member who applied the discount. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  discountBy!: string | null;

  @MoneyColumn({ default: 0 })
  subtotal!: number;

  @MoneyColumn({ default: 0 })
  discount!: number;

  @MoneyColumn({ default: 0 })
  serviceCharge!: number;

  @MoneyColumn({ default: 0 })
  tax!: number;

  @MoneyColumn({ default: 0 })
  total!: number;

  /** The tax breakdown, one row per rate, kept with the totals: its rows sum to `total` and `tax`. */
  @Column({ type: 'simple-json', default: '[]' })
  taxes!: TaxRow[];

  /** Paid so far, net of refunds; tips and change are not in it. */
  @MoneyColumn({ default: 0 })
  paid!: number;

  @MoneyColumn({ default: 0 })
  due!: number;

  /** Tips received with payments, minor units; not part of the total. */
  @MoneyColumn({ default: 0 })
  tips!: number;

  /** Refunded so far; with `paid` at 0 it makes the payment status `refunded`. */
  @MoneyColumn({ default: 0 })
  refunded!: number;

  @Column({ type: 'varchar', length: 16, default: PaymentStatus.Unpaid })
  paymentStatus!: PaymentStatus;

  /** The floor asked the kitchen to cook it first (PATCH /orders/{id} {rush}). */
  @Column({ default: false })
  rush!: boolean;

  /** Grows on every change; clients send it back in If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason!: string | null;

  /** The guest it is for (POST /orders/{id}/customer); their visits and loyalty points follow its closing. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  /**
   * The customer's name and allergens as the floor and the kitchen see them on this order, kept on the row so
   * that no order read or event costs a lookup; the customer's changes and erasure rewrite them.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  customerName!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  customerAllergens!: string[] | null;

  /** Takeaway and delivery only (null on dine-in): where the order stands for the customer (docs/fulfilment.md). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  fulfilmentStatus!: FulfilmentStatus | null;

  /** The name the order is for, as the customer or the channel gave it: not the customer profile's. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  fulfilmentName!: string | null;

  /** E.164, or as a channel gave it when it is not a valid number (then not verified). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  fulfilmentPhone!: string | null;

  /** false: a channel's phone that is not a valid number, kept as given. */
  @Column({ default: true })
  fulfilmentPhoneVerified!: boolean;

  @Column({ type: 'simple-json', nullable: true })
  fulfilmentAddress!: FulfilmentAddress | null;

  /** Why the order was rejected. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  fulfilmentReason!: string | null;

  /** When the customer was promised the food; the kitchen's delays count from it. */
  @InstantColumn({ nullable: true })
  promisedAt!: Date | null;

  /** `own` or a channel's code; null on dine-in. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  channel!: string | null;

  /** The channel's id of the order; null for orders without one. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  courier!: Courier | null;

  /**
   * On a part split off another order: the order that was split first (a part of a part names it too), the one
   * that carries the channel's external id.
   */
  @Column({ type: 'varchar', length: 36, nullable: true })
  splitFrom!: string | null;

  /** Parts of its money given to or received from other orders by even splits; the totals add them. */
  @Column({ type: 'simple-json', default: '[]' })
  shares!: Share[];

  /**
   * The card terminal attempt running on this order (pending, in progress or unknown): the amount on the terminal
   * was checked against this order's due, so every other change waits (409) until the attempt ends (holdOf).
   */
  @Column({ type: 'varchar', length: 36, nullable: true })
  terminalHold!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;

  @InstantColumn({ nullable: true })
  closedAt!: Date | null;

  /** When its guest check was last printed (POST /orders/{id}/print-bill): the guests asked for the bill. */
  @InstantColumn({ nullable: true })
  billPrintedAt!: Date | null;

  /** The device it was opened on (X-Device-Id): the till it is signed for (docs/fiscal.md). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  deviceId!: string | null;

  @OneToMany(() => OrderItem, (item) => item.order)
  items?: OrderItem[];
}
