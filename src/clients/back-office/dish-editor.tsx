import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import {
  CreateForm,
  type Field,
  majorUnitsOf,
  minorUnitsOf,
  optional,
  refuseField,
  type Values,
} from './forms';
import { ComboSlots } from './combo-slots';
import { checkedIds, type MenuCatalog, optionsOf } from './menu-catalog';

type Dish = Schemas['DishView'];
type Variation = Schemas['VariationView'];

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

/** A typed price as minor units, or the field's refusal beside it. */
function priceOf(typed: string, field: string): number {
  const price = minorUnitsOf(typed, formats.settings.currency);
  if (Number.isNaN(price)) refuseField(field, t('backOffice.form.notAmount'));
  return price;
}

/**
 * One dish: 86 it or bring it back (a manager may), and, for an admin, its name, category, station, tax rate,
 * modifier groups and ingredients (its allergens follow them), its variations, and its combo slots.
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
      (error: unknown) =>
        setProblem(
          t('backOffice.form.refused', {
            problem: error instanceof ApiError ? error.message : String(error),
          }),
        ),
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
  const allergens = dish.allergens.length > 0 ? dish.allergens.join(', ') : m('noAllergens');

  return (
    <section class="dish-editor" aria-labelledby="dish-editor-title">
      <h2 id="dish-editor-title">{dish.name}</h2>
      <p>
        {m(dish.available ? 'available' : 'soldOut')}{' '}
        <button type="button" onClick={toggleDish}>
          {m(dish.available ? 'eightySixDish' : 'bringBackDish')}
        </button>{' '}
        {canEdit && (
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
      {canEdit && (
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
  const fields: Field[] = [
    { name: 'name', label: m('dishName'), initial: dish.name },
    {
      name: 'categoryId',
      label: m('category'),
      type: 'select',
      options: optionsOf(catalog.categories),
      initial: dish.categoryId,
    },
    {
      name: 'stationId',
      label: m('station'),
      type: 'select',
      options: [{ value: '', label: m('noStation') }, ...optionsOf(catalog.stations)],
      initial: dish.stationId ?? '',
    },
    {
      name: 'taxRateId',
      label: m('taxRate'),
      type: 'select',
      options: [{ value: '', label: m('categoryTaxRate') }, ...optionsOf(catalog.taxRates)],
      initial: dish.taxRateIds[0] ?? '',
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
          name: values.name,
          categoryId: values.categoryId,
          stationId: optional(values.stationId) ?? null,
          taxRateIds: taxRateId ? [taxRateId] : [],
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

/** A variation: rename and reprice it (an admin), 86 it or bring it back (a manager too). */
function VariationRow({
  session,
  dish,
  variation,
  index,
  canEdit,
  act,
  onChanged,
}: {
  session: StaffSession;
  dish: Dish;
  variation: Variation;
  index: number;
  canEdit: boolean;
  act: (request: Promise<unknown>) => void;
  onChanged: () => void;
}) {
  const path = { params: { path: { id: dish.id, variationId: variation.id } } };
  const currency = formats.settings.currency;
  const toggle = () =>
    act(
      ok(
        session.api.PATCH('/api/v1/dishes/{id}/variations/{variationId}/availability', {
          ...path,
          body: { available: !variation.available },
        }),
      ),
    );
  const summary = m(variation.available ? 'variationPrice' : 'variationPriceOut', {
    name: variation.name,
    price: formats.money(variation.price),
  });
  return (
    <li>
      {canEdit ? (
        <CreateForm
          id={`variation-${index}`}
          keepValues
          submitLabel={m('saveVariation')}
          fields={[
            { name: 'name', label: m('variationName'), initial: variation.name },
            {
              name: 'price',
              label: m('price', { currency }),
              type: 'number',
              initial: majorUnitsOf(variation.price, currency),
            },
          ]}
          submit={(values) =>
            ok(
              session.api.PATCH('/api/v1/dishes/{id}/variations/{variationId}', {
                ...path,
                body: { name: values.name, price: priceOf(values.price, 'price') },
              }),
            )
          }
          onSaved={onChanged}
        />
      ) : (
        summary
      )}{' '}
      <button
        type="button"
        onClick={toggle}
        aria-label={m(variation.available ? 'eightySixNamed' : 'bringBackNamed', { name: variation.name })}
      >
        {m(variation.available ? 'eightySixVariation' : 'bringBackVariation')}
      </button>
    </li>
  );
}
