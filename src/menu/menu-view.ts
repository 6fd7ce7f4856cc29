import { allergenUnion } from './allergens';
import type { DishParts } from './dish-loader';
import type { MenuCategoryView, MenuView } from './dto/menu.views';
import type { MenuComboView } from './dto/combo.views';
import { ModifierGroupView } from './dto/modifier-groups.views';
import type { Category } from './menu.entities';
import type { MenuPrices } from './menu-pricing';
import type { CatalogEntry } from './menu-catalog';
import type { OfferedSlot } from './combos';
import type { ScheduleState } from './schedules/schedule-window';

/** The guests' menu from active categories and orderable dishes (both sorted). */
export function menuView(
  categories: Category[],
  parts: DishParts[],
  catalog: Map<string, CatalogEntry>,
  prices: MenuPrices,
): MenuView {
  const result: MenuCategoryView[] = [];
  for (const category of categories) {
    const menuDishes = parts
      .filter(({ dish }) => dish.categoryId === category.id)
      .map(({ dish, ingredients, variations }) => ({
        id: dish.id,
        name: dish.name,
        description: dish.description,
        allergens: allergenUnion(ingredients.map((ingredient) => ingredient.allergens)),
        prepMinutes: dish.prepMinutes,
        stationId: dish.stationId,
        variations: variations
          .filter((variation) => variation.available && variation.shortOf === null)
          .map(({ id, name, price, sortOrder }) => ({
            id,
            name,
            listPrice: price,
            ...prices.of({ categoryId: category.id, dishId: dish.id, variationId: id, listPrice: price }),
            sortOrder,
          })),
        modifierGroups: catalog
          .get(dish.id)!
          .groups.map((offered) =>
            ModifierGroupView.of(offered, (option) => option.available && option.shortOf === null),
          )
          .filter((group) => group.options.length > 0),
        ...menuCombo(catalog.get(dish.id)!.slots),
        ...availableUntil(catalog.get(dish.id)!.schedule),
      }))
      .filter((dish) => dish.variations.length > 0);
    if (menuDishes.length === 0) continue;
    result.push({ id: category.id, name: category.name, sortOrder: category.sortOrder, dishes: menuDishes });
  }
  return { categories: result };
}

/** A scheduled dish's `availableUntil`; nothing for a dish no schedule limits. */
function availableUntil(schedule: ScheduleState | null): { availableUntil?: string | null } {
  return schedule ? { availableUntil: schedule.until?.toISOString() ?? null } : {};
}

/** A combo's slots on the menu, with the choices available now; nothing for a plain dish. */
function menuCombo(slots: OfferedSlot[] | null): { combo?: MenuComboView } {
  if (!slots) return {};
  return {
    combo: {
      slots: slots.map(({ slot, choices }) => ({
        name: slot.name,
        minChoices: slot.minChoices,
        maxChoices: slot.maxChoices,
        choices: choices.map(({ choice, part, variation }) => ({
          ...choice,
          name: part.dish.name,
          variationName: variation.name,
        })),
      })),
    },
  };
}
