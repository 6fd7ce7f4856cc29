import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { variationSubject } from '../audit/browser/audit-subject';
import { ErrorCode } from '../common/errors/error-code';
import type { Database } from '../database/database.service';
import { CreateVariationInput } from './dto/menu.inputs';
import { VariationView } from './dto/menu.views';
import { Dish, DishVariation } from './menu.entities';
import { bySortOrderThenName } from './menu-order';

/** A live (not deleted) dish, or 404; `lock` is the database's `forUpdate` in a read-modify-write. */
export async function findLiveDish(
  manager: EntityManager,
  id: string,
  lock: Database['forUpdate'] = {},
): Promise<Dish> {
  const dish = await manager.findOne(Dish, { where: { id, deletedAt: IsNull() }, ...lock });
  if (!dish) throw DomainError.notFound('Dish');
  return dish;
}

/**
 * The dish's live variations, in menu order. `lock` (the database's `forUpdate`) before writing one: ordering
 * changes a variation's count and availability without the dish's lock, and a write from a stale read would undo it.
 */
export async function liveVariations(
  manager: EntityManager,
  dishId: string,
  lock: Database['forUpdate'] = {},
): Promise<DishVariation[]> {
  const variations = await manager.find(DishVariation, { where: { dishId, deletedAt: IsNull() }, ...lock });
  return variations.sort(bySortOrderThenName);
}

/** The variation among the live ones, or 404. */
export function findVariation(live: DishVariation[], variationId: string): DishVariation {
  const variation = live.find((candidate) => candidate.id === variationId);
  if (!variation) throw DomainError.notFound('Variation');
  return variation;
}

export const DEFAULT_PREP_MINUTES = 10;

/** What a new dish is given; the rest takes the defaults (available, no combo, its category's tax rates). */
export type NewDish = Pick<Dish, 'name' | 'categoryId'> &
  Partial<
    Pick<
      Dish,
      | 'description'
      | 'stationId'
      | 'available'
      | 'prepMinutes'
      | 'taxRateIds'
      | 'combo'
      | 'scheduleId'
      | 'hqKey'
    >
  >;

export function newDish(manager: EntityManager, fields: NewDish, now: Date): Dish {
  return manager.create(Dish, {
    id: randomUUID(),
    name: fields.name,
    description: fields.description ?? '',
    categoryId: fields.categoryId,
    stationId: fields.stationId ?? null,
    available: fields.available ?? true,
    prepMinutes: fields.prepMinutes ?? DEFAULT_PREP_MINUTES,
    taxRateIds: fields.taxRateIds ?? [],
    combo: fields.combo ?? null,
    scheduleId: fields.scheduleId ?? null,
    hqKey: fields.hqKey ?? null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  });
}

export function newVariation(
  manager: EntityManager,
  dishId: string,
  input: CreateVariationInput,
  now: Date,
  hqKey: string | null = null,
): DishVariation {
  return manager.create(DishVariation, {
    id: randomUUID(),
    dishId,
    name: input.name,
    price: input.price,
    available: true,
    sortOrder: input.sortOrder ?? 0,
    stockCount: null,
    soldOut: false,
    shortOf: null,
    hqKey,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  });
}

/** The menu's delete of a dish or a variation: hidden everywhere, kept for the orders that refer to it. */
export function markDeleted(row: Dish | DishVariation, now: Date): void {
  row.deletedAt = now;
  row.updatedAt = now;
}

/** Variation names are unique per dish, and option names per group, whatever their case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** 422 naming each of a new list's entries (`field[i].name`) that repeats an earlier one's name. */
export function assertDistinctNames(entries: ReadonlyArray<{ name: string }>, field: string): void {
  const problems: FieldProblem[] = [];
  entries.forEach((entry, index) => {
    const clash = entries.findIndex((other) => sameName(other.name, entry.name));
    if (clash < index) {
      problems.push({ field: `${field}[${index}].name`, message: `repeats the name of ${field}[${clash}]` });
    }
  });
  if (problems.length > 0) throw DomainError.validation(problems);
}

/** A variation in the audit log: its client view plus the dish it belongs to. */
export const auditedVariation = (variation: DishVariation) => ({
  dishId: variation.dishId,
  ...VariationView.of(variation),
});

/** How a variation's changes are audited: its view, named with its dish ("Diavola (Regular)"). */
export const variationAudit = (dish: Dish) => ({
  entityType: 'variation',
  view: auditedVariation,
  subject: (view: ReturnType<typeof auditedVariation>) => variationSubject(dish.name, view.name),
});

/** 409 while live dishes use the category or station: they would point at nothing. */
export async function assertNoLiveDishes(
  manager: EntityManager,
  where: FindOptionsWhere<Dish>,
  what: 'category' | 'station',
): Promise<void> {
  const used = await manager.count(Dish, { where: { ...where, deletedAt: IsNull() } });
  if (used > 0) {
    throw new DomainError(
      ErrorCode.Conflict,
      `The ${what} is used by ${used} dish(es); move or delete them first`,
    );
  }
}
