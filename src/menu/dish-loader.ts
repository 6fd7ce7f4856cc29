import { EntityManager, In, IsNull } from 'typeorm';
import { DishView } from './dto/menu.views';
import { Dish, DishIngredient, DishModifierGroup, DishVariation, Ingredient } from './menu.entities';
import { byName, bySortOrderThenName } from './menu-order';

export interface DishParts {
  dish: Dish;
  /** Sorted by name. */
  ingredients: Ingredient[];
  /** Live variations (available or not), by sortOrder then name. */
  variations: DishVariation[];
  /** The modifier groups it offers, in its order. */
  modifierGroupIds: string[];
}

/**
 * Loads the ingredients, live variations and modifier groups of some dishes in four queries, keeping the dishes'
 * order.
 */
export async function loadDishParts(manager: EntityManager, dishes: Dish[]): Promise<DishParts[]> {
  if (dishes.length === 0) return [];
  const dishIds = dishes.map((dish) => dish.id);
  const variations = await manager.find(DishVariation, {
    where: { dishId: In(dishIds), deletedAt: IsNull() },
  });
  const links = await manager.find(DishIngredient, { where: { dishId: In(dishIds) } });
  const offers = await manager.find(DishModifierGroup, {
    where: { dishId: In(dishIds) },
    order: { position: 'ASC' },
  });
  const ingredientIds = [...new Set(links.map((link) => link.ingredientId))];
  const ingredients = ingredientIds.length
    ? await manager.find(Ingredient, { where: { id: In(ingredientIds) } })
    : [];
  const ingredientById = new Map(ingredients.map((ingredient) => [ingredient.id, ingredient]));
  return dishes.map((dish) => ({
    dish,
    ingredients: links
      .filter((link) => link.dishId === dish.id)
      .map((link) => ingredientById.get(link.ingredientId))
      .filter((ingredient): ingredient is Ingredient => ingredient !== undefined)
      .sort(byName),
    variations: variations.filter((variation) => variation.dishId === dish.id).sort(bySortOrderThenName),
    modifierGroupIds: offers.filter((offer) => offer.dishId === dish.id).map((offer) => offer.groupId),
  }));
}

export async function loadDishViews(manager: EntityManager, dishes: Dish[]): Promise<DishView[]> {
  const parts = await loadDishParts(manager, dishes);
  return parts.map(({ dish, ingredients, variations, modifierGroupIds }) =>
    DishView.of(dish, ingredients, variations, modifierGroupIds),
  );
}

export async function loadDishView(manager: EntityManager, dish: Dish): Promise<DishView> {
  const [view] = await loadDishViews(manager, [dish]);
  return view;
}
