import { ApiProperty } from '@nestjs/swagger';
import { OrderType } from '../../common/order-type';
import type { PriceLevel } from '../price-level.entity';

export class LevelPriceView {
  @ApiProperty({ format: 'uuid' }) variationId!: string;
  @ApiProperty({ example: 5200, description: 'Integer minor units' }) price!: number;
}

export class PriceLevelView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Terrace' }) name!: string;
  @ApiProperty({ type: [LevelPriceView] }) prices!: LevelPriceView[];
  @ApiProperty({
    type: [String],
    enum: Object.values(OrderType),
    example: ['takeaway'],
    description: 'The order types it prices when the table’s area names no level',
  })
  orderTypes!: string[];

  static of(this: void, level: PriceLevel): PriceLevelView {
    return {
      id: level.id,
      name: level.name,
      prices: level.prices.map(({ variationId, price }) => ({ variationId, price })),
      orderTypes: [...level.orderTypes],
    };
  }
}
