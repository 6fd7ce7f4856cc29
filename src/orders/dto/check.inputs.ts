import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_EVEN_PARTS } from '../check-splits';
import { NestedList } from '../../common/nested-list';
import { SchemaRules, whenKind } from '../../common/schema-rules';

export class ItemQuantityInput {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  itemId!: string;

  @ApiProperty({ minimum: 1, maximum: 99, description: 'Fewer than the line has divides the line' })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

/** Lists of item quantities, 1 to 100 of them. */
const ItemQuantities = () => NestedList(() => ItemQuantityInput, { min: 1, max: 100 });

@SchemaRules({
  oneOf: [
    whenKind('by', 'seat'),
    whenKind('by', 'items', {}, ['items']),
    whenKind('by', 'even', {}, ['parts']),
  ],
})
export class SplitInput {
  @ApiProperty({
    enum: ['seat', 'items', 'even'],
    description:
      'seat: each seat but the lowest gets a new order (seatless items stay); items: one new order takes `items`; ' +
      'even: `parts` orders share the money, the food stays on this one',
  })
  @IsIn(['seat', 'items', 'even'])
  by!: 'seat' | 'items' | 'even';

  @ApiPropertyOptional({ type: [ItemQuantityInput], description: 'Required for by: items' })
  @ValidateIf((input: SplitInput) => input.by === 'items' || input.items !== undefined)
  @ItemQuantities()
  items?: ItemQuantityInput[];

  @ApiPropertyOptional({ minimum: 2, maximum: MAX_EVEN_PARTS, description: 'Required for by: even' })
  @ValidateIf((input: SplitInput) => input.by === 'even' || input.parts !== undefined)
  @IsInt()
  @Min(2)
  @Max(MAX_EVEN_PARTS)
  parts?: number;
}

export class MoveOrderInput {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  tableId!: string;
}

export class MoveItemsInput {
  @ApiProperty({ type: [ItemQuantityInput] })
  @ItemQuantities()
  items!: ItemQuantityInput[];

  @ApiProperty({ format: 'uuid', description: 'An open order' })
  @IsString()
  @Length(1, 36)
  toOrderId!: string;
}

export class MergeInput {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 20, description: 'Open orders' })
  @IsString({ each: true })
  @Length(1, 36, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  fromOrderIds!: string[];
}
