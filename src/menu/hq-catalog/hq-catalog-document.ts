import type { WeeklyWindow } from '../schedules/schedule-window';

/**
 * A site's effective catalog as headquarters publishes it (after its overrides): what the site applies in one
 * transaction, matching its rows to these by `hqKey`. Prices in the site's currency's minor units.
 */
export interface HqCatalogDocument {
  categories: HqCatalogCategory[];
  stations: HqCatalogStation[];
  dishes: HqCatalogDish[];
  /** Modifier groups with their options; absent in a document from before they were published: none. */
  modifierGroups?: HqCatalogModifierGroup[];
  /** Headquarters' tax mappings: named rates the site keeps as tax rates of its own carrying the key. */
  taxRates?: HqCatalogTaxRate[];
  /** Menu schedules (dayparts) that categories and dishes name by scheduleKey. */
  schedules?: HqCatalogSchedule[];
  /** Price levels pricing the document's variations, by hqKey. */
  priceLevels?: HqCatalogPriceLevel[];
}

/** A dish as headquarters renders it: every field set (a document may come from before some existed). */
export type HqCatalogDishWhole = HqCatalogDish & {
  modifierGroupKeys: string[];
  taxRateKey: string | null;
  scheduleKey: string | null;
  combo: HqCatalogCombo | null;
};

/** A category as headquarters renders it: every field set. */
export type HqCatalogCategoryWhole = HqCatalogCategory & { scheduleKey: string | null };

/** A document as headquarters renders it now: every kind listed. */
export interface HqCatalogDocumentWhole extends HqCatalogDocument {
  categories: HqCatalogCategoryWhole[];
  dishes: HqCatalogDishWhole[];
  modifierGroups: HqCatalogModifierGroup[];
  taxRates: HqCatalogTaxRate[];
  schedules: HqCatalogSchedule[];
  priceLevels: HqCatalogPriceLevel[];
}

export interface HqCatalogCategory {
  hqKey: string;
  name: string;
  sortOrder: number;
  /** When its dishes are on the menu, a schedule's hqKey; null: the site sets it. */
  scheduleKey?: string | null;
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
  /** The modifier groups it offers, by hqKey, in order (before any the site adds to it itself). */
  modifierGroupKeys?: string[];
  /** Its tax rate, a tax mapping's hqKey; null: the site sets the dish's rates itself. */
  taxRateKey?: string | null;
  /** When it is on the menu, a schedule's hqKey; null: the site sets it. */
  scheduleKey?: string | null;
  /** Its slots when it is a combo (docs/combos.md), its choices other dishes of the catalog; null: a plain dish. */
  combo?: HqCatalogCombo | null;
}

export interface HqCatalogCombo {
  slots: HqCatalogComboSlot[];
}

export interface HqCatalogComboSlot {
  name: string;
  minChoices: number;
  maxChoices: number;
  choices: HqCatalogComboChoice[];
}

/** A dish of the catalog a slot offers, at one of its variations, for `upcharge` minor units more. */
export interface HqCatalogComboChoice {
  dishKey: string;
  variationKey: string;
  upcharge: number;
}

export interface HqCatalogVariation {
  hqKey: string;
  name: string;
  price: number;
  sortOrder: number;
}

/** A modifier group ("Sauce") with its options, as the site's own groups have them. */
export interface HqCatalogModifierGroup {
  hqKey: string;
  name: string;
  minChoices: number;
  maxChoices: number;
  options: HqCatalogModifierOption[];
}

export interface HqCatalogModifierOption {
  hqKey: string;
  name: string;
  /** Minor units added to the item's unit price; negative takes off, as on the site's own options. */
  priceDelta: number;
  sortOrder: number;
  /** false: headquarters takes it off sale at this site; true leaves the site's own 86 as it is. */
  available: boolean;
}

/** A tax mapping of headquarters: a named rate ("food", 7 %), one of the site's tax rates once applied. */
export interface HqCatalogTaxRate {
  hqKey: string;
  name: string;
  /** Percent, at most 4 decimals. */
  percent: number;
}

/** A menu schedule of headquarters ("Breakfast"): weekly windows on each site's own clock. */
export interface HqCatalogSchedule {
  hqKey: string;
  name: string;
  windows: WeeklyWindow[];
}

/** A price level of headquarters ("Terrace"): its prices of variations by hqKey, and the order types it prices. */
export interface HqCatalogPriceLevel {
  hqKey: string;
  name: string;
  orderTypes: string[];
  prices: HqCatalogLevelPrice[];
}

export interface HqCatalogLevelPrice {
  variationKey: string;
  /** Minor units of the site's currency. */
  price: number;
}

export { HQ_CATALOG_ROW_KINDS, heldKey } from '../hq-catalog-rows';
export type { HeldRows, HqCatalogRowKind, HqCatalogRowProblem } from '../hq-catalog-rows';
