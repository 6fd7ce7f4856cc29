import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { OptionalNotNull } from '../../common/optional-not-null';
import { MAX_PRICE } from '../../menu/dto/menu.inputs';
import { Name, ORDER_TYPES, OrderTypes, Price, Reference } from './pricing-fields';
import { NestedList } from '../../common/nested-list';

/** How many variations one level may price: a whole menu's worth. */
export const MAX_LEVEL_PRICES = 2_000;

export class LevelPriceInput {
  @ApiProperty({ format: 'uuid', description: 'A variation of a live dish, once per level' })
  @Reference()
  variationId!: string;

  @ApiProperty({ example: 5200, minimum: 0, maximum: MAX_PRICE, description: 'Integer minor units' })
  @Price()
  price!: number;
}

const PRICES_DOC: ApiPropertyOptions = {
  type: [LevelPriceInput],
  description: 'The variations it prices; the others keep their list price',
};
const ORDER_TYPES_DOC: ApiPropertyOptions = {
  type: [String],
  enum: ORDER_TYPES,
  example: ['takeaway'],
  description:
    'Orders of these types are priced by it when their table’s area names no level; each type on one level',
};

const Prices = () => NestedList(() => LevelPriceInput, { max: MAX_LEVEL_PRICES });

export class CreatePriceLevelInput {
  @ApiProperty({ example: 'Terrace', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty(PRICES_DOC)
  @Prices()
  prices!: LevelPriceInput[];

  @ApiPropertyOptional({ ...ORDER_TYPES_DOC, default: [] })
  @OptionalNotNull()
  @OrderTypes()
  orderTypes?: string[];
}

export class UpdatePriceLevelInput {
  @ApiPropertyOptional({ example: 'Terrace', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({
    ...PRICES_DOC,
    description: 'The variations it prices (replaces the list); the others keep their list price',
  })
  @OptionalNotNull()
  @Prices()
  prices?: LevelPriceInput[];

  @ApiPropertyOptional(ORDER_TYPES_DOC)
  @OptionalNotNull()
  @OrderTypes()
  orderTypes?: string[];
}
