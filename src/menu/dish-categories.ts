import { EntityManager, In } from 'typeorm';
import { Dish } from './menu.entities';

/** The category of each dish named (absent: a dish deleted since, or one without a category). */
export async function categoriesOfDishes(
  manager: EntityManager,
  dishIds: string[],
): Promise<Map<string, string>> {
  if (dishIds.length === 0) return new Map();
  const dishes = await manager.find(Dish, {
    select: { id: true, categoryId: true },
    where: { id: In(dishIds) },
  });
  return new Map(dishes.flatMap((dish) => (dish.categoryId ? [[dish.id, dish.categoryId] as const] : [])));
}
