import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ComboView, MenuComboView } from './combo.views';
import { ALLERGEN_CODES, allergenUnion } from '../allergens';
import type { Category, Dish, DishVariation, Ingredient, Station } from '../menu.entities';
import { ModifierGroupView } from './modifier-groups.views';
import { HqKeyProperty } from '../../common/errors/managed-by-hq';

export class CategoryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Mains' })
  name!: string;

  @ApiProperty({ example: 0 })
  sortOrder!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({
    type: [String],
    description: 'Its tax rates for dishes that name none; empty: the default rates',
  })
  taxRateIds!: string[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Its menu schedule; null: always on',
  })
  scheduleId!: string | null;

  @HqKeyProperty()
  hqKey!: string | null;

  static of(this: void, category: Category): CategoryView {
    return {
      id: category.id,
      name: category.name,
      sortOrder: category.sortOrder,
      active: category.active,
      taxRateIds: category.taxRateIds,
      scheduleId: category.scheduleId,
      hqKey: category.hqKey,
    };
  }
}

export class StationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Grill' })
  name!: string;

  @ApiProperty({
    example: 5,
    minimum: 1,
    maximum: 240,
    description: 'Minutes after firing at which a kitchen screen shows a ticket as getting late',
  })
  warnAfterMinutes!: number;

  @ApiProperty({
    example: 8,
    minimum: 2,
    maximum: 240,
    description:
      'Minutes after firing at which a kitchen screen shows a ticket as late; above warnAfterMinutes',
  })
  lateAfterMinutes!: number;

  @HqKeyProperty()
  hqKey!: string | null;

  static of(this: void, station: Station): StationView {
    const { id, name, warnAfterMinutes, lateAfterMinutes, hqKey } = station;
    return { id, name, warnAfterMinutes, lateAfterMinutes, hqKey };
  }
}

export class AllergenView {
  @ApiProperty({ enum: ALLERGEN_CODES, example: 'gluten' })
  code!: string;

  @ApiProperty({ example: 'Cereals containing gluten' })
  name!: string;
}

export class IngredientView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Mozzarella' })
  name!: string;

  @ApiProperty({ type: [String], enum: ALLERGEN_CODES, example: ['milk'] })
  allergens!: string[];

  static of(this: void, ingredient: Ingredient): IngredientView {
    return { id: ingredient.id, name: ingredient.name, allergens: [...ingredient.allergens] };
  }
}

export class VariationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Regular' })
  name!: string;

  @ApiProperty({ example: 45000, description: 'Integer minor units' })
  price!: number;

  @ApiProperty({ description: "false: 86'd, off the menu" })
  available!: boolean;

  @ApiProperty({ example: 0 })
  sortOrder!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description: 'Portions left (PATCH …/stock); null: not counted',
  })
  stockCount!: number | null;

  @HqKeyProperty()
  hqKey!: string | null;

  static of(this: void, variation: DishVariation): VariationView {
    return {
      id: variation.id,
      name: variation.name,
      price: variation.price,
      available: variation.available,
      sortOrder: variation.sortOrder,
      stockCount: variation.stockCount,
      hqKey: variation.hqKey,
    };
  }
}

export class DishView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Margherita' })
  name!: string;

  @ApiProperty({ example: 'Tomato, mozzarella, basil' })
  description!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The kitchen station; null for none',
  })
  stationId!: string | null;

  @ApiProperty({ description: "false: 86'd, off the menu" })
  available!: boolean;

  @ApiProperty({ example: 10 })
  prepMinutes!: number;

  @ApiProperty({ type: [String] })
  ingredientIds!: string[];

  @ApiProperty({
    type: [String],
    enum: ALLERGEN_CODES,
    example: ['gluten', 'milk'],
    description: "Derived: the sorted union of its ingredients' allergens",
  })
  allergens!: string[];

  @ApiProperty({ type: [VariationView], description: 'Live variations, by sortOrder then name' })
  variations!: VariationView[];

  @ApiProperty({
    type: [String],
    description: 'The modifier groups the dish offers (see /modifier-groups), in the order guests see them',
  })
  modifierGroupIds!: string[];

  @ApiProperty({ type: [String], description: "Its own tax rates; empty: its category's" })
  taxRateIds!: string[];

  @ApiProperty({
    type: ComboView,
    nullable: true,
    description: 'Its slots when the dish is a combo (docs/combos.md); null for a plain dish',
  })
  combo!: ComboView | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Its menu schedule; null: always on',
  })
  scheduleId!: string | null;

  /** `ingredients` sorted by name (ingredientIds keep that order); `variations` live and sorted. */
  @HqKeyProperty()
  hqKey!: string | null;

  static of(
    this: void,
    dish: Dish,
    ingredients: Ingredient[],
    variations: DishVariation[],
    modifierGroupIds: string[],
  ): DishView {
    return {
      id: dish.id,
      name: dish.name,
      description: dish.description,
      categoryId: dish.categoryId ?? '',
      stationId: dish.stationId,
      available: dish.available,
      prepMinutes: dish.prepMinutes,
      ingredientIds: ingredients.map((ingredient) => ingredient.id),
      allergens: allergenUnion(ingredients.map((ingredient) => ingredient.allergens)),
      variations: variations.map(VariationView.of),
      modifierGroupIds,
      taxRateIds: dish.taxRateIds,
      combo: dish.combo,
      scheduleId: dish.scheduleId,
      hqKey: dish.hqKey,
    };
  }
}

// The public menu

export class MenuLevelPriceView {
  @ApiProperty({ format: 'uuid' })
  priceLevelId!: string;

  @ApiProperty({ example: 52000, description: 'Integer minor units' })
  price!: number;
}

export class MenuVariationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Regular' })
  name!: string;

  @ApiProperty({
    example: 45000,
    description:
      'Integer minor units: the price in force now for a dine-in line before any price level: a price rule’s ' +
      'while one is in force, else the list price. A table’s QR page shows the price its lines get there: its ' +
      'area’s level (else dine-in’s), under a rule in force',
  })
  price!: number;

  @ApiProperty({ example: 45000, description: 'Integer minor units: the variation’s own price' })
  listPrice!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The price rule that sets `price` now',
  })
  priceRuleId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Happy hour',
    description: 'Its name, to show guests',
  })
  priceRuleName!: string | null;

  @ApiProperty({
    type: [MenuLevelPriceView],
    description:
      'Each price level’s price of it (an area’s or an order type’s level prices the line instead of the list ' +
      'price; a rule in force still comes first)',
  })
  levels!: MenuLevelPriceView[];

  @ApiProperty({ example: 0 })
  sortOrder!: number;
}

export class MenuDishView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Margherita' })
  name!: string;

  @ApiProperty({ example: 'Tomato, mozzarella, basil' })
  description!: string;

  @ApiProperty({ type: [String], enum: ALLERGEN_CODES, example: ['gluten', 'milk'] })
  allergens!: string[];

  @ApiProperty({ example: 10 })
  prepMinutes!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  stationId!: string | null;

  @ApiProperty({ type: [MenuVariationView], description: 'Available variations, by sortOrder then name' })
  variations!: MenuVariationView[];

  @ApiProperty({
    type: [ModifierGroupView],
    description:
      "The choices an order line of this dish makes, in the dish's order, each with its available options only " +
      '(a group with none left is left out). An order line names its choices in `modifiers: [{optionId}]`.',
  })
  modifierGroups!: ModifierGroupView[];

  @ApiPropertyOptional({
    type: MenuComboView,
    description:
      'Only on a combo: its slots with the choices available now. An order line of it names its choices in ' +
      '`comboChoices` (docs/combos.md); the combo leaves the menu while a slot cannot be filled.',
  })
  combo?: MenuComboView;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Only on a dish that it or its category puts on a schedule: when it leaves the menu; null: not before a ' +
      'week from now (the schedules cover the week)',
  })
  availableUntil?: string | null;
}

export class MenuCategoryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Mains' })
  name!: string;

  @ApiProperty({ example: 0 })
  sortOrder!: number;

  @ApiProperty({ type: [MenuDishView], description: 'Available dishes, by name' })
  dishes!: MenuDishView[];
}

export class MenuView {
  @ApiProperty({
    type: [MenuCategoryView],
    description: 'Active categories that have dishes, by sortOrder then name',
  })
  categories!: MenuCategoryView[];
}
