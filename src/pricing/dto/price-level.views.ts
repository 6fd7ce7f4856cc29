import { ApiProperty } from '@nestjs/swagger';
import { OrderType } from '../../common/order-type';
import { HqKeyProperty } from '../../common/errors/managed-by-hq';
import type { PriceLevel } from '../price-level.entity';

const HQ_LEVEL_DOC =
  'On a site linked to headquarters, the key of the price level it comes from: its name, prices, order types ' +
  "and deletion are headquarters' (409 MANAGED_BY_HQ here); null: the site's own";

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

  @HqKeyProperty(HQ_LEVEL_DOC)
  hqKey!: string | null;

  static of(this: void, level: PriceLevel): PriceLevelView {
    return {
      id: level.id,
      name: level.name,
      prices: level.prices.map(({ variationId, price }) => ({ variationId, price })),
      orderTypes: [...level.orderTypes],
      hqKey: level.hqKey,
    };
  }
}
