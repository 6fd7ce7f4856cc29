import { EntityManager, In, IsNull } from 'typeorm';
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
