import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { PageQuery } from '../../common/pagination/page';
import { TaxRateIds } from '../../taxes/dto/tax.inputs';
import { ALLERGEN_CODES } from '../allergens';
import { ComboInput, ComboProperty } from './combo.inputs';
import { SCHEDULE_ID_DOC, ScheduleId } from '../schedules/dto/schedule.inputs';
import { NestedList } from '../../common/nested-list';
import { SchemaRules } from '../../common/schema-rules';

export const MAX_PRICE = 100_000_000;
export const MAX_SORT_ORDER = 1_000_000;
export const MAX_PREP_MINUTES = 600;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A name of 1 to 100 characters, trimmed. */
export const Name = () => (target: object, property: string) => {
  Transform(trimmed)(target, property);
  IsString()(target, property);
  Length(1, 100)(target, property);
};

export const SortOrder = () => (target: object, property: string) => {
  IsInt()(target, property);
  Min(-MAX_SORT_ORDER)(target, property);
  Max(MAX_SORT_ORDER)(target, property);
};

export const Price = () => (target: object, property: string) => {
  IsInt({ message: 'must be an integer amount in minor units' })(target, property);
  Min(0)(target, property);
  Max(MAX_PRICE)(target, property);
};

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

// Categories

const CATEGORY_TAX_RATE_IDS_DOC: ApiPropertyOptions = {
  type: [String],
  description:
    'Ids of active tax rates (see /tax-rates) for its dishes that name none; empty: the default rates. ' +
    'Replaces the whole list; an unknown or inactive id is a 422 naming it.',
};

const DISH_TAX_RATE_IDS_DOC: ApiPropertyOptions = {
  type: [String],
  description:
    "Ids of active tax rates (see /tax-rates), all applied to the same base; empty: its category's. " +
    'Replaces the whole list; an unknown or inactive id is a 422 naming it.',
};

export class CreateCategoryInput {
  @ApiProperty({ example: 'Mains', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ default: 0, description: 'Lower comes first' })
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;

  @ApiPropertyOptional({ default: true, description: 'false hides the category and its dishes from /menu' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ ...CATEGORY_TAX_RATE_IDS_DOC, default: [] })
  @TaxRateIds()
  taxRateIds?: string[];
  @ApiPropertyOptional(SCHEDULE_ID_DOC)
  @ScheduleId()
  scheduleId?: string | null;
}

export class UpdateCategoryInput {
  @ApiPropertyOptional({ example: 'Mains', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional(CATEGORY_TAX_RATE_IDS_DOC)
  @TaxRateIds()
  taxRateIds?: string[];
  @ApiPropertyOptional(SCHEDULE_ID_DOC)
  @ScheduleId()
  scheduleId?: string | null;
}

export class CategoryListQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Type(() => String)
  @Transform(booleanQuery)
  @IsBoolean()
  active?: boolean;
}

// Ingredients

export class CreateIngredientInput {
  @ApiProperty({ example: 'Wheat flour', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({
    type: [String],
    enum: ALLERGEN_CODES,
    default: [],
    description: 'Codes from GET /allergens (the EU 14)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ALLERGEN_CODES.length)
  @IsIn(ALLERGEN_CODES, { each: true, message: `each value must be one of: ${ALLERGEN_CODES.join(', ')}` })
  allergens?: string[];
}

export class UpdateIngredientInput {
  @ApiPropertyOptional({ example: 'Wheat flour', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ type: [String], enum: ALLERGEN_CODES, description: 'Replaces the whole list' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ALLERGEN_CODES.length)
  @IsIn(ALLERGEN_CODES, { each: true, message: `each value must be one of: ${ALLERGEN_CODES.join(', ')}` })
  allergens?: string[];
}

// Variations

export class CreateVariationInput {
  @ApiProperty({ example: 'Large', minLength: 1, maxLength: 100, description: 'Unique within the dish' })
  @Name()
  name!: string;

  @ApiProperty({ example: 45000, minimum: 0, maximum: MAX_PRICE, description: 'Integer minor units' })
  @Price()
  price!: number;

  @ApiPropertyOptional({ default: 0, description: 'Lower comes first' })
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;
}

export class UpdateVariationInput {
  @ApiPropertyOptional({ example: 'Large', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ example: 45000, minimum: 0, maximum: MAX_PRICE, description: 'Integer minor units' })
  @OptionalNotNull()
  @Price()
  price?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @SortOrder()
  sortOrder?: number;
}

// Dishes

const MAX_INGREDIENTS = 100;
const MAX_VARIATIONS = 50;
const MAX_MODIFIER_GROUPS = 20;

/** The modifier groups a dish offers, in order: real ids, each once (a repeat is dropped). */
const ModifierGroupIds = () => (target: object, property: string) => {
  OptionalNotNull()(target, property);
  IsArray()(target, property);
  ArrayMaxSize(MAX_MODIFIER_GROUPS)(target, property);
  IsString({ each: true })(target, property);
  Length(1, 36, { each: true })(target, property);
};

const MODIFIER_GROUP_IDS_DOC: ApiPropertyOptions = {
  type: [String],
  maxItems: MAX_MODIFIER_GROUPS,
  description:
    'Ids of modifier groups (see /modifier-groups), in the order guests see them; replaces the whole list. ' +
    'An unknown id is a 422 naming it.',
};

/** A price (one "Regular" variation) or variations: exactly one of them. */
@SchemaRules({ oneOf: [{ required: ['price'] }, { required: ['variations'] }] })
export class CreateDishInput {
  @ApiProperty({ example: 'Margherita', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ maxLength: 1000, default: '' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  categoryId!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The kitchen station; null for none',
  })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  stationId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PREP_MINUTES, default: 10 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_PREP_MINUTES)
  prepMinutes?: number;

  @ApiPropertyOptional({ type: [String], default: [], description: 'Ids of existing ingredients' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_INGREDIENTS)
  @IsString({ each: true })
  ingredientIds?: string[];

  @ApiPropertyOptional({
    example: 45000,
    minimum: 0,
    maximum: MAX_PRICE,
    description: 'Creates one variation named "Regular" at this price. Give either price or variations.',
  })
  @OptionalNotNull()
  @Price()
  price?: number;

  @ApiPropertyOptional({
    type: [CreateVariationInput],
    description: 'At least one; names unique. Give either price or variations.',
  })
  @OptionalNotNull()
  @NestedList(() => CreateVariationInput, { min: 1, max: MAX_VARIATIONS })
  variations?: CreateVariationInput[];

  @ApiPropertyOptional({ ...MODIFIER_GROUP_IDS_DOC, default: [] })
  @ModifierGroupIds()
  modifierGroupIds?: string[];

  @ApiPropertyOptional({ ...DISH_TAX_RATE_IDS_DOC, default: [] })
  @TaxRateIds()
  taxRateIds?: string[];

  @ComboProperty()
  combo?: ComboInput | null;
  @ApiPropertyOptional(SCHEDULE_ID_DOC)
  @ScheduleId()
  scheduleId?: string | null;
}

export class UpdateDishInput {
  @ApiPropertyOptional({ example: 'Margherita', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 36)
  categoryId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null removes the station',
  })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  stationId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PREP_MINUTES })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_PREP_MINUTES)
  prepMinutes?: number;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the whole list' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_INGREDIENTS)
  @IsString({ each: true })
  ingredientIds?: string[];

  @ApiPropertyOptional(MODIFIER_GROUP_IDS_DOC)
  @ModifierGroupIds()
  modifierGroupIds?: string[];

  @ApiPropertyOptional(DISH_TAX_RATE_IDS_DOC)
  @TaxRateIds()
  taxRateIds?: string[];

  @ComboProperty()
  combo?: ComboInput | null;
  @ApiPropertyOptional(SCHEDULE_ID_DOC)
  @ScheduleId()
  scheduleId?: string | null;
}

export class DishListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  stationId?: string;
}
