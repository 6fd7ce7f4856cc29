import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { hasWholePpm } from '../../../money';
import { NestedList } from '../../../common/nested-list';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { CreateDishInput, MAX_PRICE, Name, Price, SortOrder } from '../../../menu/dto/menu.inputs';
import { CreateModifierGroupInput, MAX_OPTIONS_PER_GROUP } from '../../../menu/dto/modifier-groups.inputs';
import type { HqOverrideKind } from '../hq-catalog.entities';
import { HqComboInput } from './hq-combo.inputs';
import { HQ_KEY_PATTERN, HQ_KEY_RULE, HqKey } from './hq-key';

export const MAX_VARIATIONS_PER_DISH = 50;
/** Modifier groups one dish may offer. */
export const MAX_GROUPS_PER_DISH = 20;

/** A price delta as the site's own options take it: integer minor units, negative takes off. */
const PriceDelta = () => (target: object, property: string) => {
  IsInt({ message: 'must be an integer amount in minor units' })(target, property);
  Min(-MAX_PRICE)(target, property);
  Max(MAX_PRICE)(target, property);
};

/** A percent from 0 to 100 with at most 4 decimals, as the site's tax rates take it. */
const Percent = () => (target: object, property: string) => {
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  ValidateBy({
    name: 'atMostFourDecimals',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && hasWholePpm(value),
      defaultMessage: () => 'must be a number with at most 4 decimals',
    },
  })(target, property);
  Min(0)(target, property);
  Max(100)(target, property);
};

const PRICE_DELTA_DOC = {
  minimum: -MAX_PRICE,
  maximum: MAX_PRICE,
  description:
    'Integer minor units added to the unit price of an item that carries the option; negative takes off, as on ' +
    'a site’s own options',
};
const PERCENT_DOC = { minimum: 0, maximum: 100, description: 'Percent, at most 4 decimals (6.25)' };

/** An entry's `available`: false takes it off sale wherever no override says otherwise. */
function OffSaleEverywhere(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({
      default: true,
      description:
        'false: off sale at every site that does not override it; true leaves each site its own 86',
    })(target, key);
    OptionalNotNull()(target, key);
    IsBoolean()(target, key);
  };
}

export class HqCategoryInput {
  @ApiProperty({ example: 'Pizza', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ default: 0, description: 'Lower comes first on every site’s menu' })
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'breakfast',
    description: 'The hqKey of a menu schedule of the master catalog; null: each site sets it',
  })
  @IsOptional()
  @HqKey()
  scheduleKey?: string | null;
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

  @OffSaleEverywhere()
  available?: boolean;

  @ApiProperty({
    type: [HqVariationInput],
    minItems: 1,
    maxItems: MAX_VARIATIONS_PER_DISH,
    description: 'In menu order; each hqKey unique in the whole catalog',
  })
  @NestedList(() => HqVariationInput, { min: 1, max: MAX_VARIATIONS_PER_DISH })
  variations!: HqVariationInput[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_GROUPS_PER_DISH,
    default: [],
    example: ['burger-sauce'],
    description: 'The hqKeys of the modifier groups it offers, in order (before any a site adds itself)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_GROUPS_PER_DISH)
  @HqKey({ each: true })
  modifierGroupKeys?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'food',
    description: 'The hqKey of a tax mapping: its rate is the dish’s at every site; null: each site sets it',
  })
  @IsOptional()
  @HqKey()
  taxRateKey?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'breakfast',
    description: 'The hqKey of a menu schedule of the master catalog; null: each site sets it',
  })
  @IsOptional()
  @HqKey()
  scheduleKey?: string | null;

  @ApiPropertyOptional({
    type: HqComboInput,
    nullable: true,
    description:
      'Makes the dish a combo (as a site’s own, docs/combos.md): each slot takes minChoices to maxChoices of its ' +
      'choices, other dishes of the catalog by hqKey. At a site, a choice left off there drops out, and a combo ' +
      'with a slot left too few choices is left off. null: a plain dish.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HqComboInput)
  combo?: HqComboInput | null;
}

export class HqModifierOptionInput {
  @ApiProperty({ example: 'burger-sauce-bbq', pattern: HQ_KEY_PATTERN.source, description: HQ_KEY_RULE })
  @HqKey()
  hqKey!: string;

  @ApiProperty({ example: 'BBQ', minLength: 1, maxLength: 100, description: 'Unique within the group' })
  @Name()
  name!: string;

  @ApiPropertyOptional({ ...PRICE_DELTA_DOC, example: 50, default: 0 })
  @OptionalNotNull()
  @PriceDelta()
  priceDelta?: number;

  @OffSaleEverywhere()
  available?: boolean;
}

/** A modifier group of the master catalog, as a site's own group has it, with its options in menu order. */
export class HqModifierGroupInput extends PickType(CreateModifierGroupInput, [
  'name',
  'minChoices',
  'maxChoices',
] as const) {
  @ApiProperty({
    type: [HqModifierOptionInput],
    maxItems: MAX_OPTIONS_PER_GROUP,
    description: 'In menu order; each hqKey unique in the whole catalog, each name unique in the group',
  })
  @NestedList(() => HqModifierOptionInput, { min: 0, max: MAX_OPTIONS_PER_GROUP })
  options!: HqModifierOptionInput[];
}

/** A tax mapping of the master catalog: a named rate, a tax rate of every site's own once published. */
export class HqTaxMappingInput {
  @ApiProperty({ example: 'Food 7 %', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty({ ...PERCENT_DOC, example: 7 })
  @Percent()
  percent!: number;
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

export const OVERRIDE_KINDS: HqOverrideKind[] = [
  'category',
  'dish',
  'variation',
  'modifierGroup',
  'modifierOption',
  'taxMapping',
  'priceLevel',
];

/**
 * An override of one entry for one site or group. A field sent null is inherited again; one left out stays as it
 * was; an override left with no field set is removed.
 */
export class PutOverrideInput {
  @ApiProperty({
    enum: OVERRIDE_KINDS,
    description:
      'price: variation, modifierOption; available: dish, modifierOption; stationKey, taxRateKey: dish; ' +
      'percent: taxMapping; absent: any but a taxMapping',
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
    description:
      'A variation’s price there (0 or more), or a modifier option’s price delta (from -maximum; negative takes off)',
  })
  @IsOptional()
  @PriceDelta()
  price?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'A dish or a modifier option: false takes it off sale there',
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

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'food-reduced',
    description: 'A dish: the hqKey of its tax mapping there',
  })
  @IsOptional()
  @HqKey()
  taxRateKey?: string | null;

  @ApiPropertyOptional({
    ...PERCENT_DOC,
    type: Number,
    nullable: true,
    description: 'A tax mapping: its percent there',
  })
  @IsOptional()
  @Percent()
  percent?: number | null;
}

export class PublishInput {
  @ApiProperty({
    example: 'Autumn menu',
    minLength: 1,
    maxLength: 500,
    description: 'What this version changes',
  })
  @IsString()
  @Length(1, 500, { message: 'must say what this version changes, in 1 to 500 characters' })
  note!: string;
}
