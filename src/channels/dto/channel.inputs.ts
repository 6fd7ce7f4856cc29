import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { NestedList } from '../../common/nested-list';

export const MAX_CHANNEL_ITEMS = 1000;
export const MAX_OPTIONS_PER_MAPPING = 20;
const MAX_BUFFER_MINUTES = 240;

/** A code is how URLs and keys name the channel: lower-case letters, digits, `-` and `_`. */
export const CHANNEL_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class ChannelItemInput {
  @ApiProperty({ maxLength: 100, example: 'wolt-123', description: 'The id the channel uses for it' })
  @IsString()
  @Length(1, 100)
  externalId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The dish it sells; absent: an option mapping, named in an order item’s `options`',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  dishId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when the dish has several variations' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  variationId?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_OPTIONS_PER_MAPPING,
    description: 'Modifier options it stands for (with a dish: preset on every item; without: required)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS_PER_MAPPING)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 36, { each: true })
  optionIds?: string[];
}

const ChannelItems = () =>
  applyDecorators(
    OptionalNotNull(),
    NestedList(() => ChannelItemInput, { max: MAX_CHANNEL_ITEMS }),
  );

export class UpdateChannelInput {
  @ApiPropertyOptional({ maxLength: 100, example: 'Wolt' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'false switches the channel off (its routes answer 409)' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Busy mode: true refuses new orders with 409 CHANNEL_PAUSED' })
  @OptionalNotNull()
  @IsBoolean()
  paused?: boolean;

  @ApiPropertyOptional({ description: 'true: its orders are accepted at once; false: they wait `pending`' })
  @OptionalNotNull()
  @IsBoolean()
  autoAccept?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_BUFFER_MINUTES, description: 'Added to kitchen quotes' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_BUFFER_MINUTES)
  prepBufferMinutes?: number;

  @ApiPropertyOptional({
    type: [ChannelItemInput],
    maxItems: MAX_CHANNEL_ITEMS,
    description: 'The external ids it uses; on PATCH the list replaces the old one',
  })
  @ChannelItems()
  items?: ChannelItemInput[];
}

class ChannelIdentity {
  @ApiProperty({ pattern: CHANNEL_CODE.source, example: 'wolt', description: 'Never changes' })
  @IsString()
  @Matches(CHANNEL_CODE, { message: 'must be 1 to 40 lower-case letters, digits, - or _' })
  code!: string;

  @ApiProperty({ maxLength: 100, example: 'Wolt' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class CreateChannelInput extends IntersectionType(
  ChannelIdentity,
  OmitType(UpdateChannelInput, ['name'] as const),
) {}
