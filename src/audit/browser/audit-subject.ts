/**
 * The name of an audited thing as staff know it, for the service when it records an entry and for the back office
 * when it shows one recorded before entries kept their own. Imports nothing, so browsers bundle it too.
 */

/** Fields of a view that name its thing, the first present wins: a person's name, a thing's, a day, an order. */
const NAMING_FIELDS = ['displayName', 'name', 'businessDay', 'number'] as const;

/** Kinds whose names are personal data an erasure must reach: their entries keep no name of their own. */
const UNNAMED_KINDS = new Set(['customer']);

/** A variation by its dish: "Diavola (Regular)". */
export const variationSubject = (dishName: string, variationName: string): string =>
  `${dishName} (${variationName})`;

/** The thing's name from its view after the change (before it, for a removal), or null when it has none. */
export function subjectOfViews(
  entityType: string,
  before: object | null | undefined,
  after: object | null | undefined,
): string | null {
  if (UNNAMED_KINDS.has(entityType)) return null;
  const view = (after ?? before) as Record<string, unknown> | null | undefined;
  if (!view) return null;
  for (const field of NAMING_FIELDS) {
    const value = view[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return null;
}
