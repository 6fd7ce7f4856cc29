import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { OrderType } from '../../common/order-type';
import { IsTimestamp } from '../../common/time/is-timestamp';
import { AddressInput } from '../../orders/dto/fulfilment.inputs';
import { MAX_OPTIONS_PER_MAPPING } from './channel.inputs';
import { NestedList } from '../../common/nested-list';

const MAX_LINES = 100;

/** One line of a channel's order, named by the channel's own ids. */
export class ChannelOrderItemInput {
  @ApiProperty({ maxLength: 100, example: 'burger-double', description: 'An item mapping of the channel' })
  @IsString()
  @Length(1, 100)
  externalId!: string;

  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;

  @ApiProperty({
    minimum: 0,
    example: 1650,
    description: 'The unit price the channel sold it at, options included, minor units: kept on the item',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  price!: number;

  @ApiPropertyOptional({ maxLength: 500, example: 'no onions' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  comment?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_OPTIONS_PER_MAPPING,
    example: ['aioli'],
    description: 'Option mappings of the channel',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS_PER_MAPPING)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  options?: string[];
}

export class ChannelOrderInput {
  @ApiProperty({
    maxLength: 100,
    example: 'wolt-order-8812',
    description: 'The channel’s id of the order: the same id again answers the same order',
  })
  @IsString()
  @Length(1, 100)
  externalId!: string;

  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  customerName!: string;

  @ApiProperty({
    maxLength: 40,
    example: '+49 151 2345678',
    description:
      'Stored as E.164; one that is not a valid number (a relay number, an extension) never refuses the order: ' +
      'it is kept as given, with `fulfilment.phoneVerified` false',
  })
  @IsString()
  @Length(1, 40)
  phone!: string;

  @ApiPropertyOptional({ type: AddressInput, description: 'Required for delivery' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the channel promised the customer the food',
  })
  @IsOptional()
  @IsTimestamp()
  promisedAt?: string;

  @ApiProperty({ enum: [OrderType.Takeaway, OrderType.Delivery] })
  @IsIn([OrderType.Takeaway, OrderType.Delivery])
  type!: OrderType.Takeaway | OrderType.Delivery;

  @ApiProperty({ type: [ChannelOrderItemInput], minItems: 1, maxItems: MAX_LINES })
  @NestedList(() => ChannelOrderItemInput, { min: 1, max: MAX_LINES })
  items!: ChannelOrderItemInput[];

  @ApiProperty({ minimum: 0, example: 3300, description: 'The sum of the items’ price × quantity' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  total!: number;

  @ApiProperty({
    description: 'true: the customer paid the channel; the order gets a payment of kind channel',
  })
  @IsBoolean()
  paidByChannel!: boolean;
}

export class QuoteItemInput {
  @ApiProperty({ maxLength: 100, example: 'burger-double' })
  @IsString()
  @Length(1, 100)
  externalId!: string;

  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

/** The lines of a quote: what the channel's customer has in the basket. */
export class ChannelQuoteInput {
  @ApiProperty({ type: [QuoteItemInput], minItems: 1, maxItems: MAX_LINES })
  @NestedList(() => QuoteItemInput, { min: 1, max: MAX_LINES })
  items!: QuoteItemInput[];
}

export class ChannelQuoteView {
  @ApiProperty({ format: 'date-time', description: 'When it would be ready, the channel’s buffer included' })
  readyAt!: string;
}
