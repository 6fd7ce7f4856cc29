import { EntityManager, IsNull } from 'typeorm';
import { TaxRate } from '../../taxes/tax.entities';
import { allergenUnion } from '../allergens';
import { DishParts, loadDishParts } from '../dish-loader';
import { Category, Dish, DishVariation, Station } from '../menu.entities';
import { byName, bySortOrderThenName } from '../menu-order';

/** The menu as the CSV sees it: what the export writes and what an import is compared with. */
export interface MenuState {
  categories: Category[];
  stations: Station[];
  taxRates: TaxRate[];
  /** Live dishes, by category (sortOrder, name) then name. */
  dishes: Array<DishParts & { allergens: string[] }>;
}

export async function loadMenuState(manager: EntityManager): Promise<MenuState> {
  const categories = (await manager.find(Category)).sort(bySortOrderThenName);
  const stations = (await manager.find(Station)).sort(byName);
  const taxRates = (await manager.find(TaxRate)).sort(byName);
  const dishes = await manager.find(Dish, { where: { deletedAt: IsNull() } });
  const rank = new Map(categories.map((category, index) => [category.id, index]));
  const categoryRank = (dish: Dish) => rank.get(dish.categoryId ?? '') ?? categories.length;
  dishes.sort((a, b) => categoryRank(a) - categoryRank(b) || byName(a, b));
  const parts = await loadDishParts(manager, dishes);
  return {
    categories,
    stations,
    taxRates,
    dishes: parts.map((part) => ({
      ...part,
      allergens: allergenUnion(part.ingredients.map((ingredient) => ingredient.allergens)),
    })),
  };
}

/** What the CSV's `available` says of a variation: whether a guest can order it (neither it nor its dish 86'd, not sold out). */
export const orderable = (dish: Dish, variation: DishVariation): boolean =>
  dish.available && variationOffered(variation);

/** The variation's own switch, apart from its dish's: not 86'd, not sold out. */
export const variationOffered = (variation: DishVariation): boolean =>
  variation.available && !variation.soldOut;

/** "19" or "19 %" or "7.5%" → parts per million; null when the text is not a percent. */
export function percentPpm(text: string): number | null {
  const match = /^(\d{1,3}(?:\.\d{1,4})?)\s*%?$/.exec(text);
  if (!match) return null;
  const [whole, fraction = ''] = match[1].split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
}
