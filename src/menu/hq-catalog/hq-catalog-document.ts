/**
 * A site's effective catalog as headquarters publishes it (after its overrides): what the site applies in one
 * transaction, matching its rows to these by `hqKey`. Prices in the site's currency's minor units.
 */
export interface HqCatalogDocument {
  categories: HqCatalogCategory[];
  stations: HqCatalogStation[];
  dishes: HqCatalogDish[];
}

export interface HqCatalogCategory {
  hqKey: string;
  name: string;
  sortOrder: number;
}

export interface HqCatalogStation {
  hqKey: string;
  name: string;
}

export interface HqCatalogDish {
  hqKey: string;
  name: string;
  description: string;
  categoryKey: string;
  stationKey: string | null;
  /** false: headquarters takes it off sale at this site; true leaves the site's own availability (86) as it is. */
  available: boolean;
  variations: HqCatalogVariation[];
}

export interface HqCatalogVariation {
  hqKey: string;
  name: string;
  price: number;
  sortOrder: number;
}
