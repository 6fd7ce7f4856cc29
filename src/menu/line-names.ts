/**
 * How a line's dish and variation read, on paper and on every screen. Pure, so the web clients share it with the
 * server's documents.
 */

import { isSeededName, seededName } from '../restaurant/seeded-names';

/**
 * The one variation a dish created with a single price gets, named in the restaurant's language (`locale`) then
 * (English for a language we lack).
 */
export function defaultVariationName(locale: string): string {
  return seededName('defaultVariation', locale);
}

/** Whether a variation is a single-priced dish's own, in whichever language it was named when it was made. */
export function isDefaultVariation(variationName: string | null | undefined): boolean {
  return isSeededName('defaultVariation', variationName);
}

/** "Burger (Double)"; a single-priced dish's own variation is never shown: "Soup", not "Soup (Regular)". */
export function printedName(name: string, variationName: string | null | undefined): string {
  return variationName && !isDefaultVariation(variationName) ? `${name} (${variationName})` : name;
}
