import {
  absentText,
  type Catalog,
  type Chain,
  type Effective,
  h,
  type HqDish,
  inheritanceText,
  modifierGroupName,
  money,
  type OverrideKind,
  scheduleName,
  type Site,
  taxMappingText,
} from './hq-catalog-parts';
import { comboText } from './hq-catalog-combo';
import type { OverrideBody, OverrideTarget } from './hq-overrides';

/** The button that brings an entry left off back to a site (clears the absence of the scope that set it). */
export function BringBack({
  kind,
  hqKey,
  name,
  scope,
  put,
}: {
  kind: OverrideKind;
  hqKey: string;
  name: string;
  scope: OverrideBody['scope'];
  put: (body: OverrideBody) => void;
}) {
  return (
    <button
      type="button"
      aria-label={h('bringBackOf', { name })}
      onClick={() => put({ kind, hqKey, scope, absent: null })}
    >
      {h('bringBack')}
    </button>
  );
}

/** The button that opens the form leaving an entry off at the site or one of its groups. */
export function LeaveOff({
  kind,
  hqKey,
  name,
  onOverride,
}: {
  kind: OverrideKind;
  hqKey: string;
  name: string;
  onOverride: (target: OverrideTarget) => void;
}) {
  return (
    <button
      type="button"
      aria-label={h('leaveOffOf', { name })}
      onClick={() => onOverride({ kind, hqKey, name, field: 'absent' })}
    >
      {h('leaveOff')}
    </button>
  );
}

/**
 * The buttons of a dish or a modifier option at a site: Take off sale (or Put on sale, when it is off there) at
 * this site in one click; For its groups…, which opens the form setting `available` for one of the site's groups;
 * and, while an override decides it, the one that clears that override's `available` (its scope inherits again).
 */
export function SaleButtons({
  kind,
  hqKey,
  name,
  site,
  available,
  from,
  onOverride,
  put,
}: {
  kind: 'dish' | 'modifierOption';
  hqKey: string;
  name: string;
  site: Site;
  available: boolean;
  from: { scope: OverrideBody['scope'] } | undefined;
  onOverride: (target: OverrideTarget) => void;
  put: (body: OverrideBody) => void;
}) {
  const label = available ? 'takeOffSale' : 'putOnSale';
  return (
    <>
      <button
        type="button"
        aria-label={h(`${label}Of`, { name })}
        onClick={() => put({ kind, hqKey, scope: { siteId: site.id }, available: !available })}
      >
        {h(label)}
      </button>
      {site.groupIds.length > 0 && (
        <button
          type="button"
          aria-label={h('saleInGroupsOf', { name })}
          onClick={() =>
            onOverride({ kind, hqKey, name, field: 'available', initial: available ? '' : 'true' })
          }
        >
          {h('saleInGroups')}
        </button>
      )}
      {from && (
        <button
          type="button"
          aria-label={h('clearAvailableOf', { name })}
          onClick={() => put({ kind, hqKey, scope: from.scope, available: null })}
        >
          {h('clearAvailable')}
        </button>
      )}
    </>
  );
}

/**
 * The master catalog's dishes by category, each variation with its price, each dish with its modifier groups, tax
 * mapping and menu schedule. With a site chosen, what that site gets: each price, station, tax mapping and sale
 * state inherited or overridden (here, or by which group), what is left off there and by whom, and (admins) the
 * buttons that override a price, a station or a tax mapping, take a dish off sale or put it on, leave a dish or
 * category off, and clear those again.
 */
export function CatalogDishes({
  catalog,
  chain,
  site,
  effective,
  admin,
  onOverride,
  put,
  onEdit,
}: {
  catalog: Catalog;
  chain: Chain;
  site: Site | null;
  effective: Effective | null;
  admin: boolean;
  onOverride: (target: OverrideTarget) => void;
  put: (body: OverrideBody) => void;
  onEdit: (dish: HqDish) => void;
}) {
  if (catalog.dishes.length === 0 && catalog.categories.length === 0)
    return <p class="muted">{h('noDish')}</p>;
  const atSite = site !== null && effective !== null;
  const absentOf = (kind: OverrideKind, hqKey: string) =>
    effective?.absent.find((entry) => entry.kind === kind && entry.hqKey === hqKey);
  const stationName = (key: string | null) =>
    key === null ? null : (catalog.stations.find((station) => station.hqKey === key)?.name ?? key);
  const categories = [...catalog.categories].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
  );
  const bringBack = (kind: OverrideKind, hqKey: string, name: string, scope: OverrideBody['scope']) => (
    <BringBack kind={kind} hqKey={hqKey} name={name} scope={scope} put={put} />
  );
  const leaveOff = (kind: OverrideKind, hqKey: string, name: string) => (
    <LeaveOff kind={kind} hqKey={hqKey} name={name} onOverride={onOverride} />
  );
  // The tax mappings with their percents where the dishes are shown: the site's, else the organisation's.
  const taxes = effective ?? catalog;
  const taxOverride = (dish: HqDish, current: string | null) =>
    catalog.taxRates.length > 0 && (
      <button
        type="button"
        aria-label={h('overrideTaxOf', { name: dish.name })}
        onClick={() =>
          onOverride({
            kind: 'dish',
            hqKey: dish.hqKey,
            name: dish.name,
            field: 'taxRateKey',
            initial: current ?? undefined,
            options: catalog.taxRates.map((rate) => ({
              value: rate.hqKey,
              label: taxMappingText(taxes, rate.hqKey),
            })),
          })
        }
      >
        {h('overrideTax')}
      </button>
    );
  const stationOverride = (dish: HqDish, current: string | null) =>
    catalog.stations.length > 0 && (
      <button
        type="button"
        aria-label={h('overrideStationOf', { name: dish.name })}
        onClick={() =>
          onOverride({
            kind: 'dish',
            hqKey: dish.hqKey,
            name: dish.name,
            field: 'stationKey',
            initial: current ?? undefined,
            options: catalog.stations.map((each) => ({ value: each.hqKey, label: each.name })),
          })
        }
      >
        {h('overrideStation')}
      </button>
    );

  const dishRows = (dish: HqDish, categoryGone: ReturnType<typeof absentOf>) => {
    const shown = atSite ? effective.dishes.find((each) => each.hqKey === dish.hqKey) : undefined;
    const dishGone = categoryGone ?? absentOf('dish', dish.hqKey);
    const availableFrom = shown?.overridden.find((each) => each.field === 'available');
    const stationKey = shown?.stationKey ?? dish.stationKey;
    const station = stationName(stationKey);
    const stationFrom = shown?.overridden.find((each) => each.field === 'stationKey');
    const available = shown?.available ?? dish.available;
    const taxKey = shown ? shown.taxRateKey : dish.taxRateKey;
    const taxFrom = shown?.overridden.find((each) => each.field === 'taxRateKey');
    const groupKeys = shown?.modifierGroupKeys ?? dish.modifierGroupKeys;
    const about = [
      dish.hqKey,
      station && h('stationOf', { station }),
      stationFrom && inheritanceText(chain, stationFrom.scope),
      groupKeys.length > 0 &&
        h('groupsOf', { groups: groupKeys.map((key) => modifierGroupName(catalog, key)).join(', ') }),
      taxKey !== null && h('taxOf', { tax: taxMappingText(taxes, taxKey) }),
      dish.scheduleKey !== null && h('scheduleOf', { schedule: scheduleName(catalog, dish.scheduleKey) }),
      taxFrom && inheritanceText(chain, taxFrom.scope),
      !available && h('offSale'),
      availableFrom && inheritanceText(chain, availableFrom.scope),
    ].filter((each): each is string => typeof each === 'string');
    // A combo's slots, at a site only the choices there; a combo left without enough of them is not on its menu.
    const combo = atSite ? (shown?.combo ?? null) : dish.combo;
    const comboNotHere = atSite && !shown && !dishGone && dish.combo !== null;
    const dishCell = (
      <td rowSpan={dish.variations.length} class="dish">
        <strong>{dish.name}</strong>
        <span class="muted"> {about.join(' · ')}</span>
        {atSite && dishGone && <span class="absent"> {absentText(chain, dishGone.scope)}</span>}
        {combo && <span class="hq-combo">{comboText(catalog, combo, site?.currency)}</span>}
        {comboNotHere && <span class="hq-combo absent">{h('combo.notHere')}</span>}
        {admin && (
          <span class="row-actions">
            {!atSite && (
              <button
                type="button"
                aria-label={h('editOf', { name: dish.name })}
                onClick={() => onEdit(dish)}
              >
                {h('edit')}
              </button>
            )}
            {atSite && !dishGone && leaveOff('dish', dish.hqKey, dish.name)}
            {site && atSite && !dishGone && (
              <SaleButtons
                kind="dish"
                hqKey={dish.hqKey}
                name={dish.name}
                site={site}
                available={available}
                from={availableFrom}
                onOverride={onOverride}
                put={put}
              />
            )}
            {atSite && !dishGone && stationOverride(dish, stationKey)}
            {atSite && !dishGone && taxOverride(dish, taxKey)}
            {atSite && !dishGone && taxFrom && (
              <button
                type="button"
                aria-label={h('clearTaxOverrideOf', { name: dish.name })}
                onClick={() =>
                  put({ kind: 'dish', hqKey: dish.hqKey, scope: taxFrom.scope, taxRateKey: null })
                }
              >
                {h('clearTaxOverride')}
              </button>
            )}
            {atSite && dishGone?.kind === 'dish' && bringBack('dish', dish.hqKey, dish.name, dishGone.scope)}
          </span>
        )}
      </td>
    );
    return dish.variations.map((variation, index) => {
      const name = `${dish.name} — ${variation.name}`;
      const gone = dishGone ?? absentOf('variation', variation.hqKey);
      const price = shown?.variations.find((each) => each.hqKey === variation.hqKey)?.price;
      const from = shown?.overridden.find((each) => each.field === 'price' && each.hqKey === variation.hqKey);
      return (
        <tr key={variation.hqKey} data-key={variation.hqKey} class={gone ? 'absent' : undefined}>
          {index === 0 && dishCell}
          <td>{variation.name}</td>
          <td>{variation.hqKey}</td>
          <td class="number">
            {!atSite ? money(variation.price) : price === undefined ? '–' : money(price, site.currency)}
          </td>
          {atSite && <td>{gone ? absentText(chain, gone.scope) : inheritanceText(chain, from?.scope)}</td>}
          {admin && atSite && (
            <td class="actions">
              {!gone && (
                <button
                  type="button"
                  aria-label={h('overridePriceOf', { name })}
                  onClick={() =>
                    onOverride({ kind: 'variation', hqKey: variation.hqKey, name, field: 'price' })
                  }
                >
                  {h('overridePrice')}
                </button>
              )}
              {!gone && from && (
                <button
                  type="button"
                  aria-label={h('clearOverrideOf', { name })}
                  onClick={() =>
                    put({ kind: 'variation', hqKey: variation.hqKey, scope: from.scope, price: null })
                  }
                >
                  {h('clearOverride')}
                </button>
              )}
              {gone?.kind === 'variation' && bringBack('variation', variation.hqKey, name, gone.scope)}
            </td>
          )}
        </tr>
      );
    });
  };

  return (
    <>
      {categories.map((category) => {
        const gone = absentOf('category', category.hqKey);
        const dishes = catalog.dishes.filter((dish) => dish.categoryKey === category.hqKey);
        return (
          <div key={category.hqKey} class="hq-category" data-key={category.hqKey}>
            <h3>
              {category.name}
              {category.scheduleKey !== null && (
                <span class="muted">
                  {' '}
                  {h('scheduleOf', { schedule: scheduleName(catalog, category.scheduleKey) })}
                </span>
              )}
              {atSite && gone && <span class="absent"> {absentText(chain, gone.scope)}</span>}
              {admin && atSite && (
                <span class="row-actions">
                  {gone
                    ? bringBack('category', category.hqKey, category.name, gone.scope)
                    : leaveOff('category', category.hqKey, category.name)}
                </span>
              )}
            </h3>
            {dishes.length === 0 ? (
              <p class="muted">{h('noDish')}</p>
            ) : (
              <div class="table-scroll">
                <table class="list catalog" aria-label={category.name}>
                  <thead>
                    <tr>
                      <th scope="col">{h('columns.dish')}</th>
                      <th scope="col">{h('columns.variation')}</th>
                      <th scope="col">{h('columns.key')}</th>
                      <th scope="col" class="number">
                        {h('columns.price')}
                      </th>
                      {atSite && <th scope="col">{h('columns.inheritance')}</th>}
                      {admin && atSite && <th scope="col">{h('columns.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>{dishes.flatMap((dish) => dishRows(dish, gone))}</tbody>
                </table>
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}
