/**
 * How a line's dish and variation read, on paper and on every screen. Pure, so the web clients share it with the
 * server's documents.
 */

/** The one variation a dish created with a single price gets. */
export const DEFAULT_VARIATION_NAME = 'Regular';

/** "Burger (Double)"; a single-priced dish's own variation is never shown: "Soup", not "Soup (Regular)". */
export function printedName(name: string, variationName: string | null | undefined): string {
  return variationName && variationName !== DEFAULT_VARIATION_NAME ? `${name} (${variationName})` : name;
}
