import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';

export type TipRuleKind = 'tip_out' | 'pool';
/** Who takes part: those clocked in during the giver's shift, any time in the business day, or when it was paid. */
export type TipEligibility = 'shift' | 'day' | 'order';
export type PoolSplit = 'hours' | 'equal';

/** One step of the manager's ordered rules: a tip-out of a share of sales, or a pool of the tips so far. */
@Entity('tip_rules')
@Index('tip_rules_position', ['position'])
export class TipRule {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** 1 first: the rules apply in this order. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: TipRuleKind;

  /** tip_out: parts per million of the giver's sales in `categoryIds` (2 % is 20 000); null for a pool. */
  @Column({ type: 'integer', nullable: true })
  percentPpm!: number | null;

  /** tip_out: the categories whose sales it is a share of; empty for a pool. */
  @Column({ type: 'simple-json' })
  categoryIds!: string[];

  /** tip_out: the job that receives it; null for a pool. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  toJobId!: string | null;

  /** pool: the jobs that pool their tips; empty for a tip-out. */
  @Column({ type: 'simple-json' })
  jobIds!: string[];

  /** pool: by hours worked or in equal parts; null for a tip-out (always by hours). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  splitBy!: PoolSplit | null;

  @Column({ type: 'varchar', length: 8 })
  eligibility!: TipEligibility;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/**
 * What the ledger is rebuilt from: a card tip (a payment's, to who took it), a refund of part of one (negative,
 * on the payment's day and moment), a declared cash tip, or one person's sales of a category in one order.
 */
export type TipFactKind = 'card_tip' | 'tip_refund' | 'declared_tip' | 'sales';

@Entity('tip_facts')
@Index('tip_facts_business_day', ['businessDay'])
@Index('tip_facts_payment_id', ['paymentId'])
export class TipFact {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: TipFactKind;

  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** Minor units; negative for a refund. */
  @MoneyColumn()
  amount!: number;

  /** sales: the category sold. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  categoryId!: string | null;

  /** card_tip, tip_refund: the payment. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  paymentId!: string | null;

  /** The moment that decides `order` eligibility: the payment, the declaration, the order's close. */
  @InstantColumn()
  occurredAt!: Date;
}

export type TipPayoutMethod = 'cash' | 'payroll';

@Entity('tip_payouts')
@Index('tip_payouts_business_day', ['businessDay'])
export class TipPayout {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @MoneyColumn()
  amount!: number;

  @Column({ type: 'varchar', length: 8 })
  method!: TipPayoutMethod;

  /** cash: the drawer shift it left. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  cashShiftId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  paidBy!: string | null;

  @InstantColumn()
  paidAt!: Date;
}

/** One person's tips of one business day, as the rules shared them when the day's facts last changed. */
@Entity('tip_ledger')
export class TipLedgerEntry {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @MoneyColumn()
  earned!: number;

  @MoneyColumn()
  givenOut!: number;

  @MoneyColumn()
  received!: number;

  @MoneyColumn()
  paidOut!: number;

  /** earned − givenOut + received − paidOut. */
  @MoneyColumn()
  balance!: number;
}

/** The rules a business day was shared by, kept with its ledger so that a later change leaves the day alone. */
@Entity('tip_days')
export class TipDay {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ type: 'simple-json' })
  rules!: TipRuleTerms[];

  @InstantColumn()
  computedAt!: Date;
}

/** A rule as it applies: what a day keeps of it. */
export type TipRuleTerms = Pick<
  TipRule,
  'id' | 'kind' | 'percentPpm' | 'categoryIds' | 'toJobId' | 'jobIds' | 'splitBy' | 'eligibility'
>;
