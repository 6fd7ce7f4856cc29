import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min, ValidateIf } from 'class-validator';

export class AvailabilityInput {
  @ApiProperty({ description: 'false "86es" the item: it leaves the menu until set back to true' })
  @IsBoolean()
  available!: boolean;
}

export const MAX_STOCK_COUNT = 100_000;

export class StockInput {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_STOCK_COUNT,
    example: 20,
    description: 'Portions left; null stops counting',
  })
  // Required, but null is a value: it turns counting off.
  @ValidateIf((input: StockInput) => input.count !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK_COUNT)
  count!: number | null;
}
