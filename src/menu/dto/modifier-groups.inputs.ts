import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { MAX_MODIFIERS_PER_LINE } from '../modifier-choices';
import { MAX_PRICE, Name, SortOrder } from './menu.inputs';
import { NestedList } from '../../common/nested-list';

/** Options one group may have: a choice a guest can take in at a glance. */
export const MAX_OPTIONS_PER_GROUP = 50;

const PriceDelta = () => (target: object, property: string) => {
  IsInt({ message: 'must be an integer amount in minor units' })(target, property);
  Min(-MAX_PRICE)(target, property);
  Max(MAX_PRICE)(target, property);
};

const Choices = (minimum: number) => (target: object, property: string) => {
  IsInt()(target, property);
  Min(minimum)(target, property);
  Max(MAX_MODIFIERS_PER_LINE)(target, property);
};

const PRICE_DELTA_DOC = {
  example: 150,
  minimum: -MAX_PRICE,
  maximum: MAX_PRICE,
  description:
    'Integer minor units added to the unit price of an item that carries the option; negative takes off ' +
    '(an order line whose modifiers would take its price below zero is refused)',
};

export class CreateModifierOptionInput {
  @ApiProperty({ example: 'Aioli', minLength: 1, maxLength: 100, description: 'Unique within the group' })
  @Name()
  name!: string;

  @ApiPropertyOptional({ ...PRICE_DELTA_DOC, default: 0 })
  @OptionalNotNull()
  @PriceDelta()
  priceDelta?: number;

  @ApiPropertyOptional({ default: 0, description: 'Lower comes first' })
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;
}

export class UpdateModifierOptionInput {
  @ApiPropertyOptional({ example: 'Aioli', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional(PRICE_DELTA_DOC)
  @OptionalNotNull()
  @PriceDelta()
  priceDelta?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;
}

export class CreateModifierGroupInput {
  @ApiProperty({ example: 'Sauce', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_MODIFIERS_PER_LINE,
    default: 0,
    description: 'Options a guest must choose; at most maxChoices',
  })
  @OptionalNotNull()
  @Choices(0)
  minChoices?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_MODIFIERS_PER_LINE,
    default: 1,
    description: 'Options a guest may choose',
  })
  @OptionalNotNull()
  @Choices(1)
  maxChoices?: number;

  @ApiPropertyOptional({
    type: [CreateModifierOptionInput],
    default: [],
    description: 'The options, created with the group; names unique',
  })
  @OptionalNotNull()
  @NestedList(() => CreateModifierOptionInput, { max: MAX_OPTIONS_PER_GROUP })
  options?: CreateModifierOptionInput[];
}

export class UpdateModifierGroupInput {
  @ApiPropertyOptional({ example: 'Sauce', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MODIFIERS_PER_LINE, description: 'At most maxChoices' })
  @OptionalNotNull()
  @Choices(0)
  minChoices?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MODIFIERS_PER_LINE })
  @OptionalNotNull()
  @Choices(1)
  maxChoices?: number;
}
