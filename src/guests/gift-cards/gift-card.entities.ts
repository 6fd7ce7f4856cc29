import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../../common/money';
import { InstantColumn } from '../../database/columns';
import type { EntityTarget } from '../../database/entity-target';

/** What is stored; `expired` is never stored: a card is expired when the clock is past its expiresAt. */
export enum GiftCardState {
  Active = 'active',
  Void = 'void',
}

export enum GiftCardActivityType {
  Activate = 'activate',
  Load = 'load',
  Redeem = 'redeem',
  Refund = 'refund',
  Adjust = 'adjust',
  Void = 'void',
}

/**
 * A stored-value card. The code itself is never kept: only its keyed hash (to find the card) and its last four
 * digits (to tell cards apart). `balance` is the sum of the card's activities, kept on the row so that a redemption
 * checks and moves it under the row's lock.
 */
@Entity('gift_cards')
@Index('gift_cards_code_hash', ['codeHash'], { unique: true })
@Index('gift_cards_created_at', ['createdAt'])
export class GiftCard {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 64 })
  codeHash!: string;

  @Column({ length: 4 })
  last4!: string;

  @MoneyColumn()
  balance!: number;

  /** How many activities the card has: the next one's sequence follows it. */
  @Column({ type: 'integer' })
  activityCount!: number;

  @Column({ type: 'varchar', length: 8 })
  state!: GiftCardState;

  @InstantColumn({ nullable: true })
  expiresAt!: Date | null;

  @Column({ length: 60 })
  createdBy!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/**
 * One line of a card's append-only ledger. `amount` is signed (a redemption is negative). A sale (an activation or
 * a load paid for) names the payment method that took the money: the liability the gift-card report reads.
 */
@Entity('gift_card_activities')
@Index('gift_card_activities_card_sequence', ['giftCardId', 'sequence'], { unique: true })
@Index('gift_card_activities_at', ['at'])
@Index('gift_card_activities_payment_id', ['paymentId'])
export class GiftCardActivity {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => GiftCard, { name: 'gift_card_activities_card_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  giftCardId!: string;

  /** 1, 2, 3 … per card, in the order the balance moved. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 8 })
  type!: GiftCardActivityType;

  @MoneyColumn()
  amount!: number;

  @MoneyColumn()
  balanceAfter!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  paymentId!: string | null;

  @ForeignKey('PaymentMethod', { name: 'gift_card_activities_sale_method_fk', onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  saleMethodId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  /** Who made it, as the audit log names callers: `staff:<userId>` or `apiKey:<keyId>`. */
  @Column({ length: 60 })
  by!: string;

  @InstantColumn()
  at!: Date;
}

export const GIFT_CARD_ENTITIES: EntityTarget[] = [GiftCard, GiftCardActivity];
