import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import { Customer } from './customer.entities';

export enum LoyaltyActivityType {
  /** An order with the customer closed: floor(paid / 100) × pointsPerUnit. */
  Earn = 'earn',
  /** A reward taken on an order. */
  Spend = 'spend',
  /** A refund of an order that earned: its share of the points, at most what is held. */
  Reverse = 'reverse',
  /** An order a reward was spent on was cancelled: the points come back. */
  Restore = 'restore',
}

/**
 * One line of a customer's append-only points ledger. `position` numbers a customer's lines 1, 2, 3…: its unique
 * index refuses a second writer that read the same balance, and `balanceAfter` of the last line is the balance.
 */
@Entity('loyalty_activities')
@Index('loyalty_activities_customer_id_position', ['customerId', 'position'], { unique: true })
@Index('loyalty_activities_order_id', ['orderId'])
@Index('loyalty_activities_at', ['at'])
export class LoyaltyActivity {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => Customer, { name: 'loyalty_activities_customer_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  customerId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  type!: LoyaltyActivityType;

  /** Signed: a spend or a reversal is negative. */
  @Column({ type: 'integer' })
  points!: number;

  @Column({ type: 'integer' })
  balanceAfter!: number;

  /**
   * Minor units the line is about: what an earning order paid, what a refund gave back, what an amount reward
   * took off. Null when none.
   */
  @MoneyColumn({ nullable: true })
  amount!: number | null;

  /** Points a reversal should have taken back but the customer no longer held. */
  @Column({ type: 'integer', default: 0 })
  shortfall!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  rewardId!: string | null;

  /** The reward's name, or why the line was written. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  /** `staff:<userId>`, `apiKey:<keyId>` or `system` (earnings and reversals follow other changes). */
  @Column({ type: 'varchar', length: 80 })
  by!: string;

  @InstantColumn()
  at!: Date;
}

export enum RewardKind {
  Amount = 'amount',
  Dish = 'dish',
}

export interface Reward {
  id: string;
  name: string;
  points: number;
  kind: RewardKind;
  /** Minor units off the order, for `amount`. */
  amount: number | null;
  /** The dish given free, for `dish`. */
  dishId: string | null;
}

/** The one loyalty programme (id 1): points per currency unit paid, and the rewards on offer. */
@Entity('loyalty_programs')
export class LoyaltyProgram {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  pointsPerUnit!: number;

  @Column({ type: 'simple-json' })
  rewards!: Reward[];

  @InstantColumn()
  updatedAt!: Date;
}
