import type { Menu } from './service-store';

export type Dish = Menu['categories'][number]['dishes'][number];

/** The price a guest at this table pays: its area's price level when the dish has one, else the menu's. */
export function priceAt(variation: Dish['variations'][number], priceLevelId: string | null): number {
  return variation.levels.find((level) => level.priceLevelId === priceLevelId)?.price ?? variation.price;
}
