import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { EntityTarget } from '../database/entity-target';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import type { RefundedLine } from '../orders/order-facts';

export enum PaymentMethodKind {
  Cash = 'cash',
  Card = 'card',
  Other = 'other',
  /** Redeems a gift card named by the payment's `giftCardCode`. */
  GiftCard = 'gift_card',
  /** The order was paid to a sales channel (an aggregator), which settles with the restaurant later. */
  Channel = 'channel',
}

/** The EMV fields a card receipt must show, as the terminal reported them. */
export interface CardEmv {
  aid: string | null;
  applicationLabel: string | null;
  /** The application cryptogram, when the provider reports it. */
  cryptogram?: string | null;
}

/**
 * The card a terminal took a payment from: what the receipt prints, and where a refund goes (the terminal's
 * provider and its reference of the charge).
 */
export interface CardDetails {
  brand: string;
  last4: string;
  entryMode: string;
  authCode: string | null;
  emv: CardEmv;
  /** The provider that took it (simulator, stripe, sumup) and its reference of the charge, for refunds. */
  provider: string;
  providerRef: string;
}

export enum PaymentRecordStatus {
  Completed = 'completed',
  PartiallyRefunded = 'partially_refunded',
  Refunded = 'refunded',
}

@Entity('payment_methods')
export class PaymentMethod {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: PaymentMethodKind;

  @Column({ default: true })
  active!: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** One tender towards an order. `amount` counts towards the bill; cash tendered beyond it comes back as `change`. */
@Entity('payments')
@Index('payments_order_id', ['orderId'])
@Index('payments_method_id', ['methodId'])
@Index('payments_business_day_method_id', ['businessDay', 'methodId'])
@Index('payments_created_at', ['createdAt'])
export class Payment {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey('Order', { name: 'payments_order_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  orderId!: string;

  @ForeignKey(() => PaymentMethod, { name: 'payments_method_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  methodId!: string;

  @MoneyColumn()
  amount!: number;

  @MoneyColumn()
  tendered!: number;

  @MoneyColumn({ default: 0 })
  change!: number;

  @MoneyColumn({ default: 0 })
  tip!: number;

  @MoneyColumn({ default: 0 })
  refunded!: number;

  /** What of `tip` has been given back. */
  @MoneyColumn({ default: 0 })
  tipRefunded!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentRecordStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  takenBy!: string | null;

  /** The device it was taken on (X-Device-Id): its cash goes to the drawer open there. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  deviceId!: string | null;

  /** The business day in which it was taken (not its order's): cash counts on the day it moved. */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  /** The card a terminal read (a terminal payment's); null for every other payment. */
  @Column({ type: 'simple-json', nullable: true })
  card!: CardDetails | null;

  @InstantColumn()
  createdAt!: Date;
}

@Entity('refunds')
@Index('refunds_payment_id', ['paymentId'])
@Index('refunds_business_day', ['businessDay'])
@Index('refunds_created_at', ['createdAt'])
export class Refund {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => Payment, { name: 'refunds_payment_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  paymentId!: string;

  @MoneyColumn()
  amount!: number;

  /** The part of the payment's tip given back with it. */
  @MoneyColumn({ default: 0 })
  tip!: number;

  /** Made after its order closed: reported on its own business day, apart from the sale. */
  @Column({ type: 'boolean', default: false })
  afterClose!: boolean;

  /** The lines it gave back (a refund by lines); empty for a refund by amount. */
  @Column({ type: 'simple-json', default: '[]' })
  lines!: RefundedLine[];

  @Column({ length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  refundedBy!: string | null;

  /** The business day in which it was made. */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @InstantColumn()
  createdAt!: Date;
}

export const PAYMENT_ENTITIES: EntityTarget[] = [PaymentMethod, Payment, Refund];
