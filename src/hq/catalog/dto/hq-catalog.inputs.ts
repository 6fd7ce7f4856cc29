import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NestedList } from '../../../common/nested-list';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { CreateDishInput, MAX_PRICE, Name, Price, SortOrder } from '../../../menu/dto/menu.inputs';
import type { HqOverrideKind } from '../hq-catalog.entities';

/** A stable key of the master catalog: lower-case letters, digits, dots, dashes and underscores. */
export const HQ_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const HQ_KEY_RULE = 'lower-case letters, digits, ".", "-" and "_", 1 to 100, starting with a letter or digit';

const HqKey = () => (target: object, property: string) => {
  IsString()(target, property);
  Matches(HQ_KEY_PATTERN, { message: `must be an hqKey: ${HQ_KEY_RULE}` })(target, property);
};

export const MAX_VARIATIONS_PER_DISH = 50;

export class HqCategoryInput {
  @ApiProperty({ example: 'Pizza', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ default: 0, description: 'Lower comes first on every site’s menu' })
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;
}

export class HqStationInput {
  @ApiProperty({ example: 'Oven', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;
}

export class HqVariationInput {
  @ApiProperty({
    example: 'pizza-margherita-large',
    pattern: HQ_KEY_PATTERN.source,
    description: HQ_KEY_RULE,
  })
  @HqKey()
  hqKey!: string;

  @ApiProperty({ example: 'Large', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty({ example: 1250, minimum: 0, maximum: MAX_PRICE, description: 'Integer minor units' })
  @Price()
  price!: number;
}

/** A dish of the master catalog: its name and description as a site's own dish has them, the rest by hqKey. */
export class HqDishInput extends PickType(CreateDishInput, ['name', 'description'] as const) {
  @ApiProperty({ example: 'pizza', description: 'The hqKey of a category of the master catalog' })
  @HqKey()
  categoryKey!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'oven',
    description: 'The hqKey of a station of the master catalog; null for none',
  })
  @IsOptional()
  @HqKey()
  stationKey?: string | null;

  @ApiPropertyOptional({
    default: true,
    description: 'false: off sale at every site that does not override it; true leaves each site its own 86',
  })
  @OptionalNotNull()
  @IsBoolean()
  available?: boolean;

  @ApiProperty({
    type: [HqVariationInput],
    minItems: 1,
    maxItems: MAX_VARIATIONS_PER_DISH,
    description: 'In menu order; each hqKey unique in the whole catalog',
  })
  @NestedList(() => HqVariationInput, { min: 1, max: MAX_VARIATIONS_PER_DISH })
  variations!: HqVariationInput[];
}

export class OverrideScopeInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'A site: beats every group' })
  @IsOptional()
  @IsUUID('4')
  siteId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A site group: reaches every site in it and in its subgroups',
  })
  @IsOptional()
  @IsUUID('4')
  groupId?: string;
}

export const OVERRIDE_KINDS: HqOverrideKind[] = ['category', 'dish', 'variation'];

/**
 * An override of one entry for one site or group. A field sent null is inherited again; one left out stays as it
 * was; an override left with no field set is removed.
 */
export class PutOverrideInput {
  @ApiProperty({
    enum: OVERRIDE_KINDS,
    description: 'price: variation; available, stationKey: dish; absent: any',
  })
  @IsIn(OVERRIDE_KINDS)
  kind!: HqOverrideKind;

  @ApiProperty({ example: 'pizza-margherita-large' })
  @HqKey()
  hqKey!: string;

  @ApiProperty({ type: OverrideScopeInput, description: 'Exactly one of siteId and groupId' })
  @IsObject()
  @ValidateNested()
  @Type(() => OverrideScopeInput)
  scope!: OverrideScopeInput;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_PRICE,
    description: 'A variation’s price there',
  })
  @IsOptional()
  @Price()
  price?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'A dish: false takes it off sale there',
  })
  @IsOptional()
  @IsBoolean()
  available?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'true: not on the menu there at all' })
  @IsOptional()
  @IsBoolean()
  absent?: boolean | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A dish: the hqKey of its station there',
  })
  @IsOptional()
  @HqKey()
  stationKey?: string | null;
}

export class PublishInput {
  @ApiProperty({ example: 'Autumn menu', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  note!: string;
}

/** What a site says of the publication it pulled. */
export class CatalogReportInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  publicationId!: string;

  @ApiProperty({ enum: ['applied', 'failed'] })
  @IsIn(['applied', 'failed'])
  state!: 'applied' | 'failed';

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why it failed, as the site’s menu refused it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
