import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { LoyaltyActivity, LoyaltyActivityType, Reward, RewardKind } from '../loyalty.entities';
import { NestedList } from '../../common/nested-list';
import { MAX_PER_PAGE } from '../../common/pagination/page';
import { SchemaRules, whenKind } from '../../common/schema-rules';

const MAX_POINTS = 1_000_000_000;

@SchemaRules({
  oneOf: [
    whenKind('kind', RewardKind.Amount, { amount: { type: 'integer', minimum: 1, maximum: MAX_AMOUNT } }),
    whenKind('kind', RewardKind.Dish, { dishId: { type: 'string', format: 'uuid' } }),
  ],
})
export class RewardDefinition {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Keep a reward’s id to keep it; without one it is new',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Free dessert', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 200, minimum: 1, description: 'What it costs in points' })
  @IsInt()
  @Min(1)
  @Max(MAX_POINTS)
  points!: number;

  @ApiProperty({
    enum: RewardKind,
    enumName: 'RewardKind',
    description: '`amount`: minor units off the order; `dish`: the dish added free',
  })
  @IsEnum(RewardKind)
  kind!: RewardKind;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 500,
    description: 'Minor units, for `amount`',
  })
  @ValidateIf((reward: RewardDefinition) => reward.kind === RewardKind.Amount)
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'For `dish`' })
  @ValidateIf((reward: RewardDefinition) => reward.kind === RewardKind.Dish)
  @IsUUID()
  dishId?: string | null;
}

export class LoyaltyProgramInput {
  @ApiProperty({
    example: 1,
    minimum: 0,
    maximum: 10_000,
    description:
      'Points per currency unit (100 minor units) paid, tips and change excluded; 0 pauses earning',
  })
  @IsInt()
  @Min(0)
  @Max(10_000)
  pointsPerUnit!: number;

  @ApiProperty({ type: [RewardDefinition], description: 'Replaces the whole list' })
  @NestedList(() => RewardDefinition, { max: 100 })
  rewards!: RewardDefinition[];
}

export class RewardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Free dessert' }) name!: string;
  @ApiProperty({ example: 200 }) points!: number;
  @ApiProperty({ enum: RewardKind, enumName: 'RewardKind' }) kind!: RewardKind;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units off, for `amount`' })
  amount!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) dishId!: string | null;

  static of(this: void, reward: Reward): RewardView {
    const { id, name, points, kind, amount, dishId } = reward;
    return { id, name, points, kind, amount, dishId };
  }
}

export class LoyaltyProgramView {
  @ApiProperty({ example: 1 }) pointsPerUnit!: number;
  @ApiProperty({ type: [RewardView] }) rewards!: RewardView[];
}

export class LoyaltyActivityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LoyaltyActivityType, enumName: 'LoyaltyActivityType' }) type!: LoyaltyActivityType;
  @ApiProperty({ example: 12, description: 'Signed: a spend or a reversal is negative' }) points!: number;
  @ApiProperty({ example: 140, description: 'The balance after this line' }) balanceAfter!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Minor units: what the order paid (earn), what was refunded (reverse), what a reward took off',
  })
  amount!: number | null;
  @ApiProperty({ description: 'Points a reversal could not take back: the customer no longer held them' })
  shortfall!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) rewardId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Free dessert' }) note!: string | null;
  @ApiProperty({ example: 'system', description: '`staff:<userId>`, `apiKey:<keyId>` or `system`' })
  by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static of(this: void, activity: LoyaltyActivity): LoyaltyActivityView {
    return {
      id: activity.id,
      type: activity.type,
      points: activity.points,
      balanceAfter: activity.balanceAfter,
      amount: activity.amount,
      shortfall: activity.shortfall,
      orderId: activity.orderId,
      rewardId: activity.rewardId,
      note: activity.note,
      by: activity.by,
      at: activity.at.toISOString(),
    };
  }
}

export class LoyaltyView {
  @ApiProperty({ example: 140, description: 'The balance: the sum of every line of the ledger' })
  points!: number;
  @ApiProperty({
    type: [LoyaltyActivityView],
    maxItems: MAX_PER_PAGE,
    description: 'This page of the ledger, newest first',
  })
  activities!: LoyaltyActivityView[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) perPage!: number;
  @ApiProperty({ example: 7, description: 'Lines in the whole ledger' }) total!: number;
  @ApiProperty({ example: 1 }) pages!: number;
}
