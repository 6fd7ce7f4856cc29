/**
 * How a line's dish and variation read, on paper and on every screen. Pure, so the web clients share it with the
 * server's documents.
 */

import { languageOf, type Language } from '../i18n/languages';

/** The one variation a dish created with a single price gets, named in the restaurant's language then. */
const DEFAULT_VARIATION_NAMES: Record<Language, string> = { en: 'Regular', de: 'Standard' };

/** The default variation's name for a restaurant whose pages are in `locale` (English for a language we lack). */
export function defaultVariationName(locale: string): string {
  return DEFAULT_VARIATION_NAMES[languageOf(locale) ?? 'en'];
}

/** Whether a variation is a single-priced dish's own, in whichever language it was named when it was made. */
export function isDefaultVariation(variationName: string | null | undefined): boolean {
  return Object.values(DEFAULT_VARIATION_NAMES).some((name) => name === variationName);
}

/** "Burger (Double)"; a single-priced dish's own variation is never shown: "Soup", not "Soup (Regular)". */
export function printedName(name: string, variationName: string | null | undefined): string {
  return variationName && !isDefaultVariation(variationName) ? `${name} (${variationName})` : name;
}
