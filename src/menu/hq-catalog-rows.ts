/** The rows of headquarters' catalog document as the site's menu, schedules and price levels set them aside. */

/** The lists of rows a document has, each row with an hqKey. */
export const HQ_CATALOG_ROW_KINDS = [
  'categories',
  'stations',
  'dishes',
  'modifierGroups',
  'taxRates',
  'schedules',
  'priceLevels',
] as const;
export type HqCatalogRowKind = (typeof HQ_CATALOG_ROW_KINDS)[number];

/** A row of a document the site could not take, set aside while the rest applied. */
export interface HqCatalogRowProblem {
  kind: HqCatalogRowKind;
  hqKey: string;
  /** What the site's menu said of it (`variations[1].name clashes with …`). */
  problem: string;
}

/**
 * Rows of a document set aside (by heldKey) because the site could not take them: the site's rows of those keys
 * stay as they are rather than being removed as rows the document no longer has.
 */
export type HeldRows = ReadonlySet<string>;

export const heldKey = (kind: HqCatalogRowKind, hqKey: unknown) => `${kind}:${String(hqKey)}`;
