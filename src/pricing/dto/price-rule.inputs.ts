import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsNumber, IsOptional } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { SchemaRules, whenKind } from '../../common/schema-rules';
import { MAX_PRICE } from '../../menu/dto/menu.inputs';
import { Name, ORDER_TYPES, OrderTypes, Reference } from './pricing-fields';

export const RULE_KINDS = ['percent_off', 'fixed_price'] as const;

const TARGET =
  'Exactly one of categoryId, dishId and variationId names what the rule prices (422 otherwise).';
const VALUE_DOC: ApiPropertyOptions = {
  example: 50,
  description:
    'percent_off: a percent above 0 and at most 100, at most 2 decimals, off the price the rule replaces; ' +
    'fixed_price: the price in minor units, 0 to the largest menu price',
};
const ORDER_TYPES_DOC: ApiPropertyOptions = {
  type: [String],
  enum: ORDER_TYPES,
  example: ['dine_in'],
  description: 'The order types it applies to; at least one',
};
const ReferenceDoc = (what: string): ApiPropertyOptions => ({
  type: String,
  nullable: true,
  format: 'uuid',
  description: `A ${what}. ${TARGET}`,
});

@SchemaRules({
  oneOf: [
    whenKind('kind', 'percent_off', {
      value: { type: 'number', format: 'double', exclusiveMinimum: 0, maximum: 100, multipleOf: 0.01 },
    }),
    whenKind('kind', 'fixed_price', { value: { type: 'integer', minimum: 0, maximum: MAX_PRICE } }),
  ],
})
export class CreatePriceRuleInput {
  @ApiProperty({ example: 'Happy hour', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'A menu schedule: the rule is in force while it is on' })
  @Reference()
  scheduleId!: string;

  @ApiPropertyOptional(ReferenceDoc('category'))
  @IsOptional()
  @Reference()
  categoryId?: string | null;

  @ApiPropertyOptional(ReferenceDoc('live dish'))
  @IsOptional()
  @Reference()
  dishId?: string | null;

  @ApiPropertyOptional(ReferenceDoc('live variation of a live dish'))
  @IsOptional()
  @Reference()
  variationId?: string | null;

  @ApiProperty({ enum: RULE_KINDS, example: 'percent_off' })
  @IsIn(RULE_KINDS)
  kind!: (typeof RULE_KINDS)[number];

  @ApiProperty(VALUE_DOC)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiPropertyOptional({ ...ORDER_TYPES_DOC, default: ORDER_TYPES })
  @OptionalNotNull()
  @OrderTypes()
  @ArrayMinSize(1)
  orderTypes?: string[];
}

export class UpdatePriceRuleInput {
  @ApiPropertyOptional({ example: 'Happy hour', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @Reference()
  scheduleId?: string;

  @ApiPropertyOptional({
    ...ReferenceDoc('category'),
    description: `Naming a target replaces the rule's. ${TARGET}`,
  })
  @IsOptional()
  @Reference()
  categoryId?: string | null;

  @ApiPropertyOptional(ReferenceDoc('live dish'))
  @IsOptional()
  @Reference()
  dishId?: string | null;

  @ApiPropertyOptional(ReferenceDoc('live variation of a live dish'))
  @IsOptional()
  @Reference()
  variationId?: string | null;

  @ApiPropertyOptional({ enum: RULE_KINDS })
  @OptionalNotNull()
  @IsIn(RULE_KINDS)
  kind?: (typeof RULE_KINDS)[number];

  @ApiPropertyOptional(VALUE_DOC)
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional(ORDER_TYPES_DOC)
  @OptionalNotNull()
  @OrderTypes()
  @ArrayMinSize(1)
  orderTypes?: string[];
}
