import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, type Field, optional, type Values, wholeNumber } from './forms';
import { ComboSlots } from './combo-slots';
import { priceOf, VariationRow } from './dish-variations';
import { HqBadge, hqField, HqNote, isFromHq } from './hq-owned';
import { checkedIds, type MenuCatalog, optionsOf } from './menu-catalog';
import { problemText } from './screen-parts';
import { allergenNames } from '../shared/allergen-names';

type Dish = Schemas['DishView'];

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

/**
 * One dish: 86 it or bring it back (a manager may), and, for an admin, its name, category, station, tax rate,
 * prep time, schedule, modifier groups and ingredients (its allergens follow them), its variations, and its combo
 * slots. A dish from headquarters' catalog shows what headquarters owns of it read-only, and no delete.
 */
export function DishEditor({
  session,
  dish,
  catalog,
  canEdit,
  onChanged,
  onClose,
}: {
  session: StaffSession;
  dish: Dish;
  catalog: MenuCatalog;
  canEdit: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const [problem, setProblem] = useState('');
  // A change made by a button: read the menu again once done, or say why it was refused.
  const act = (request: Promise<unknown>, then?: () => void): void => {
    request.then(
      () => {
        setProblem('');
        onChanged();
        then?.();
      },
      (error: unknown) => setProblem(problemText(error)),
    );
  };
  const path = { params: { path: { id: dish.id } } };
  const toggleDish = () =>
    act(
      ok(
        session.api.PATCH('/api/v1/dishes/{id}/availability', {
          ...path,
          body: { available: !dish.available },
        }),
      ),
    );
  const remove = () => {
    if (confirm(m('deleteConfirm', { name: dish.name }))) {
      act(ok(session.api.DELETE('/api/v1/dishes/{id}', path)), onClose);
    }
  };
  const allergens = dish.allergens.length > 0 ? allergenNames(dish.allergens) : m('noAllergens');
  const fromHq = isFromHq(dish);

  return (
    <section class="dish-editor" aria-labelledby="dish-editor-title">
      <h2 id="dish-editor-title">
        {dish.name}
        {fromHq && <HqBadge />}
      </h2>
      {fromHq && <HqNote what="dish" />}
      {dish.description && <p class="dish-description">{dish.description}</p>}
      <p>
        {m(dish.available ? 'available' : 'soldOut')}{' '}
        <button type="button" onClick={toggleDish}>
          {m(dish.available ? 'eightySixDish' : 'bringBackDish')}
        </button>{' '}
        {canEdit && !fromHq && (
          <button type="button" onClick={remove}>
            {m('deleteDish')}
          </button>
        )}{' '}
        <button type="button" onClick={onClose}>
          {m('close')}
        </button>
      </p>
      <p class="muted">{m('allergens', { allergens })}</p>
      {canEdit && <DishForm session={session} dish={dish} catalog={catalog} onSaved={onChanged} />}
      <h3>{m('variations')}</h3>
      <ul class="variations" aria-label={m('variations')}>
        {dish.variations.map((variation, index) => (
          <VariationRow
            key={variation.id}
            session={session}
            dish={dish}
            variation={variation}
            index={index}
            canEdit={canEdit}
            act={act}
            onChanged={onChanged}
          />
        ))}
      </ul>
      {canEdit && !fromHq && (
        <CreateForm
          id="new-variation"
          submitLabel={m('addVariation')}
          fields={[
            { name: 'name', label: m('variationName') },
            { name: 'price', label: m('price', { currency: formats.settings.currency }), type: 'number' },
          ]}
          submit={(values) =>
            ok(
              session.api.POST('/api/v1/dishes/{id}/variations', {
                ...path,
                body: {
                  name: values.name,
                  price: priceOf(values.price, 'price'),
                  // A variation added comes last, after those the manager has already ordered.
                  sortOrder: Math.max(0, ...dish.variations.map((each) => each.sortOrder + 1)),
                },
              }),
            )
          }
          onSaved={onChanged}
        />
      )}
      {canEdit && <ComboSlots session={session} dish={dish} catalog={catalog} onChanged={onChanged} />}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/** The dish's own fields; modifier groups and ingredients as a checkbox each (`group:<id>`, `ingredient:<id>`). */
function DishForm({
  session,
  dish,
  catalog,
  onSaved,
}: {
  session: StaffSession;
  dish: Dish;
  catalog: MenuCatalog;
  onSaved: () => void;
}) {
  // Headquarters' fields of a dish from its catalog are shown, not sent: the site's API would refuse a change.
  const fromHq = isFromHq(dish);
  const owned = (field: Field) => hqField(field, fromHq);
  const fields: Field[] = [
    owned({ name: 'name', label: m('dishName'), initial: dish.name }),
    owned({
      name: 'categoryId',
      label: m('category'),
      type: 'select',
      options: optionsOf(catalog.categories),
      initial: dish.categoryId,
    }),
    owned({
      name: 'stationId',
      label: m('station'),
      type: 'select',
      options: [{ value: '', label: m('noStation') }, ...optionsOf(catalog.stations)],
      initial: dish.stationId ?? '',
    }),
    {
      name: 'taxRateId',
      label: m('taxRate'),
      type: 'select',
      options: [{ value: '', label: m('categoryTaxRate') }, ...optionsOf(catalog.taxRates)],
      initial: dish.taxRateIds[0] ?? '',
    },
    { name: 'prepMinutes', label: m('prepMinutes'), type: 'number', initial: String(dish.prepMinutes) },
    {
      name: 'scheduleId',
      label: m('schedule'),
      type: 'select',
      options: [{ value: '', label: m('noSchedule') }, ...optionsOf(catalog.schedules)],
      initial: dish.scheduleId ?? '',
    },
    ...catalog.modifierGroups.map((group): Field => ({
      name: `group:${group.id}`,
      label: m('offersGroup', { name: group.name }),
      type: 'checkbox',
      initial: dish.modifierGroupIds.includes(group.id) ? 'true' : '',
    })),
    ...catalog.ingredients.map((ingredient): Field => ({
      name: `ingredient:${ingredient.id}`,
      label: m('contains', { name: ingredient.name }),
      type: 'checkbox',
      initial: dish.ingredientIds.includes(ingredient.id) ? 'true' : '',
    })),
  ];
  const save = (values: Values) => {
    const taxRateId = optional(values.taxRateId);
    return ok(
      session.api.PATCH('/api/v1/dishes/{id}', {
        params: { path: { id: dish.id } },
        body: {
          ...(fromHq
            ? {}
            : {
                name: values.name,
                categoryId: values.categoryId,
                stationId: optional(values.stationId) ?? null,
              }),
          taxRateIds: taxRateId ? [taxRateId] : [],
          prepMinutes: wholeNumber(values.prepMinutes),
          scheduleId: optional(values.scheduleId) ?? null,
          modifierGroupIds: checkedIds(values, 'group'),
          ingredientIds: checkedIds(values, 'ingredient'),
        },
      }),
    );
  };
  return (
    <CreateForm
      id="dish-edit"
      keepValues
      submitLabel={m('saveDish')}
      fields={fields}
      submit={save}
      onSaved={onSaved}
    />
  );
}
