import { ApiProperty } from '@nestjs/swagger';
import { ppmToPercent } from '../../money';
import { POOL_SPLITS, PAYOUT_METHODS, TIP_ELIGIBILITIES, TIP_RULE_KINDS } from './tip.inputs';
import type {
  PoolSplit,
  TipEligibility,
  TipFact,
  TipPayout,
  TipPayoutMethod,
  TipRule,
  TipRuleKind,
} from '../tips.entities';

export class TipRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Its place in the order the rules apply in, 1 first' }) position!: number;
  @ApiProperty({ enum: TIP_RULE_KINDS }) kind!: TipRuleKind;
  @ApiProperty({
    type: Number,
    format: 'double',
    nullable: true,
    example: 2,
    description: 'tip_out: percent of sales',
  })
  percent!: number | null;
  @ApiProperty({ type: [String], description: 'tip_out: the categories; empty for a pool' })
  ofCategoryIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'tip_out: the receiving job' })
  toJobId!: string | null;
  @ApiProperty({ type: [String], description: 'pool: the pooling jobs; empty for a tip-out' })
  jobIds!: string[];
  @ApiProperty({ enum: POOL_SPLITS, nullable: true, description: 'pool: how it is split' })
  by!: PoolSplit | null;
  @ApiProperty({ enum: TIP_ELIGIBILITIES }) eligibility!: TipEligibility;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, rule: TipRule): TipRuleView {
    return {
      id: rule.id,
      position: rule.position,
      kind: rule.kind,
      percent: rule.percentPpm === null ? null : ppmToPercent(rule.percentPpm),
      ofCategoryIds: rule.categoryIds,
      toJobId: rule.toJobId,
      jobIds: rule.jobIds,
      by: rule.splitBy,
      eligibility: rule.eligibility,
      createdAt: rule.createdAt.toISOString(),
      updatedAt: rule.updatedAt.toISOString(),
    };
  }
}

export class DeclaredTipView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date' }) businessDay!: string;
  @ApiProperty({ description: 'Minor units' }) amount!: number;
  @ApiProperty({ format: 'date-time' }) declaredAt!: string;

  static of(this: void, fact: TipFact): DeclaredTipView {
    return {
      id: fact.id,
      userId: fact.userId,
      businessDay: fact.businessDay,
      amount: fact.amount,
      declaredAt: fact.occurredAt.toISOString(),
    };
  }
}

export class TipPayoutView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date', description: 'The business day it was paid on' }) businessDay!: string;
  @ApiProperty({ description: 'Minor units' }) amount!: number;
  @ApiProperty({ enum: PAYOUT_METHODS }) method!: TipPayoutMethod;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'cash: the drawer shift it left',
  })
  cashShiftId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paidBy!: string | null;
  @ApiProperty({ format: 'date-time' }) paidAt!: string;

  static of(this: void, payout: TipPayout): TipPayoutView {
    return {
      id: payout.id,
      userId: payout.userId,
      businessDay: payout.businessDay,
      amount: payout.amount,
      method: payout.method,
      cashShiftId: payout.cashShiftId,
      paidBy: payout.paidBy,
      paidAt: payout.paidAt.toISOString(),
    };
  }
}
