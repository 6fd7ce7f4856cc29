import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { EntityTarget } from '../database/entity-target';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import { MenuSchedule, MenuScheduleEdge } from './schedules/menu-schedule.entity';
import type { ComboDefinition } from './combos';

/** A section of the menu (starters, mains, drinks...). */
@Entity('categories')
export class Category {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Index('categories_sort_order')
  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  /** An inactive category and its dishes stay off the public menu. */
  @Column({ default: true })
  active!: boolean;

  /** The tax rates of its dishes that name none of their own; empty: the default rates. */
  @Column({ type: 'simple-json', default: '[]' })
  taxRateIds!: string[];

  /** When it and its dishes are on the menu; null: always. */
  @ForeignKey(() => MenuSchedule, { name: 'categories_schedule_fk', onDelete: 'SET NULL' })
  @Index('categories_schedule_id')
  @Column({ type: 'varchar', length: 36, nullable: true })
  scheduleId!: string | null;

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('categories_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** A kitchen station (grill, bar, cold...): where a dish is prepared, so kitchen screens can filter. */
@Entity('stations')
export class Station {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  /** Minutes after firing at which its kitchen screens show a ticket as getting late (below lateAfterMinutes). */
  @Column({ type: 'integer', default: 5 })
  warnAfterMinutes!: number;

  /** Minutes after firing at which its kitchen screens show a ticket as late. */
  @Column({ type: 'integer', default: 8 })
  lateAfterMinutes!: number;

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('stations_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

@Entity('ingredients')
export class Ingredient {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  /** Codes of the EU 14 vocabulary (see allergens.ts), sorted. */
  @Column({ type: 'simple-json' })
  allergens!: string[];

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/**
 * A dish. Never hard-deleted (orders refer to it): deletion sets `deletedAt` and hides it. The category and
 * station of a deleted dish become null when that category or station is deleted later.
 */
@Entity('dishes')
export class Dish {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description!: string;

  @ForeignKey(() => Category, { name: 'dishes_category_fk', onDelete: 'SET NULL' })
  @Index('dishes_category_id')
  @Column({ type: 'varchar', length: 36, nullable: true })
  categoryId!: string | null;

  @ForeignKey(() => Station, { name: 'dishes_station_fk', onDelete: 'SET NULL' })
  @Index('dishes_station_id')
  @Column({ type: 'varchar', length: 36, nullable: true })
  stationId!: string | null;

  /** false: "86'd", off the menu until it is back. */
  @Column({ default: true })
  available!: boolean;

  @Column({ type: 'integer', default: 10 })
  prepMinutes!: number;

  /** Its own tax rates; empty: its category's. */
  @Column({ type: 'simple-json', default: '[]' })
  taxRateIds!: string[];

  /** When it is on the menu (and its category's schedule too); null: always. */
  @ForeignKey(() => MenuSchedule, { name: 'dishes_schedule_fk', onDelete: 'SET NULL' })
  @Index('dishes_schedule_id')
  @Column({ type: 'varchar', length: 36, nullable: true })
  scheduleId!: string | null;

  /** Its slots when the dish is a combo (docs/combos.md); null for a plain dish. */
  @Column({ type: 'simple-json', nullable: true })
  combo!: ComboDefinition | null;

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('dishes_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;

  @InstantColumn({ nullable: true })
  deletedAt!: Date | null;
}

/** A size or variant of a dish with its own price; every dish has at least one live variation. Soft-deleted too. */
@Entity('dish_variations')
@Index('dish_variations_dish_name_unique', ['dishId', 'name'], { unique: true, where: 'deleted_at IS NULL' })
export class DishVariation {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => Dish, { name: 'dish_variations_dish_fk', onDelete: 'RESTRICT' })
  @Index('dish_variations_dish_id')
  @Column({ length: 36 })
  dishId!: string;

  @Column({ length: 100 })
  name!: string;

  /** Integer minor units. */
  @MoneyColumn()
  price!: number;

  @Column({ default: true })
  available!: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  /** Portions left; null when not counted. Ordering takes from it, voids put back (VariationStock). */
  @Column({ type: 'integer', nullable: true })
  stockCount!: number | null;

  /** The count reached 0 and took the variation off the menu (not a person): a restock brings it back. */
  @Column({ default: false })
  soldOut!: boolean;

  /** The ingredient it cannot be made of any more (the inventory says): off the menu while set. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  shortOf!: string | null;

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('dish_variations_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;

  @InstantColumn({ nullable: true })
  deletedAt!: Date | null;
}

/** Which ingredients a dish contains; its allergens are derived from them. */
@Entity('dish_ingredients')
export class DishIngredient {
  @ForeignKey(() => Dish, { name: 'dish_ingredients_dish_fk', onDelete: 'CASCADE' })
  @PrimaryColumn({ length: 36 })
  dishId!: string;

  @ForeignKey(() => Ingredient, { name: 'dish_ingredients_ingredient_fk', onDelete: 'CASCADE' })
  @Index('dish_ingredients_ingredient_id')
  @PrimaryColumn({ length: 36 })
  ingredientId!: string;
}

/**
 * A choice guests make about a dish ("Sauce", "Extras"): between minChoices and maxChoices of its options. Several
 * dishes may share a group; deleting it is refused while live dishes use it.
 */
@Entity('modifier_groups')
export class ModifierGroup {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  minChoices!: number;

  @Column({ type: 'integer', default: 1 })
  maxChoices!: number;

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('modifier_groups_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** One option of a modifier group. Order items copy what they chose, so options are deleted outright. */
@Entity('modifier_options')
@Index('modifier_options_group_name_unique', ['groupId', 'name'], { unique: true })
export class ModifierOption {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => ModifierGroup, { name: 'modifier_options_group_fk', onDelete: 'CASCADE' })
  @Index('modifier_options_group_id')
  @Column({ length: 36 })
  groupId!: string;

  @Column({ length: 100 })
  name!: string;

  /** Integer minor units added to the unit price of the item that carries it; negative takes off. */
  @MoneyColumn({ default: 0 })
  priceDelta!: number;

  /** false: "86'd", off the menu and refused on new order lines. */
  @Column({ default: true })
  available!: boolean;

  /** The ingredient it cannot be made of any more (the inventory says): off the menu while set. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  shortOf!: string | null;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('modifier_options_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** Which modifier groups a dish offers, in the order the dish lists them. */
@Entity('dish_modifier_groups')
export class DishModifierGroup {
  @ForeignKey(() => Dish, { name: 'dish_modifier_groups_dish_fk', onDelete: 'CASCADE' })
  @PrimaryColumn({ length: 36 })
  dishId!: string;

  @ForeignKey(() => ModifierGroup, { name: 'dish_modifier_groups_group_fk', onDelete: 'CASCADE' })
  @Index('dish_modifier_groups_group_id')
  @PrimaryColumn({ length: 36 })
  groupId!: string;

  @Column({ type: 'integer' })
  position!: number;
}

/** The entities of the menu module, registered with the DataSource in src/entities.ts. */
export const MENU_ENTITIES: EntityTarget[] = [
  Category,
  Station,
  Ingredient,
  Dish,
  DishVariation,
  DishIngredient,
  ModifierGroup,
  ModifierOption,
  DishModifierGroup,
  MenuSchedule,
  MenuScheduleEdge,
];
