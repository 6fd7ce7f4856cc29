import type { Dish, DishVariation } from './menu.entities';
import { chooseModifiers, ItemModifier, OfferedGroup } from './modifier-choices';
import { chooseComponents, ComboChoiceLine, ComponentOrderable, OfferedSlot, sumDeltas } from './combos';
import type { ScheduleState } from './schedules/schedule-window';

/** What an order line copies from the menu when it is ordered. */
export interface Orderable {
  dishId: string;
  /** The dish's category, for price rules on it; not copied onto the item. */
  categoryId: string;
  variationId: string;
  name: string;
  variationName: string;
  unitPrice: number;
  stationId: string | null;
  prepMinutes: number;
  modifiers: ItemModifier[];
  /** The tax rates the dish names, else its category's; empty: the default rates (see TaxRules.itemTaxes). */
  taxRateIds: readonly string[];
  /** A combo's taken choices, each ordered as an item of its own (docs/combos.md); absent for a plain dish. */
  components?: ComponentOrderable[];
}

/**
 * A problem with one order line; `field` is relative to the line (`dishId`, `modifiers[0].optionId`); `soldOut`
 * when its count took the variation off the menu (OUT_OF_STOCK).
 */
export interface LineProblem {
  field: string;
  message: string;
  soldOut?: true;
}

/** What an order line names: a dish, maybe a variation, maybe options of the dish's modifier groups. */
export interface OrderLine {
  dishId: string;
  variationId?: string;
  modifiers?: ReadonlyArray<{ optionId: string }>;
  comboChoices?: readonly ComboChoiceLine[];
}

/**
 * What an order line may name: every live dish, with whether it can be ordered now, its live variations and the
 * modifier groups it offers.
 */
export interface CatalogEntry {
  dish: Dish;
  orderable: boolean;
  /** For a dish that it or its category puts on a schedule: whether that lets it on now, until or from when. */
  schedule: ScheduleState | null;
  /** Why the dish cannot be ordered now, when its schedule is the reason: when it is next on. */
  offMenu: string | null;
  taxRateIds: readonly string[];
  variations: DishVariation[];
  groups: OfferedGroup[];
  /** A combo's slots with their available choices; null for a plain dish. */
  slots: OfferedSlot[] | null;
}

/** One order line against the catalog: what its item copies, or the line's problems. */
export function orderableOf(catalog: Map<string, CatalogEntry>, line: OrderLine): Orderable | LineProblem[] {
  const entry = catalog.get(line.dishId);
  if (!entry) return [{ field: 'dishId', message: 'no such dish' }];
  if (!entry.orderable) return [{ field: 'dishId', message: entry.offMenu ?? 'is not available' }];
  const { dish, variations, groups, taxRateIds, slots } = entry;
  const variation = line.variationId
    ? variations.find((candidate) => candidate.id === line.variationId)
    : variations.length === 1
      ? variations[0]
      : undefined;
  if (!variation) {
    const message = line.variationId
      ? 'no such variation of this dish'
      : 'is required: the dish has several variations';
    return [{ field: 'variationId', message }];
  }
  if (variation.soldOut) return [{ field: 'variationId', message: 'is sold out', soldOut: true }];
  if (!variation.available) return [{ field: 'variationId', message: 'is not available' }];
  const chosen = chooseModifiers(groups, line.modifiers ?? []);
  if ('problems' in chosen) return chosen.problems;
  if (variation.price + sumDeltas(chosen.modifiers) < 0) {
    return [{ field: 'modifiers', message: 'would take the unit price below zero' }];
  }
  const combo = comboOf(slots, line.comboChoices);
  if ('problems' in combo) return combo.problems;
  return {
    ...combo,
    dishId: dish.id,
    // An orderable dish is in an active category.
    categoryId: dish.categoryId!,
    variationId: variation.id,
    name: dish.name,
    variationName: variation.name,
    unitPrice: variation.price,
    stationId: dish.stationId,
    prepMinutes: dish.prepMinutes,
    modifiers: chosen.modifiers,
    taxRateIds,
  };
}

/** A line's taken choices when its dish is a combo; choices on a plain dish are a problem. */
function comboOf(
  slots: OfferedSlot[] | null,
  choices: readonly ComboChoiceLine[] | undefined,
): { components?: ComponentOrderable[] } | { problems: LineProblem[] } {
  if (slots) return chooseComponents(slots, choices ?? []);
  return choices?.length ? { problems: [{ field: 'comboChoices', message: 'the dish is not a combo' }] } : {};
}
