import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Category, Dish, DishVariation } from '../menu/menu.entities';

/** Of these ids, the variations that are live, of a live dish: what a level or a rule may price. */
export async function liveVariations(manager: EntityManager, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const variations = await manager.find(DishVariation, { where: { id: In(ids), deletedAt: IsNull() } });
  const dishIds = await liveDishes(manager, [...new Set(variations.map((variation) => variation.dishId))]);
  return new Set(
    variations.filter((variation) => dishIds.has(variation.dishId)).map((variation) => variation.id),
  );
}

/** Of these ids, the dishes that are live. */
export async function liveDishes(manager: EntityManager, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const dishes = await manager.find(Dish, {
    select: { id: true },
    where: { id: In(ids), deletedAt: IsNull() },
  });
  return new Set(dishes.map((dish) => dish.id));
}

/** Whether a category has this id. */
export function categoryExists(manager: EntityManager, id: string): Promise<boolean> {
  return manager.exists(Category, { where: { id } });
}

/** The live variations from headquarters' catalog, by their hqKey: what headquarters' price levels price. */
export async function variationsByHqKey(manager: EntityManager): Promise<Map<string, string>> {
  const variations = await manager.find(DishVariation, {
    select: { id: true, hqKey: true },
    where: { hqKey: Not(IsNull()), deletedAt: IsNull() },
  });
  return new Map(variations.map((variation) => [variation.hqKey as string, variation.id]));
}
