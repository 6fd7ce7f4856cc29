import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import type { PriceRuleKind } from './price-resolution';

/**
 * Happy hour: while its schedule is on, lines of its category, dish or variation (exactly one is set) on orders of
 * its types sell at a percent off or at a fixed price.
 */
@Entity('price_rules')
export class PriceRule {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Index('price_rules_schedule_id')
  @ForeignKey('MenuSchedule', { name: 'price_rules_schedule_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  scheduleId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  categoryId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  dishId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  variationId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: PriceRuleKind;

  /** percent_off: hundredths of a percent (1 to 10,000); fixed_price: minor units. */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'simple-json' })
  orderTypes!: string[];

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** The rule's value as clients see it: a percent (12.5) or a price in minor units. */
export function ruleValue(rule: Pick<PriceRule, 'kind' | 'amount'>): number {
  return rule.kind === 'percent_off' ? rule.amount / 100 : rule.amount;
}
