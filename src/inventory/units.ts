import { BaseUnit } from './inventory.entities';

/** The units a recipe line may name, with the base unit each is kept in and how many base units one is. */
export const RECIPE_UNITS: Readonly<Record<string, { base: BaseUnit; factor: number }>> = {
  g: { base: BaseUnit.Gram, factor: 1 },
  kg: { base: BaseUnit.Gram, factor: 1000 },
  ml: { base: BaseUnit.Millilitre, factor: 1 },
  l: { base: BaseUnit.Millilitre, factor: 1000 },
  piece: { base: BaseUnit.Piece, factor: 1 },
};

export const RECIPE_UNIT_NAMES = Object.keys(RECIPE_UNITS);

/**
 * Base units one portion takes: `quantity` of `unit`, grossed up for a yield below 100 % (trimmings, cooking loss),
 * rounded to a whole base unit; null when the unit is not of `base`.
 */
export function portionQuantity(
  quantity: number,
  unit: string,
  yieldPercent: number,
  base: BaseUnit,
): number | null {
  const known = RECIPE_UNITS[unit];
  if (!known || known.base !== base) return null;
  return Math.round((quantity * known.factor * 100) / yieldPercent);
}

/**
 * What `quantity` base units cost at `costPerThousand` minor units per 1,000 of them, rounded half away from zero to
 * a minor unit (an outgoing movement is worth as much as the same one coming in, negated).
 */
export function valueOf(quantity: number, costPerThousand: number): number {
  const value = Math.round((Math.abs(quantity) * costPerThousand) / 1000);
  return quantity < 0 ? -value : value;
}
