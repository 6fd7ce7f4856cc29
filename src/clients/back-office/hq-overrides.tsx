import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, minorUnitsOf, refuseField } from './forms';
import {
  type Catalog,
  type Chain,
  groupName,
  h,
  money,
  type OverrideKind,
  type Scope,
  scopeOf,
  scopesOf,
  scopeText,
  scopeValue,
  type Site,
} from './hq-catalog-parts';

/** Overrides of the master catalog: the form that sets one for a site or a group, and the list of them all. */

export type OverrideBody = Schemas['PutOverrideInput'];

/** What an override form sets: a variation's price, or an entry left off. */
export interface OverrideTarget {
  kind: OverrideKind;
  hqKey: string;
  name: string;
  field: 'price' | 'absent';
}

/** A price or an absence for the chosen site, or for one of the groups whose overrides reach it. */
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
  const pricing = target.field === 'price';
  return (
    <section class="card override" aria-labelledby="override-heading">
      <h3 id="override-heading">
        {h(pricing ? 'override.priceHeading' : 'override.absentHeading', { name: target.name })}
      </h3>
      <CreateForm
        key={`${target.kind}:${target.hqKey}:${target.field}`}
        id="hq-override"
        fields={[
          { name: 'scope', label: h('override.scope'), type: 'select', options: scopes },
          ...(pricing
            ? [
                {
                  name: 'price',
                  label: h('override.price', { currency: site.currency }),
                  type: 'number' as const,
                },
              ]
            : []),
        ]}
        submitLabel={h(pricing ? 'override.save' : 'override.leaveOff')}
        submit={(values) => {
          const body: OverrideBody = { kind: target.kind, hqKey: target.hqKey, scope: scopeOf(values.scope) };
          if (pricing) {
            const price = minorUnitsOf(values.price, site.currency);
            if (Number.isNaN(price)) refuseField('price', t('backOffice.form.notAmount'));
            body.price = price;
          } else body.absent = true;
          return ok(session.api.PUT('/api/v1/hq/overrides', { body }));
        }}
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
  if (kind === 'dish') return { kind, hqKey, scope, available: null, absent: null, stationKey: null };
  return { kind, hqKey, scope, absent: null };
}

/** An entry's name as the lists show it: a category's, a dish's, or a dish's with its variation's. */
export function entryName(catalog: Catalog, kind: OverrideKind, hqKey: string): string {
  if (kind === 'category') return catalog.categories.find((each) => each.hqKey === hqKey)?.name ?? hqKey;
  if (kind === 'dish') return catalog.dishes.find((each) => each.hqKey === hqKey)?.name ?? hqKey;
  for (const dish of catalog.dishes) {
    const variation = dish.variations.find((each) => each.hqKey === hqKey);
    if (variation) return `${dish.name} — ${variation.name}`;
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
              override.price !== null && money(override.price, currencyOf(override)),
              override.absent === true && h('absent'),
              override.available !== null &&
                h('availableThere', { value: h(override.available ? 'yes' : 'no') }),
              override.stationKey !== null &&
                h('stationThere', { station: stationName(override.stationKey) }),
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
