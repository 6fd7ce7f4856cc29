import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { StaffSession } from '../shared/staff-session';
import { BringBack, LeaveOff, SaleButtons } from './hq-catalog-dishes';
import {
  absentText,
  type Catalog,
  type Chain,
  delta,
  type Effective,
  h,
  type HqModifierGroup,
  type HqTaxMapping,
  inheritanceText,
  type OverrideKind,
  percentText,
  type Site,
} from './hq-catalog-parts';
import { ModifierGroupForm, TaxMappingForm } from './hq-modifier-forms';
import type { OverrideBody, OverrideTarget } from './hq-overrides';

/** What the catalog's lists show, for the organisation (`site` null) or one site with its effective catalog. */
export interface CatalogView {
  catalog: Catalog;
  chain: Chain;
  site: Site | null;
  effective: Effective | null;
  admin: boolean;
  onOverride: (target: OverrideTarget) => void;
  put: (body: OverrideBody) => void;
}

/**
 * The master catalog's modifier groups, each with its options' price changes and whether they are on sale. With a
 * site chosen, what that site gets: each price change and availability inherited or overridden (here, or by which
 * group), what is left off there and by whom, and (admins) the buttons that override, leave off and clear.
 */
export function ModifierGroupsList({
  catalog,
  chain,
  site,
  effective,
  admin,
  onOverride,
  put,
  onEdit,
}: CatalogView & { onEdit: (group: HqModifierGroup) => void }) {
  if (catalog.modifierGroups.length === 0) return <p class="muted">{h('noGroup')}</p>;
  const atSite = site !== null && effective !== null;
  const absentOf = (kind: OverrideKind, hqKey: string) =>
    effective?.absent.find((entry) => entry.kind === kind && entry.hqKey === hqKey);
  const button = (label: string, name: string, onClick: () => void) => (
    <button type="button" aria-label={h(`${label}Of`, { name })} onClick={onClick}>
      {h(label)}
    </button>
  );

  const optionRows = (group: HqModifierGroup, groupGone: ReturnType<typeof absentOf>) => {
    const shownGroup = atSite
      ? effective.modifierGroups.find((each) => each.hqKey === group.hqKey)
      : undefined;
    return group.options.map((option) => {
      const name = `${group.name} — ${option.name}`;
      const { hqKey } = option;
      const gone = groupGone ?? absentOf('modifierOption', hqKey);
      const shown = shownGroup?.options.find((each) => each.hqKey === hqKey);
      const from = (field: 'price' | 'available') =>
        shownGroup?.overridden.find((each) => each.field === field && each.hqKey === hqKey);
      const [priceFrom, availableFrom] = [from('price'), from('available')];
      const available = shown?.available ?? option.available;
      const onSale = [
        h(available ? 'yes' : 'no'),
        availableFrom && inheritanceText(chain, availableFrom.scope),
      ];
      const target = { kind: 'modifierOption' as const, hqKey, name };
      return (
        <tr key={hqKey} data-key={hqKey} class={gone ? 'absent' : undefined}>
          <td>{option.name}</td>
          <td>{hqKey}</td>
          <td class="number">
            {!atSite ? delta(option.priceDelta) : shown ? delta(shown.priceDelta, site.currency) : '–'}
          </td>
          {atSite && (
            <td>{gone ? absentText(chain, gone.scope) : inheritanceText(chain, priceFrom?.scope)}</td>
          )}
          <td>{atSite && gone ? '–' : onSale.filter(Boolean).join(' · ')}</td>
          {admin && atSite && (
            <td class="actions">
              {!gone && button('overridePrice', name, () => onOverride({ ...target, field: 'price' }))}
              {!gone &&
                priceFrom &&
                button('clearOverride', name, () =>
                  put({ kind: 'modifierOption', hqKey, scope: priceFrom.scope, price: null }),
                )}
              {site && !gone && (
                <SaleButtons
                  kind="modifierOption"
                  hqKey={hqKey}
                  name={name}
                  site={site}
                  available={available}
                  from={availableFrom}
                  onOverride={onOverride}
                  put={put}
                />
              )}
              {!gone && <LeaveOff kind="modifierOption" hqKey={hqKey} name={name} onOverride={onOverride} />}
              {gone?.kind === 'modifierOption' && (
                <BringBack kind="modifierOption" hqKey={hqKey} name={name} scope={gone.scope} put={put} />
              )}
            </td>
          )}
        </tr>
      );
    });
  };

  return (
    <>
      {catalog.modifierGroups.map((group) => {
        const gone = absentOf('modifierGroup', group.hqKey);
        const choices = h('choices', { min: group.minChoices, max: group.maxChoices });
        return (
          <div key={group.hqKey} class="hq-category" data-key={group.hqKey}>
            <h3>
              {group.name}
              <span class="muted"> {[group.hqKey, choices].join(' · ')}</span>
              {atSite && gone && <span class="absent"> {absentText(chain, gone.scope)}</span>}
              {admin && (
                <span class="row-actions">
                  {!atSite && button('edit', group.name, () => onEdit(group))}
                  {atSite &&
                    (gone ? (
                      <BringBack
                        kind="modifierGroup"
                        hqKey={group.hqKey}
                        name={group.name}
                        scope={gone.scope}
                        put={put}
                      />
                    ) : (
                      <LeaveOff
                        kind="modifierGroup"
                        hqKey={group.hqKey}
                        name={group.name}
                        onOverride={onOverride}
                      />
                    ))}
                </span>
              )}
            </h3>
            {group.options.length === 0 ? (
              <p class="muted">{h('noOption')}</p>
            ) : (
              <div class="table-scroll">
                <table class="list catalog" aria-label={group.name}>
                  <thead>
                    <tr>
                      <th scope="col">{h('columns.option')}</th>
                      <th scope="col">{h('columns.key')}</th>
                      <th scope="col" class="number">
                        {h('columns.priceDelta')}
                      </th>
                      {atSite && <th scope="col">{h('columns.inheritance')}</th>}
                      <th scope="col">{h('columns.available')}</th>
                      {admin && atSite && <th scope="col">{h('columns.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>{optionRows(group, gone)}</tbody>
                </table>
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * The master catalog's tax mappings with their percents. With a site chosen, each percent the site gets,
 * inherited or overridden (here, or by which group), and (admins) the buttons that override and clear it.
 */
export function TaxMappingsList({
  catalog,
  chain,
  site,
  effective,
  admin,
  onOverride,
  put,
  onEdit,
}: CatalogView & { onEdit: (mapping: HqTaxMapping) => void }) {
  if (catalog.taxRates.length === 0) return <p class="muted">{h('noTax')}</p>;
  const atSite = site !== null && effective !== null;
  return (
    <div class="table-scroll">
      <table class="list catalog" aria-label={h('taxMappings')}>
        <thead>
          <tr>
            <th scope="col">{h('columns.name')}</th>
            <th scope="col">{h('columns.key')}</th>
            <th scope="col" class="number">
              {h('columns.percent')}
            </th>
            {atSite && <th scope="col">{h('columns.inheritance')}</th>}
            {admin && <th scope="col">{h('columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {catalog.taxRates.map((mapping) => {
            const { hqKey, name } = mapping;
            const shown = atSite ? effective.taxRates.find((each) => each.hqKey === hqKey) : undefined;
            const from = shown?.overridden.find((each) => each.field === 'percent');
            return (
              <tr key={hqKey} data-key={hqKey}>
                <td>{name}</td>
                <td>{hqKey}</td>
                <td class="number">{percentText((shown ?? mapping).percent)}</td>
                {atSite && <td>{inheritanceText(chain, from?.scope)}</td>}
                {admin && (
                  <td class="actions">
                    {!atSite && (
                      <button
                        type="button"
                        aria-label={h('editOf', { name })}
                        onClick={() => onEdit(mapping)}
                      >
                        {h('edit')}
                      </button>
                    )}
                    {atSite && (
                      <button
                        type="button"
                        aria-label={h('overridePercentOf', { name })}
                        onClick={() => onOverride({ kind: 'taxMapping', hqKey, name, field: 'percent' })}
                      >
                        {h('overridePercent')}
                      </button>
                    )}
                    {atSite && from && (
                      <button
                        type="button"
                        aria-label={h('clearOverrideOf', { name })}
                        onClick={() => put({ kind: 'taxMapping', hqKey, scope: from.scope, percent: null })}
                      >
                        {h('clearOverride')}
                      </button>
                    )}
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

/**
 * The catalog screen's modifier groups and tax mappings: each list, and (admins, for the organisation) the form
 * that adds or replaces one, filled with an entry's values by its Edit button.
 */
export function ModifiersAndTaxes({
  session,
  reload,
  ...view
}: CatalogView & { session: StaffSession; reload: () => void }) {
  const forms = view.admin && view.site === null;
  return (
    <>
      <EntryCard<HqModifierGroup>
        id="hq-modifier-group"
        title={h('modifierGroups')}
        showForm={forms}
        heading={(group) => (group ? h('groupForm.editing', { name: group.name }) : h('groupForm.heading'))}
        list={(onEdit) => <ModifierGroupsList {...view} onEdit={onEdit} />}
        form={(group, done) => (
          <ModifierGroupForm
            key={group?.hqKey ?? ''}
            session={session}
            catalog={view.catalog}
            group={group ?? undefined}
            onSaved={() => {
              done();
              reload();
            }}
            onCancel={group ? done : undefined}
          />
        )}
      />
      <EntryCard<HqTaxMapping>
        id="hq-tax-mapping"
        title={h('taxMappings')}
        showForm={forms}
        heading={(mapping) => (mapping ? h('taxForm.editing', { name: mapping.name }) : h('taxForm.heading'))}
        list={(onEdit) => <TaxMappingsList {...view} onEdit={onEdit} />}
        form={(mapping, done) => (
          <TaxMappingForm
            key={mapping?.hqKey ?? ''}
            session={session}
            catalog={view.catalog}
            mapping={mapping ?? undefined}
            onSaved={() => {
              done();
              reload();
            }}
            onCancel={mapping ? done : undefined}
          />
        )}
      />
    </>
  );
}

/** A card of the catalog: its list, and the form that adds an entry or edits the one whose Edit was pressed. */
export function EntryCard<Entry>({
  id,
  title,
  showForm,
  heading,
  list,
  form,
}: {
  id: string;
  title: string;
  showForm: boolean;
  heading: (editing: Entry | null) => string;
  list: (onEdit: (entry: Entry) => void) => JSX.Element;
  form: (editing: Entry | null, done: () => void) => JSX.Element;
}) {
  const [editing, setEditing] = useState<Entry | null>(null);
  const onEdit = (entry: Entry) => {
    setEditing(entry);
    document.getElementById(`${id}-heading`)?.scrollIntoView();
  };
  return (
    <section class="card" aria-labelledby={`${id}s`}>
      <h2 id={`${id}s`}>{title}</h2>
      {list(onEdit)}
      {showForm && (
        <>
          <h3 id={`${id}-heading`}>{heading(editing)}</h3>
          {form(editing, () => setEditing(null))}
        </>
      )}
    </section>
  );
}
