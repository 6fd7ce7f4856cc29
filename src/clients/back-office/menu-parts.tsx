import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, minorUnitsOf, refuseField, Rows, wholeNumber } from './forms';
import type { MenuCatalog } from './menu-catalog';

/** The menu screen's tabs for categories, kitchen stations and modifier groups. */

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

export interface PartProps {
  session: StaffSession;
  catalog: MenuCatalog;
  canEdit: boolean;
  onChanged: () => void;
}

type Category = Schemas['CategoryView'];

/** Categories in the order the tablets show them: renamed in place, moved up or down (swapping sortOrder). */
export function CategoriesPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  const categories = catalog.categories;
  const patch = (category: Category, body: Schemas['UpdateCategoryInput']) =>
    ok(session.api.PATCH('/api/v1/categories/{id}', { params: { path: { id: category.id } }, body }));
  // Positions are written whole (0, 1, 2, …): categories created alike share a sortOrder until one is moved.
  const move = (index: number, by: -1 | 1) => {
    const order = [...categories];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    void Promise.all(
      order.flatMap((category, position) =>
        category.sortOrder === position ? [] : [patch(category, { sortOrder: position })],
      ),
    ).then(onChanged, onChanged);
  };
  if (!canEdit) {
    return <Rows label={m('categories')} problem="" rows={categories.map((category) => category.name)} />;
  }
  return (
    <>
      <ol class="categories" aria-label={m('categories')}>
        {categories.map((category, index) => (
          <li key={category.id}>
            <CreateForm
              id={`category-${index}`}
              keepValues
              submitLabel={m('rename')}
              fields={[{ name: 'name', label: m('categoryName'), initial: category.name }]}
              submit={(values) => patch(category, { name: values.name })}
              onSaved={onChanged}
            />
            <button
              type="button"
              disabled={index === 0}
              aria-label={m('moveUp', { name: category.name })}
              onClick={() => move(index, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={index === categories.length - 1}
              aria-label={m('moveDown', { name: category.name })}
              onClick={() => move(index, 1)}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      <CreateForm
        id="new-category"
        submitLabel={m('addCategory')}
        fields={[{ name: 'name', label: m('categoryName') }]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/categories', {
              body: { name: values.name, sortOrder: categories.length },
            }),
          )
        }
        onSaved={onChanged}
      />
    </>
  );
}

export function StationsPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  return (
    <>
      <Rows
        label={m('stations')}
        problem=""
        rows={catalog.stations.map((station) =>
          m('stationRow', {
            name: station.name,
            warn: station.warnAfterMinutes,
            late: station.lateAfterMinutes,
          }),
        )}
      />
      {canEdit && (
        <CreateForm
          id="new-station"
          submitLabel={m('addStation')}
          fields={[
            { name: 'name', label: m('stationName') },
            { name: 'warnAfterMinutes', label: m('warnAfter'), type: 'number', initial: '10' },
            { name: 'lateAfterMinutes', label: m('lateAfter'), type: 'number', initial: '20' },
          ]}
          submit={(values) =>
            ok(
              session.api.POST('/api/v1/stations', {
                body: {
                  name: values.name,
                  warnAfterMinutes: wholeNumber(values.warnAfterMinutes),
                  lateAfterMinutes: wholeNumber(values.lateAfterMinutes),
                },
              }),
            )
          }
          onSaved={onChanged}
        />
      )}
    </>
  );
}

/** Modifier groups with their options; a dish offers a group from its editor. */
export function ModifierGroupsPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  const currency = formats.settings.currency;
  return (
    <>
      {catalog.modifierGroups.length === 0 && <p class="muted">{t('backOffice.form.nothingYet')}</p>}
      {catalog.modifierGroups.map((group, index) => (
        <section key={group.id} class="modifier-group" aria-label={group.name}>
          <h3>{m('groupRow', { name: group.name, min: group.minChoices, max: group.maxChoices })}</h3>
          <Rows
            label={m('optionsOf', { name: group.name })}
            problem=""
            rows={group.options.map((option) =>
              m(option.available ? 'optionRow' : 'optionRowOut', {
                name: option.name,
                delta: formats.moneyDelta(option.priceDelta),
              }),
            )}
          />
          {canEdit && (
            <CreateForm
              id={`option-${index}`}
              submitLabel={m('addOption')}
              fields={[
                { name: 'name', label: m('optionName') },
                { name: 'priceDelta', label: m('priceDelta', { currency }), type: 'number', initial: '0' },
              ]}
              submit={(values) => {
                const priceDelta = minorUnitsOf(values.priceDelta, currency);
                if (Number.isNaN(priceDelta)) refuseField('priceDelta', t('backOffice.form.notAmount'));
                return ok(
                  session.api.POST('/api/v1/modifier-groups/{id}/options', {
                    params: { path: { id: group.id } },
                    body: { name: values.name, priceDelta },
                  }),
                );
              }}
              onSaved={onChanged}
            />
          )}
        </section>
      ))}
      {canEdit && (
        <CreateForm
          id="new-modifier-group"
          submitLabel={m('addGroup')}
          fields={[
            { name: 'name', label: m('groupName') },
            { name: 'minChoices', label: m('minChoices'), type: 'number', initial: '0' },
            { name: 'maxChoices', label: m('maxChoices'), type: 'number', initial: '1' },
          ]}
          submit={(values) =>
            ok(
              session.api.POST('/api/v1/modifier-groups', {
                body: {
                  name: values.name,
                  minChoices: wholeNumber(values.minChoices),
                  maxChoices: wholeNumber(values.maxChoices),
                },
              }),
            )
          }
          onSaved={onChanged}
        />
      )}
    </>
  );
}
