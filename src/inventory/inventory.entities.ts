import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import { Ingredient } from '../menu/menu.entities';
import { RECEIVING_ENTITIES } from './receiving.entities';

/** The unit an ingredient is kept, counted and costed in; quantities are integers of it. */
export enum BaseUnit {
  Gram = 'g',
  Millilitre = 'ml',
  Piece = 'piece',
}

/** How an ingredient is bought: `name` ("case 6 × 1 l") holds `baseQuantity` base units (6000). */
export interface PackUnit {
  name: string;
  baseQuantity: number;
}

/**
 * What the inventory keeps about an ingredient of the menu (which names it and its allergens): its unit, how it is
 * bought, what it costs and the site's levels. `onHand` moves only with a stock movement, in the same transaction.
 */
@Entity('ingredient_stock')
export class IngredientStock {
  @ForeignKey(() => Ingredient, { name: 'ingredient_stock_ingredient_fk', onDelete: 'CASCADE' })
  @PrimaryColumn({ length: 36 })
  ingredientId!: string;

  @Column({ type: 'varchar', length: 8, default: BaseUnit.Gram })
  baseUnit!: BaseUnit;

  @Column({ type: 'simple-json' })
  packUnits!: PackUnit[];

  /** Minor units per 1,000 base units (a gram of flour costs less than a cent). */
  @MoneyColumn({ default: 0 })
  costPerThousand!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  storageArea!: string | null;

  @Column({ type: 'integer', default: 0 })
  onHand!: number;

  @Column({ type: 'integer', nullable: true })
  par!: number | null;

  @Column({ type: 'integer', nullable: true })
  reorderPoint!: number | null;

  /** At or below it (after a movement), `inventory.low` warns the kitchen and the managers. */
  @Column({ type: 'integer', nullable: true })
  lowThreshold!: number | null;

  @InstantColumn()
  updatedAt!: Date;
}

/** Whose recipe a line belongs to. */
export enum RecipeOwner {
  Variation = 'variation',
  Option = 'option',
  Prep = 'prep',
}

/** What a modifier option's line does to the dish's recipe; a variation's and a prep recipe's lines always add. */
export enum RecipeMode {
  Add = 'add',
  Remove = 'remove',
  Replace = 'replace',
}

/**
 * One line of a recipe. `baseQuantity` is what one portion takes from `ingredientId` in its base unit, with the
 * yield applied and rounded to a whole unit; a line naming a prep recipe takes its output ingredient.
 */
@Entity('recipe_lines')
@Index('recipe_lines_owner', ['ownerKind', 'ownerId', 'position'])
export class RecipeLine {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  ownerKind!: RecipeOwner;

  @Column({ length: 36 })
  ownerId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ForeignKey(() => Ingredient, { name: 'recipe_lines_ingredient_fk', onDelete: 'CASCADE' })
  @Index('recipe_lines_ingredient_id')
  @Column({ length: 36 })
  ingredientId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  prepRecipeId!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'varchar', length: 8 })
  unit!: string;

  @Column({ type: 'integer', default: 100 })
  yieldPercent!: number;

  @Column({ type: 'varchar', length: 8, default: RecipeMode.Add })
  mode!: RecipeMode;

  /** A `replace` line's ingredient whose line in the dish's recipe it takes the place of. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  replacesIngredientId!: string | null;

  @Column({ type: 'integer' })
  baseQuantity!: number;
}

/** A batch made ahead (a sauce): its lines are taken when it is produced, and it yields its own ingredient. */
@Entity('prep_recipes')
export class PrepRecipe {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @ForeignKey(() => Ingredient, { name: 'prep_recipes_ingredient_fk', onDelete: 'CASCADE' })
  @Index('prep_recipes_ingredient_id', { unique: true })
  @Column({ length: 36 })
  ingredientId!: string;

  /** Base units of its ingredient one batch yields. */
  @Column({ type: 'integer' })
  yieldQuantity!: number;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** Why stock moved. */
export enum MovementReason {
  Sale = 'sale',
  Void = 'void',
  Waste = 'waste',
  Count = 'count',
  Receipt = 'receipt',
  TransferIn = 'transfer_in',
  TransferOut = 'transfer_out',
  ProductionIn = 'production_in',
  ProductionOut = 'production_out',
}

/**
 * The ledger: every change of an ingredient's on-hand, never updated nor deleted. `quantity` is signed (out is
 * negative); `cost` is its value at the cost of the moment, in minor units, signed likewise.
 */
@Entity('stock_movements')
@Index('stock_movements_ingredient_at', ['ingredientId', 'at'])
@Index('stock_movements_at', ['at'])
export class StockMovement {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** No foreign key: the ledger outlives an ingredient deleted since. */
  @Column({ length: 36 })
  ingredientId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @MoneyColumn()
  cost!: number;

  @Column({ type: 'varchar', length: 16 })
  reason!: MovementReason;

  /** What it came from: an order item, a count, a receipt of goods, a production. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  ref!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  note!: string | null;

  /** Who caused it, as the audit log names actors (`staff:<id>`, `apiKey:<id>`); null: the system. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  by!: string | null;

  @InstantColumn()
  at!: Date;
}

export const INVENTORY_ENTITIES = [
  IngredientStock,
  RecipeLine,
  PrepRecipe,
  StockMovement,
  ...RECEIVING_ENTITIES,
];
