/** The EU 14 allergens (Regulation (EU) No 1169/2011, Annex II): the only codes an ingredient may carry. */
export const ALLERGENS = [
  { code: 'gluten', name: 'Cereals containing gluten' },
  { code: 'crustaceans', name: 'Crustaceans' },
  { code: 'eggs', name: 'Eggs' },
  { code: 'fish', name: 'Fish' },
  { code: 'peanuts', name: 'Peanuts' },
  { code: 'soybeans', name: 'Soybeans' },
  { code: 'milk', name: 'Milk' },
  { code: 'nuts', name: 'Tree nuts' },
  { code: 'celery', name: 'Celery' },
  { code: 'mustard', name: 'Mustard' },
  { code: 'sesame', name: 'Sesame seeds' },
  { code: 'sulphites', name: 'Sulphur dioxide and sulphites' },
  { code: 'lupin', name: 'Lupin' },
  { code: 'molluscs', name: 'Molluscs' },
] as const;

export type AllergenCode = (typeof ALLERGENS)[number]['code'];

export const ALLERGEN_CODES: readonly AllergenCode[] = ALLERGENS.map((allergen) => allergen.code);

/** The sorted union of some allergen lists, without duplicates. */
export function allergenUnion(lists: Iterable<readonly string[]>): string[] {
  const codes = new Set<string>();
  for (const list of lists) for (const code of list) codes.add(code);
  return [...codes].sort();
}
