import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, type Field, minorUnitsOf, refuseField, type Values } from './forms';
import {
  type Catalog,
  type Chain,
  delta,
  groupName,
  h,
  money,
  type OverrideKind,
  percentOf,
  percentText,
  type Scope,
  scopeOf,
  scopesOf,
  scopeText,
  scopeValue,
  signedMinorUnitsOf,
  type Site,
  taxMappingText,
} from './hq-catalog-parts';
import type { PickerOption } from './picker';

/** Overrides of the master catalog: the form that sets one for a site or a group, and the list of them all. */

export type OverrideBody = Schemas['PutOverrideInput'];

/**
 * What an override form sets: a price, whether it is on sale, a percent, a dish's tax mapping or station, or an
 * absence.
 */
export interface OverrideTarget {
  kind: OverrideKind;
  hqKey: string;
  name: string;
  field: 'price' | 'absent' | 'available' | 'percent' | 'taxRateKey' | 'stationKey';
  /** The value the site has now, to start the field from ('true' when on sale, a tax mapping's or station's key). */
  initial?: string;
  /** The choices of a select (a dish's tax mapping or station: the catalog's mappings or stations). */
  options?: PickerOption[];
}

const HEADINGS: Record<OverrideTarget['field'], string> = {
  price: 'override.priceHeading',
  absent: 'override.absentHeading',
  available: 'override.availableHeading',
  percent: 'override.percentHeading',
  taxRateKey: 'override.taxHeading',
  stationKey: 'override.stationHeading',
};

/** The field that sets the target's value, or none for an absence. */
function valueField(target: OverrideTarget, currency: string): Field[] {
  const { field, initial } = target;
  if (field === 'price') {
    const label = target.kind === 'modifierOption' ? 'override.priceDelta' : 'override.price';
    return [{ name: 'price', label: h(label, { currency }), type: 'number', initial }];
  }
  if (field === 'available')
    return [{ name: 'available', label: h('override.available'), type: 'checkbox', initial }];
  if (field === 'percent')
    return [{ name: 'percent', label: h('override.percent'), type: 'number', initial }];
  if (field === 'taxRateKey' || field === 'stationKey')
    return [{ name: field, label: h(`override.${field}`), type: 'select', options: target.options, initial }];
  return [];
}

/** The override's body from the form's values: the target's one field, for the scope chosen. */
function bodyOf(target: OverrideTarget, values: Values, currency: string): OverrideBody {
  const body: OverrideBody = { kind: target.kind, hqKey: target.hqKey, scope: scopeOf(values.scope) };
  if (target.field === 'price') {
    const price =
      target.kind === 'modifierOption'
        ? signedMinorUnitsOf(values.price, currency)
        : minorUnitsOf(values.price, currency);
    if (Number.isNaN(price)) refuseField('price', t('backOffice.form.notAmount'));
    body.price = price;
  } else if (target.field === 'available') body.available = values.available === 'true';
  else if (target.field === 'percent') body.percent = percentOf(values.percent, 'percent');
  else if (target.field === 'taxRateKey') body.taxRateKey = values.taxRateKey;
  else if (target.field === 'stationKey') body.stationKey = values.stationKey;
  else body.absent = true;
  return body;
}

/** A value or an absence for the chosen site, or for one of the groups whose overrides reach it. */
export function OverrideForm({
  session,
  chain,
  site,
  target,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  chain: Chain;
  site: Site;
  target: OverrideTarget;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const scopes = scopesOf(chain, site).map((scope) => ({
    value: scopeValue(scope),
    label: scope.siteId
      ? h('override.thisSite', { site: site.name })
      : h('override.inGroup', { group: groupName(chain, scope.groupId!) }),
  }));
  const absent = target.field === 'absent';
  // A price level is left off a site's pricing, not its menu.
  const heading =
    absent && target.kind === 'priceLevel' ? 'override.levelAbsentHeading' : HEADINGS[target.field];
  return (
    <section class="card override" aria-labelledby="override-heading">
      <h3 id="override-heading">{h(heading, { name: target.name })}</h3>
      <CreateForm
        key={`${target.kind}:${target.hqKey}:${target.field}`}
        id="hq-override"
        fields={[
          { name: 'scope', label: h('override.scope'), type: 'select', options: scopes },
          ...valueField(target, site.currency),
        ]}
        submitLabel={h(absent ? 'override.leaveOff' : 'override.save')}
        submit={(values) =>
          ok(session.api.PUT('/api/v1/hq/overrides', { body: bodyOf(target, values, site.currency) }))
        }
        onSaved={onSaved}
      >
        <button type="button" onClick={onCancel}>
          {h('cancel')}
        </button>
      </CreateForm>
    </section>
  );
}

/** Every field an entry of this kind may override, sent null: the whole override is inherited again. */
export function clearing(kind: OverrideKind, hqKey: string, scope: Scope): OverrideBody {
  if (kind === 'variation') return { kind, hqKey, scope, price: null, absent: null };
  if (kind === 'dish')
    return { kind, hqKey, scope, available: null, absent: null, stationKey: null, taxRateKey: null };
  if (kind === 'modifierOption') return { kind, hqKey, scope, price: null, available: null, absent: null };
  if (kind === 'taxMapping') return { kind, hqKey, scope, percent: null };
  return { kind, hqKey, scope, absent: null };
}

/**
 * An entry's name as the lists show it: a category's, a dish's, a group's, a mapping's or a price level's, a dish's
 * with its variation's, a group's with its option's.
 */
export function entryName(catalog: Catalog, kind: OverrideKind, hqKey: string): string {
  const named = (entries: Array<{ hqKey: string; name: string }>) =>
    entries.find((each) => each.hqKey === hqKey)?.name ?? hqKey;
  if (kind === 'category') return named(catalog.categories);
  if (kind === 'dish') return named(catalog.dishes);
  if (kind === 'modifierGroup') return named(catalog.modifierGroups);
  if (kind === 'taxMapping') return named(catalog.taxRates);
  if (kind === 'priceLevel') return named(catalog.priceLevels);
  const owners =
    kind === 'variation'
      ? catalog.dishes.map((dish) => ({ name: dish.name, entries: dish.variations }))
      : catalog.modifierGroups.map((group) => ({ name: group.name, entries: group.options }));
  for (const owner of owners) {
    const entry = owner.entries.find((each) => each.hqKey === hqKey);
    if (entry) return `${owner.name} — ${entry.name}`;
  }
  return hqKey;
}

/** Every override of the master catalog, whose it is and what it sets, each cleared (inherited again) by a button. */
export function OverridesTable({
  catalog,
  chain,
  admin,
  put,
}: {
  catalog: Catalog;
  chain: Chain;
  admin: boolean;
  put: (body: OverrideBody) => void;
}) {
  if (catalog.overrides.length === 0) return <p class="muted">{h('noOverride')}</p>;
  const currencyOf = (override: Schemas['HqOverrideView']) =>
    override.scope.siteId
      ? chain.sites.find((site) => site.id === override.scope.siteId)?.currency
      : undefined;
  const stationName = (key: string) => catalog.stations.find((station) => station.hqKey === key)?.name ?? key;
  return (
    <div class="table-scroll">
      <table class="list" aria-label={h('overrides')}>
        <thead>
          <tr>
            <th scope="col">{h('columns.kind')}</th>
            <th scope="col">{h('columns.key')}</th>
            <th scope="col">{h('columns.scope')}</th>
            <th scope="col">{h('columns.what')}</th>
            {admin && <th scope="col">{h('columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {catalog.overrides.map((override) => {
            const name = entryName(catalog, override.kind, override.hqKey);
            const scope = scopeText(chain, override.scope);
            const what = [
              override.price !== null &&
                (override.kind === 'modifierOption' ? delta : money)(override.price, currencyOf(override)),
              override.percent !== null && percentText(override.percent),
              override.absent === true && h('absent'),
              override.available !== null &&
                h('availableThere', { value: h(override.available ? 'yes' : 'no') }),
              override.stationKey !== null &&
                h('stationThere', { station: stationName(override.stationKey) }),
              override.taxRateKey !== null &&
                h('taxThere', { tax: taxMappingText(catalog, override.taxRateKey) }),
            ].filter((each): each is string => typeof each === 'string');
            return (
              <tr key={override.id}>
                <td>
                  {h(`kinds.${override.kind}`)}: {name}
                </td>
                <td>{override.hqKey}</td>
                <td>{scope}</td>
                <td>{what.join(' · ')}</td>
                {admin && (
                  <td class="actions">
                    <button
                      type="button"
                      aria-label={h('clearOverrideOf', { name: `${name} (${scope})` })}
                      onClick={() => put(clearing(override.kind, override.hqKey, override.scope))}
                    >
                      {h('clearOverride')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
