import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { OptionalNotNull } from '../../common/optional-not-null';
import { SchemaRules, whenKind } from '../../common/schema-rules';
import type { PoolSplit, TipEligibility, TipPayoutMethod, TipRuleKind } from '../tips.entities';

export const TIP_RULE_KINDS: readonly TipRuleKind[] = ['tip_out', 'pool'];
export const TIP_ELIGIBILITIES: readonly TipEligibility[] = ['shift', 'day', 'order'];
export const POOL_SPLITS: readonly PoolSplit[] = ['hours', 'equal'];
export const PAYOUT_METHODS: readonly TipPayoutMethod[] = ['cash', 'payroll'];
const MAX_IDS = 50;

const AtMostTwoDecimals = () =>
  ValidateBy({
    name: 'atMostTwoDecimals',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'number' || Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      defaultMessage: () => 'must have at most two decimals',
    },
  });

const PERCENT = { type: 'number', format: 'double', minimum: 0.01, maximum: 100, multipleOf: 0.01 };
const IDS = { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: MAX_IDS };
/** Required by its kind; checked whenever sent (a pool's field on a tip-out too: what the schema allows). */
const ForKind = (kind: TipRuleKind) =>
  ValidateIf((input: { kind?: string }, value: unknown) => input.kind === kind || value !== undefined);

/** A rule's terms: a tip-out takes percent, ofCategoryIds and toJobId; a pool jobIds and by. */
@SchemaRules({
  oneOf: [
    whenKind('kind', 'tip_out', {
      percent: PERCENT,
      ofCategoryIds: IDS,
      toJobId: { type: 'string', format: 'uuid' },
    }),
    whenKind('kind', 'pool', { jobIds: IDS, by: { enum: POOL_SPLITS } }),
  ],
})
export class TipRuleInput {
  @ApiProperty({ enum: TIP_RULE_KINDS, example: 'tip_out' })
  @IsIn(TIP_RULE_KINDS)
  kind!: TipRuleKind;

  @ApiPropertyOptional({
    description:
      'tip_out: the percent (above 0, at most 100, two decimals) of the giver’s sales in ofCategoryIds',
    example: 2,
    format: 'double',
    minimum: 0.01,
    maximum: 100,
  })
  @ForKind('tip_out')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @AtMostTwoDecimals()
  @Min(0.01)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'tip_out: the categories it is a share of',
  })
  @ForKind('tip_out')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ofCategoryIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'tip_out: the job that receives it (runners, say)' })
  @ForKind('tip_out')
  @IsUUID()
  toJobId?: string;

  @ApiPropertyOptional({ type: [String], description: 'pool: the jobs that pool their tips' })
  @ForKind('pool')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  jobIds?: string[];

  @ApiPropertyOptional({ enum: POOL_SPLITS, description: 'pool: split by hours worked that day, or equally' })
  @ForKind('pool')
  @IsIn(POOL_SPLITS)
  by?: PoolSplit;

  @ApiProperty({
    enum: TIP_ELIGIBILITIES,
    description:
      'Who takes part: those clocked in during the giver’s shift, any time in the business day, or when the ' +
      'giver was paid (or declared, or closed an order)',
  })
  @IsIn(TIP_ELIGIBILITIES)
  eligibility!: TipEligibility;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Where it goes in the order (1 first); the end when left out. The others move up or down.',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000)
  position?: number;
}

export class DeclaredTipInput {
  @ApiProperty({
    description: 'Minor units of cash tips received this business day',
    example: 2000,
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Managers and admins: whose tips; the caller’s by default',
  })
  @OptionalNotNull()
  @IsUUID()
  userId?: string;
}

export class TipPayoutInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ description: 'Minor units paid', example: 5400, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiProperty({
    enum: PAYOUT_METHODS,
    description:
      'cash: out of the drawer open on this device (X-Device-Id), as a pay-out; payroll: with the wages',
  })
  @IsIn(PAYOUT_METHODS)
  method!: TipPayoutMethod;
}
