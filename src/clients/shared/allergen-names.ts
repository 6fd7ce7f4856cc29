import { t } from '../../i18n/browser/page-i18n';

/**
 * Allergen codes (the EU 14, as the API names them) in the staff's words and language: "milk, eggs" or "Milch,
 * Eier". A code the catalogue does not know yet is shown as it is, rather than hidden from a cook.
 */
export function allergenNames(codes: readonly string[]): string {
  return codes.map((code) => t(`allergens.${code}`, { defaultValue: code })).join(', ');
}
