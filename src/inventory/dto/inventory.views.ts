import { ApiProperty } from '@nestjs/swagger';
import { IngredientView } from '../../menu/dto/menu.views';
import { BaseUnit, MovementReason, RecipeMode, StockMovement } from '../inventory.entities';
import { RECIPE_UNIT_NAMES } from '../units';

export class PackUnitView {
  @ApiProperty({ example: 'case 6 × 1 l' })
  name!: string;

  @ApiProperty({ example: 6000 })
  baseQuantity!: number;
}

/** An ingredient with what the inventory keeps about it; quantities in its base unit. */
export class StockedIngredientView extends IngredientView {
  @ApiProperty({ enum: BaseUnit, enumName: 'BaseUnit' })
  baseUnit!: BaseUnit;

  @ApiProperty({ type: [PackUnitView] })
  packUnits!: PackUnitView[];

  @ApiProperty({ example: 1250, description: 'Minor units per 1,000 base units' })
  costPerThousand!: number;

  @ApiProperty({ type: String, nullable: true, example: 'Walk-in cooler' })
  storageArea!: string | null;

  @ApiProperty({ example: 12000 })
  onHand!: number;

  @ApiProperty({ type: Number, nullable: true })
  par!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  reorderPoint!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lowThreshold!: number | null;

  @ApiProperty({ description: 'false: some variation or option that needs it is sold out for want of it' })
  available!: boolean;
}

export class RecipeLineView {
  @ApiProperty({ format: 'uuid', description: 'For a prep recipe line: the ingredient it yields' })
  ingredientId!: string;

  @ApiProperty({ example: 'Mozzarella' })
  name!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  prepRecipeId!: string | null;

  @ApiProperty({ example: 150 })
  quantity!: number;

  @ApiProperty({ enum: RECIPE_UNIT_NAMES })
  unit!: string;

  @ApiProperty({ example: 100 })
  yieldPercent!: number;

  @ApiProperty({ enum: RecipeMode, enumName: 'RecipeMode' })
  mode!: RecipeMode;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  replacesIngredientId!: string | null;

  @ApiProperty({ example: 150, description: 'Base units one portion takes, the yield applied' })
  baseQuantity!: number;

  @ApiProperty({
    example: 188,
    description: 'What baseQuantity costs now, minor units (a remove line: taken off)',
  })
  cost!: number;
}

export class RecipeView {
  @ApiProperty({ type: [RecipeLineView] })
  lines!: RecipeLineView[];

  @ApiProperty({
    example: 412,
    description: "Minor units: the lines' costs added up (an option's: what it adds)",
  })
  plateCost!: number;
}

export class PrepRecipeView extends RecipeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Tomato sauce' })
  name!: string;

  @ApiProperty({ format: 'uuid' })
  ingredientId!: string;

  @ApiProperty({ example: 2000 })
  yieldQuantity!: number;
}

export class StockMovementView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  ingredientId!: string;

  @ApiProperty({ example: -150, description: 'Base units; negative: out' })
  quantity!: number;

  @ApiProperty({ example: -19, description: 'Minor units at the cost of the moment, signed as quantity' })
  cost!: number;

  @ApiProperty({ enum: MovementReason, enumName: 'MovementReason' })
  reason!: MovementReason;

  @ApiProperty({ type: String, nullable: true, example: 'order:…' })
  ref!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'staff:…', description: 'null: the system' })
  by!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  static of(this: void, movement: StockMovement): StockMovementView {
    return {
      id: movement.id,
      ingredientId: movement.ingredientId,
      quantity: movement.quantity,
      cost: movement.cost,
      reason: movement.reason,
      ref: movement.ref,
      note: movement.note,
      by: movement.by,
      at: movement.at.toISOString(),
    };
  }
}
