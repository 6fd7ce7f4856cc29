import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { OptionalNotNull } from '../../common/optional-not-null';
import { NestedList } from '../../common/nested-list';
import { CreateIngredientInput, Name, UpdateIngredientInput } from '../../menu/dto/menu.inputs';
import { BaseUnit, MovementReason, RecipeMode } from '../inventory.entities';
import { RECIPE_UNIT_NAMES } from '../units';

/** Base units one level, line or movement may name: 100 t, 100,000 l or pieces. */
export const MAX_QUANTITY = 100_000_000;
export const MAX_RECIPE_LINES = 50;
export const MAX_PACK_UNITS = 10;
/** Minor units per 1,000 base units. */
export const MAX_COST_PER_THOUSAND = 100_000_000;

const Quantity =
  (minimum = 0) =>
  (target: object, property: string) => {
    IsInt({ message: 'must be an integer number of base units' })(target, property);
    Min(minimum)(target, property);
    Max(MAX_QUANTITY)(target, property);
  };

const LEVEL_DOC = {
  type: Number,
  minimum: 0,
  maximum: MAX_QUANTITY,
  nullable: true,
  description: 'Base units; null: none',
};

export class PackUnitInput {
  @ApiProperty({ example: 'case 6 × 1 l', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty({ example: 6000, minimum: 1, maximum: MAX_QUANTITY, description: 'Base units in one pack' })
  @Quantity(1)
  baseQuantity!: number;
}

/** What the inventory keeps about an ingredient; every field may be left out. */
export class IngredientStockInput {
  @ApiPropertyOptional({
    enum: BaseUnit,
    enumName: 'BaseUnit',
    description: 'Fixed once a recipe or movement uses it',
  })
  @OptionalNotNull()
  @IsIn(Object.values(BaseUnit))
  baseUnit?: BaseUnit;

  @ApiPropertyOptional({ type: [PackUnitInput], maxItems: MAX_PACK_UNITS })
  @OptionalNotNull()
  @NestedList(() => PackUnitInput, { max: MAX_PACK_UNITS })
  packUnits?: PackUnitInput[];

  @ApiPropertyOptional({
    example: 1250,
    minimum: 0,
    maximum: MAX_COST_PER_THOUSAND,
    description: 'Minor units per 1,000 base units (12.50 a kilogram); a receipt of goods sets it',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_COST_PER_THOUSAND)
  costPerThousand?: number;

  @ApiPropertyOptional({ type: String, example: 'Walk-in cooler', maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  storageArea?: string | null;

  @ApiPropertyOptional(LEVEL_DOC)
  @IsOptional()
  @Quantity()
  par?: number | null;

  @ApiPropertyOptional(LEVEL_DOC)
  @IsOptional()
  @Quantity()
  reorderPoint?: number | null;

  @ApiPropertyOptional({ ...LEVEL_DOC, description: 'At or below it, inventory.low warns; null: never' })
  @IsOptional()
  @Quantity()
  lowThreshold?: number | null;
}

const StockFields = () => (target: object, property: string) => {
  IsObject()(target, property);
  ValidateNested()(target, property);
  Type(() => IngredientStockInput)(target, property);
};

export class CreateStockedIngredientInput extends CreateIngredientInput {
  @ApiPropertyOptional({ type: IngredientStockInput })
  @OptionalNotNull()
  @StockFields()
  stock?: IngredientStockInput;
}

export class UpdateStockedIngredientInput extends UpdateIngredientInput {
  @ApiPropertyOptional({ type: IngredientStockInput })
  @OptionalNotNull()
  @StockFields()
  stock?: IngredientStockInput;
}

export class RecipeLineInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'An ingredient, or else prepRecipeId' })
  @IsOptional()
  @IsUUID()
  ingredientId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A prep recipe: the line takes what it yields' })
  @IsOptional()
  @IsUUID()
  prepRecipeId?: string;

  @ApiProperty({ example: 150, minimum: 1, maximum: MAX_QUANTITY })
  @Quantity(1)
  quantity!: number;

  @ApiProperty({
    enum: RECIPE_UNIT_NAMES,
    example: 'g',
    description: "Of the ingredient's base unit: g or kg, ml or l, piece",
  })
  @IsIn(RECIPE_UNIT_NAMES)
  unit!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 100,
    description: 'Usable share after trimming or cooking',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  yieldPercent?: number;

  @ApiPropertyOptional({
    enum: RecipeMode,
    enumName: 'RecipeMode',
    default: RecipeMode.Add,
    description:
      "A modifier option's lines only: add to, take from (remove) or replace a line of the dish's recipe",
  })
  @OptionalNotNull()
  @IsIn(Object.values(RecipeMode))
  mode?: RecipeMode;

  @ApiPropertyOptional({ format: 'uuid', description: 'mode replace: the ingredient whose line it replaces' })
  @IsOptional()
  @IsUUID()
  replacesIngredientId?: string;
}

export class RecipeInput {
  @ApiProperty({ type: [RecipeLineInput], maxItems: MAX_RECIPE_LINES, description: 'Empty: no recipe' })
  @NestedList(() => RecipeLineInput, { max: MAX_RECIPE_LINES })
  lines!: RecipeLineInput[];
}

export class CreatePrepRecipeInput extends RecipeInput {
  @ApiProperty({ example: 'Tomato sauce', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The ingredient a batch yields (kept and sold as any other)' })
  @IsUUID()
  ingredientId!: string;

  @ApiProperty({
    example: 2000,
    minimum: 1,
    maximum: MAX_QUANTITY,
    description: 'Base units one batch yields',
  })
  @Quantity(1)
  yieldQuantity!: number;
}

export class ProductionInput {
  @ApiProperty({ example: 2, minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  batches!: number;
}

/** The reasons a person books by hand; the others follow sales, counts, receipts and production. */
export const MANUAL_REASONS = [
  MovementReason.Waste,
  MovementReason.TransferIn,
  MovementReason.TransferOut,
] as const;

export class StockMovementInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ingredientId!: string;

  @ApiProperty({
    example: 250,
    minimum: 1,
    maximum: MAX_QUANTITY,
    description: 'Base units; waste and transfer_out take them, transfer_in adds them',
  })
  @Quantity(1)
  quantity!: number;

  @ApiProperty({ enum: MANUAL_REASONS })
  @IsIn(MANUAL_REASONS)
  reason!: MovementReason;

  @ApiPropertyOptional({ example: 'dropped tray', maxLength: 255 })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  note?: string;
}

export class StockMovementQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ingredientId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant on (included)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: MovementReason, enumName: 'MovementReason' })
  @IsOptional()
  @IsIn(Object.values(MovementReason))
  reason?: MovementReason;
}
