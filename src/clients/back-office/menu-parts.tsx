import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import {
  CreateForm,
  type Field,
  majorUnitsOf,
  minorUnitsOf,
  refuseField,
  Rows,
  type Values,
  wholeNumber,
} from './forms';
import { HqBadge, HqNote, isFromHq } from './hq-owned';
import type { MenuCatalog } from './menu-catalog';
import { MoveButtons, reorder } from './row-actions';
import { useAttempt } from './screen-parts';

/** The menu screen's tabs for categories, kitchen stations and modifier groups. */

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

export interface PartProps {
  session: StaffSession;
  catalog: MenuCatalog;
  canEdit: boolean;
  onChanged: () => void;
}

type Category = Schemas['CategoryView'];
type ModifierGroup = Schemas['ModifierGroupView'];
type ModifierOption = Schemas['ModifierOptionView'];

/** The badge beside a row of `rows` that came from headquarters' catalog. */
const hqBadgeOf = (rows: Array<{ hqKey: string | null }>) => (index: number) =>
  isFromHq(rows[index]) ? <HqBadge /> : <></>;

/**
 * Categories in the order the tablets show them: renamed in place, moved up or down (swapping sortOrder). Those
 * from headquarters' catalog keep the name and place headquarters gives them: the restaurant's own move among them.
 */
export function CategoriesPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  const categories = catalog.categories;
  const own = categories.filter((category) => !isFromHq(category));
  const patch = (category: Category, body: Schemas['UpdateCategoryInput']) =>
    ok(session.api.PATCH('/api/v1/categories/{id}', { params: { path: { id: category.id } }, body }));
  const move = (index: number, by: -1 | 1) =>
    void reorder(own, index, by, (category, sortOrder) => patch(category, { sortOrder })).then(
      onChanged,
      onChanged,
    );
  const note = categories.some(isFromHq) && <HqNote what="categories" />;
  if (!canEdit) {
    return (
      <>
        {note}
        <Rows
          label={m('categories')}
          problem=""
          rows={categories.map((category) => category.name)}
          action={hqBadgeOf(categories)}
        />
      </>
    );
  }
  return (
    <>
      {note}
      <ol class="categories" aria-label={m('categories')}>
        {categories.map((category, index) =>
          isFromHq(category) ? (
            <li key={category.id} class="hq-row">
              {category.name}
              <HqBadge />
            </li>
          ) : (
            <li key={category.id}>
              <CreateForm
                id={`category-${index}`}
                keepValues
                submitLabel={m('rename')}
                fields={[{ name: 'name', label: m('categoryName'), initial: category.name }]}
                submit={(values) => patch(category, { name: values.name })}
                onSaved={onChanged}
              />
              <MoveButtons
                up={m('moveUp', { name: category.name })}
                down={m('moveDown', { name: category.name })}
                index={own.indexOf(category)}
                count={own.length}
                onMove={(by) => move(own.indexOf(category), by)}
              />
            </li>
          ),
        )}
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

/** Kitchen stations with their timer thresholds; those from headquarters' catalog keep its names. */
export function StationsPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  return (
    <>
      {catalog.stations.some(isFromHq) && <HqNote what="stations" />}
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
        action={hqBadgeOf(catalog.stations)}
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

/** A modifier group's "at least" and "at most" fields, blank for a new group and its values for an edit. */
const choiceCountFields = (group?: ModifierGroup): Field[] => [
  { name: 'minChoices', label: m('minChoices'), type: 'number', initial: String(group?.minChoices ?? 0) },
  { name: 'maxChoices', label: m('maxChoices'), type: 'number', initial: String(group?.maxChoices ?? 1) },
];

const choiceCounts = (values: Values) => ({
  minChoices: wholeNumber(values.minChoices),
  maxChoices: wholeNumber(values.maxChoices),
});

/** A typed price change in minor units, or the field's refusal beside it. */
function priceDeltaOf(typed: string): number {
  const priceDelta = minorUnitsOf(typed, formats.settings.currency);
  if (Number.isNaN(priceDelta)) refuseField('priceDelta', t('backOffice.form.notAmount'));
  return priceDelta;
}

/**
 * Modifier groups with their options; a dish offers a group from its editor. An admin renames a group or changes
 * how many options it asks for, deletes it (refused while a dish offers it: the API's reason is shown), and
 * renames, reprices, reorders, adds and deletes its options.
 */
export function ModifierGroupsPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  const { problem, attempt } = useAttempt();
  return (
    <>
      <p class="problem" role="alert">
        {problem}
      </p>
      {catalog.modifierGroups.length === 0 && <p class="muted">{t('backOffice.form.nothingYet')}</p>}
      {catalog.modifierGroups.map((group, index) => (
        <section key={group.id} class="modifier-group" aria-label={group.name}>
          <h3>{m('groupRow', { name: group.name, min: group.minChoices, max: group.maxChoices })}</h3>
          {canEdit ? (
            <GroupEditor
              session={session}
              group={group}
              index={index}
              attempt={attempt}
              onChanged={onChanged}
            />
          ) : (
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
          )}
        </section>
      ))}
      {canEdit && (
        <CreateForm
          id="new-modifier-group"
          submitLabel={m('addGroup')}
          fields={[{ name: 'name', label: m('groupName') }, ...choiceCountFields()]}
          submit={(values) =>
            ok(
              session.api.POST('/api/v1/modifier-groups', {
                body: { name: values.name, ...choiceCounts(values) },
              }),
            )
          }
          onSaved={onChanged}
        />
      )}
    </>
  );
}

/** One group as an admin edits it: its own fields, its options in order, a new option. */
function GroupEditor({
  session,
  group,
  index,
  attempt,
  onChanged,
}: {
  session: StaffSession;
  group: ModifierGroup;
  index: number;
  attempt: (change: Promise<unknown>, then: () => void) => void;
  onChanged: () => void;
}) {
  const currency = formats.settings.currency;
  const groupPath = { params: { path: { id: group.id } } };
  const optionPath = (option: ModifierOption) => ({
    params: { path: { id: group.id, optionId: option.id } },
  });
  const patchOption = (option: ModifierOption, body: Schemas['UpdateModifierOptionInput']) =>
    ok(session.api.PATCH('/api/v1/modifier-groups/{id}/options/{optionId}', { ...optionPath(option), body }));
  const move = (at: number, by: -1 | 1) =>
    attempt(
      reorder(group.options, at, by, (option, sortOrder) => patchOption(option, { sortOrder })),
      onChanged,
    );
  const priceField = (initial: string): Field => ({
    name: 'priceDelta',
    label: m('priceDelta', { currency }),
    type: 'number',
    initial,
  });
  return (
    <>
      <CreateForm
        id={`group-${index}`}
        keepValues
        submitLabel={m('saveGroup')}
        fields={[{ name: 'name', label: m('groupName'), initial: group.name }, ...choiceCountFields(group)]}
        submit={(values) =>
          ok(
            session.api.PATCH('/api/v1/modifier-groups/{id}', {
              ...groupPath,
              body: { name: values.name, ...choiceCounts(values) },
            }),
          )
        }
        onSaved={onChanged}
      />
      <button
        type="button"
        aria-label={m('deleteGroupOf', { name: group.name })}
        onClick={() => attempt(ok(session.api.DELETE('/api/v1/modifier-groups/{id}', groupPath)), onChanged)}
      >
        {m('deleteGroup')}
      </button>
      <ol class="options" aria-label={m('optionsOf', { name: group.name })}>
        {group.options.map((option, at) => (
          <li key={option.id}>
            <CreateForm
              id={`option-${index}-${at}`}
              keepValues
              submitLabel={m('saveOption')}
              fields={[
                { name: 'name', label: m('optionName'), initial: option.name },
                priceField(majorUnitsOf(option.priceDelta, currency)),
              ]}
              submit={(values) =>
                patchOption(option, { name: values.name, priceDelta: priceDeltaOf(values.priceDelta) })
              }
              onSaved={onChanged}
            />
            <MoveButtons
              up={m('moveUp', { name: option.name })}
              down={m('moveDown', { name: option.name })}
              index={at}
              count={group.options.length}
              onMove={(by) => move(at, by)}
            />
            <button
              type="button"
              aria-label={m('deleteOptionOf', { name: option.name })}
              onClick={() =>
                attempt(
                  ok(
                    session.api.DELETE('/api/v1/modifier-groups/{id}/options/{optionId}', optionPath(option)),
                  ),
                  onChanged,
                )
              }
            >
              {m('deleteOption')}
            </button>
          </li>
        ))}
      </ol>
      <CreateForm
        id={`new-option-${index}`}
        submitLabel={m('addOption')}
        fields={[{ name: 'name', label: m('optionName') }, priceField('0')]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/modifier-groups/{id}/options', {
              ...groupPath,
              body: {
                name: values.name,
                priceDelta: priceDeltaOf(values.priceDelta),
                // An option added comes last, after those the manager has already ordered.
                sortOrder: Math.max(0, ...group.options.map((each) => each.sortOrder + 1)),
              },
            }),
          )
        }
        onSaved={onChanged}
      />
    </>
  );
}
