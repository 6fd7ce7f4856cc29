import type { Schemas } from '../../shared/api';
import { isDefaultVariation } from '../../../menu/line-names';
import type { Order } from './floor';

export type Menu = Schemas['MenuView'];

export type Dish = Menu['categories'][number]['dishes'][number];

/**
 * "Burger (Double)": the variation only where the dish has several to choose from, by the menu; a dish no longer on
 * it shows its variation unless it is a single price's.
 */
export function lineName(
  item: Pick<Order['items'][number], 'dishId' | 'name' | 'variationName'>,
  menu?: Menu,
): string {
  const dish = menu?.categories
    .flatMap((category) => category.dishes)
    .find((entry) => entry.id === item.dishId);
  const several = dish ? dish.variations.length > 1 : !isDefaultVariation(item.variationName);
  return several && item.variationName && item.variationName !== item.name
    ? `${item.name} (${item.variationName})`
    : item.name;
}

/** The price a guest at this table pays: its area's price level when the dish has one, else the menu's. */
export function priceAt(variation: Dish['variations'][number], priceLevelId: string | null): number {
  return variation.levels.find((level) => level.priceLevelId === priceLevelId)?.price ?? variation.price;
}
