import type {
  HqCatalogCategory,
  HqCatalogCategoryWhole,
  HqCatalogCombo,
  HqCatalogDish,
  HqCatalogDishWhole,
  HqCatalogDocumentWhole,
  HqCatalogModifierGroup,
  HqCatalogPriceLevel,
  HqCatalogSchedule,
  HqCatalogStation,
  HqCatalogTaxRate,
  HqCatalogVariation,
} from '../../menu/hq-catalog/hq-catalog-document';
import { percentToPpm, ppmToPercent } from '../../money';
import type { CatalogSnapshot, HqOverrideKind } from './hq-catalog.entities';
import { OverrideScope, resolveField, scopeKeyOf } from './override-precedence';

/** A category as kept before categories named schedules: none. */
export const categoryWithDefaults = (category: HqCatalogCategory): HqCatalogCategoryWhole => ({
  ...category,
  scheduleKey: category.scheduleKey ?? null,
});

/** A field a site has from an override rather than from the organisation, and whose override it is. */
export interface OverriddenField {
  field: 'price' | 'available' | 'stationKey' | 'taxRateKey' | 'percent';
  /** The entry's own hqKey: a dish's, its variation's for a price, a modifier option's, a tax mapping's. */
  hqKey: string;
  scope: OverrideScope;
}

/** A site's effective catalog, with what of it is overridden where (what the back office marks "overridden"). */
export interface EffectiveCatalog extends HqCatalogDocumentWhole {
  dishes: Array<HqCatalogDishWhole & { overridden: OverriddenField[] }>;
  modifierGroups: Array<HqCatalogModifierGroup & { overridden: OverriddenField[] }>;
  taxRates: Array<HqCatalogTaxRate & { overridden: OverriddenField[] }>;
  /** Entries of the master catalog left off at this site (an `absent` override, its own or its category's). */
  absent: Array<{ kind: HqOverrideKind; hqKey: string; scope: OverrideScope }>;
}

type OverrideRow = CatalogSnapshot['overrides'][number];

const byOrder = <T extends { hqKey: string }>(a: T, b: T) => a.hqKey.localeCompare(b.hqKey);

/**
 * What a site gets of the master catalog: each field from the first scope of `chain` (the site, its groups in
 * order, their parents) that overrides it, else the organisation's. An absent category takes its dishes with it;
 * a dish left with no variation is absent too. Prices stay in the site's currency as the organisation wrote them.
 */
export function effectiveCatalog(
  snapshot: CatalogSnapshot,
  chain: readonly OverrideScope[],
): EffectiveCatalog {
  const overrides = new Map<string, OverrideRow>();
  for (const row of snapshot.overrides) overrides.set(`${row.kind}:${row.hqKey}:${row.scopeKey}`, row);
  const resolve = <
    K extends 'price' | 'available' | 'absent' | 'stationKey' | 'taxRateKey' | 'partsPerMillion',
    T,
  >(
    kind: HqOverrideKind,
    hqKey: string,
    field: K,
    organisation: T,
  ) =>
    resolveField<T>(
      chain,
      (scope) => overrides.get(`${kind}:${hqKey}:${scopeKeyOf(scope)}`)?.[field] as T | null | undefined,
      organisation,
    );
  const absent: EffectiveCatalog['absent'] = [];
  const isAbsent = (kind: HqOverrideKind, hqKey: string): boolean => {
    const resolved = resolve(kind, hqKey, 'absent', false);
    if (resolved.value && resolved.from) absent.push({ kind, hqKey, scope: resolved.from });
    return resolved.value;
  };

  const entriesOf = <T>(kind: string) =>
    snapshot.items.filter((item) => item.kind === kind).map((item) => item.entry as T);
  const categories = entriesOf<HqCatalogCategory>('category')
    .filter((category) => !isAbsent('category', category.hqKey))
    .map(categoryWithDefaults)
    .sort(byOrder);
  const present = new Set(categories.map((category) => category.hqKey));
  const stations = entriesOf<HqCatalogStation>('station').sort(byOrder);

  const noting = (overridden: OverriddenField[]) =>
    function noted<T>(
      field: OverriddenField['field'],
      hqKey: string,
      resolved: { value: T; from: OverrideScope | null },
    ): T {
      if (resolved.from) overridden.push({ field, hqKey, scope: resolved.from });
      return resolved.value;
    };

  const modifierGroups: EffectiveCatalog['modifierGroups'] = [];
  for (const group of entriesOf<HqCatalogModifierGroup>('modifierGroup').sort(byOrder)) {
    if (isAbsent('modifierGroup', group.hqKey)) continue;
    const overridden: OverriddenField[] = [];
    const noted = noting(overridden);
    const options = group.options
      .filter((option) => !isAbsent('modifierOption', option.hqKey))
      .map((option) => ({
        ...option,
        priceDelta: noted(
          'price',
          option.hqKey,
          resolve('modifierOption', option.hqKey, 'price', option.priceDelta),
        ),
        available: noted(
          'available',
          option.hqKey,
          resolve('modifierOption', option.hqKey, 'available', option.available),
        ),
      }));
    modifierGroups.push({ ...group, options, overridden });
  }
  const groupsHere = new Set(modifierGroups.map((group) => group.hqKey));

  const taxRates: EffectiveCatalog['taxRates'] = entriesOf<HqCatalogTaxRate>('taxMapping')
    .sort(byOrder)
    .map((rate) => {
      const overridden: OverriddenField[] = [];
      const ppm = noting(overridden)(
        'percent',
        rate.hqKey,
        resolve('taxMapping', rate.hqKey, 'partsPerMillion', percentToPpm(rate.percent)),
      );
      return { ...rate, percent: ppmToPercent(ppm), overridden };
    });

  const dishes: EffectiveCatalog['dishes'] = [];
  for (const dish of entriesOf<HqCatalogDish>('dish').sort(byOrder)) {
    if (!present.has(dish.categoryKey) || isAbsent('dish', dish.hqKey)) continue;
    const overridden: OverriddenField[] = [];
    const noted = noting(overridden);
    const variations: HqCatalogVariation[] = dish.variations
      .filter((variation) => !isAbsent('variation', variation.hqKey))
      .map((variation) => ({
        ...variation,
        price: noted(
          'price',
          variation.hqKey,
          resolve('variation', variation.hqKey, 'price', variation.price),
        ),
      }));
    if (variations.length === 0) continue;
    dishes.push({
      ...dish,
      stationKey: noted('stationKey', dish.hqKey, resolve('dish', dish.hqKey, 'stationKey', dish.stationKey)),
      available: noted('available', dish.hqKey, resolve('dish', dish.hqKey, 'available', dish.available)),
      variations,
      modifierGroupKeys: (dish.modifierGroupKeys ?? []).filter((key) => groupsHere.has(key)),
      taxRateKey: noted(
        'taxRateKey',
        dish.hqKey,
        resolve('dish', dish.hqKey, 'taxRateKey', dish.taxRateKey ?? null),
      ),
      scheduleKey: dish.scheduleKey ?? null,
      combo: dish.combo ?? null,
      overridden,
    });
  }
  const offered = new Set(
    dishes
      .filter((dish) => !dish.combo)
      .flatMap((dish) => dish.variations.map((variation) => variation.hqKey)),
  );
  const served = dishes.filter((dish) => {
    if (!dish.combo) return true;
    dish.combo = combosHere(dish.combo, offered);
    return dish.combo !== null;
  });
  const schedules = entriesOf<HqCatalogSchedule>('schedule').sort(byOrder);
  // A level prices the variations the site has; one absent there is left off whole.
  const variationsHere = new Set(
    served.flatMap((dish) => dish.variations.map((variation) => variation.hqKey)),
  );
  const priceLevels = entriesOf<HqCatalogPriceLevel>('priceLevel')
    .filter((level) => !isAbsent('priceLevel', level.hqKey))
    .sort(byOrder)
    .map((level) => ({
      ...level,
      prices: level.prices.filter((price) => variationsHere.has(price.variationKey)),
    }));
  return { categories, stations, dishes: served, modifierGroups, taxRates, schedules, priceLevels, absent };
}

/**
 * A combo at a site: its choices of variations the site has (`offered`), or null when a slot is left fewer than
 * its minChoices (or none): a guest could not complete it, so the site does not get it.
 */
function combosHere(combo: HqCatalogCombo, offered: ReadonlySet<string>): HqCatalogCombo | null {
  const slots = combo.slots.map((slot) => ({
    ...slot,
    choices: slot.choices.filter((choice) => offered.has(choice.variationKey)),
  }));
  const complete = slots.every((slot) => slot.choices.length >= Math.max(slot.minChoices, 1));
  return complete ? { slots } : null;
}

/** The document a site applies: the effective catalog without what only headquarters shows. */
export function documentOf(catalog: EffectiveCatalog): HqCatalogDocumentWhole {
  return {
    categories: catalog.categories,
    stations: catalog.stations,
    dishes: catalog.dishes.map(({ overridden: _overridden, ...dish }) => dish),
    modifierGroups: catalog.modifierGroups.map(({ overridden: _overridden, ...group }) => group),
    taxRates: catalog.taxRates.map(({ overridden: _overridden, ...rate }) => rate),
    schedules: catalog.schedules,
    priceLevels: catalog.priceLevels,
  };
}
