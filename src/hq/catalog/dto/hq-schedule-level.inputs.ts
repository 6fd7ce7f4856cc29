import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { NestedList } from '../../../common/nested-list';
import { MAX_PRICE, Name, Price } from '../../../menu/dto/menu.inputs';
import { CreateMenuScheduleInput } from '../../../menu/schedules/dto/schedule.inputs';
import { MAX_LEVEL_PRICES } from '../../../pricing/dto/price-level.inputs';
import { ORDER_TYPES, OrderTypes } from '../../../pricing/dto/pricing-fields';
import { HQ_KEY_PATTERN, HQ_KEY_RULE, HqKey } from './hq-key';

/** A menu schedule of the master catalog, as a site's own: its windows run on each site's clock. */
export class HqScheduleInput extends PickType(CreateMenuScheduleInput, ['name', 'windows'] as const) {}

export class HqLevelPriceInput {
  @ApiProperty({ example: 'burger-regular', pattern: HQ_KEY_PATTERN.source, description: HQ_KEY_RULE })
  @HqKey()
  variationKey!: string;

  @ApiProperty({ example: 1290, minimum: 0, maximum: MAX_PRICE, description: 'Integer minor units' })
  @Price()
  price!: number;
}

/** A price level of the master catalog: its prices of the catalog's variations, and the order types it prices. */
export class HqPriceLevelInput {
  @ApiProperty({ example: 'Terrace', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty({
    type: [HqLevelPriceInput],
    maxItems: MAX_LEVEL_PRICES,
    description: 'Variations of the catalog by hqKey, each once; the others keep their price',
  })
  @NestedList(() => HqLevelPriceInput, { max: MAX_LEVEL_PRICES })
  prices!: HqLevelPriceInput[];

  @ApiPropertyOptional({
    type: [String],
    enum: ORDER_TYPES,
    default: [],
    example: ['takeaway'],
    description:
      'Orders of these types are priced by it where their table’s area names no level; each type on one level',
  })
  @OptionalNotNull()
  @OrderTypes()
  orderTypes?: string[];
}
