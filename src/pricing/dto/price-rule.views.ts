import { ApiProperty } from '@nestjs/swagger';
import { OrderType } from '../../common/order-type';
import { PriceRule, ruleValue } from '../price-rule.entity';
import { RULE_KINDS } from './price-rule.inputs';

export class PriceRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Happy hour' }) name!: string;
  @ApiProperty({ format: 'uuid' }) scheduleId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) categoryId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) dishId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) variationId!: string | null;
  @ApiProperty({ enum: RULE_KINDS }) kind!: string;
  @ApiProperty({
    example: 50,
    format: 'double',
    description: 'A percent (percent_off) or a price in minor units (fixed_price)',
  })
  value!: number;
  @ApiProperty({ type: [String], enum: Object.values(OrderType), example: ['dine_in'] })
  orderTypes!: string[];

  static of(this: void, rule: PriceRule): PriceRuleView {
    return {
      id: rule.id,
      name: rule.name,
      scheduleId: rule.scheduleId,
      categoryId: rule.categoryId,
      dishId: rule.dishId,
      variationId: rule.variationId,
      kind: rule.kind,
      value: ruleValue(rule),
      orderTypes: [...rule.orderTypes],
    };
  }
}
