import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import {
  chosen,
  CreateForm,
  type Field,
  majorUnitsOf,
  minorUnitsOf,
  refuseField,
  type Values,
  wholeNumber,
} from './forms';
import { asComboFields, comboFields, comboOf } from './hq-catalog-combo';
import { type Catalog, h, type HqCategory, type HqDish, taxMappingText } from './hq-catalog-parts';
import { keyFromName, rowKeys } from './hq-keys';

/**
 * The forms that add or replace an entry of the master catalog (admins): a category, a station, a dish (modifier
 * groups and tax mappings: hq-modifier-forms.tsx; schedules and price levels: hq-level-forms.tsx).
 */

/** A typed price as minor units of headquarters' currency, or the field's refusal beside it. */
export function priceOf(typed: string, field: string): number {
  const price = minorUnitsOf(typed, formats.settings.currency);
  if (Number.isNaN(price)) refuseField(field, t('backOffice.form.notAmount'));
  return price;
}

/**
 * Each PUT names its entry by its hqKey in the path: the one typed, or else one made from the entry's name that
 * none of `taken` (the catalog's entries of its kind) has; a key the API refuses shows beside the key's field.
 */
export const keyOf = (typed: string, name: string, taken: ReadonlyArray<{ hqKey: string }>) => {
  const key =
    typed.trim() ||
    keyFromName(
      name,
      taken.map((entry) => entry.hqKey),
    );
  if (key === '') refuseField('hqKey', h('keyRequired'));
  return key;
};

/** The key's field, after the name's: left empty, the key is made from the name (keyOf). */
export const keyField = (label: string, initial: string | undefined): Field => ({
  name: 'hqKey',
  label,
  initial,
  note: h('keyMade'),
});

/** The menu schedule a category or dish is on: one of the catalog's, or none (each site sets its own). */
const scheduleField = (catalog: Catalog, label: string, initial: string | null | undefined): Field => ({
  name: 'scheduleKey',
  label,
  type: 'select',
  options: [
    { value: '', label: h('noScheduleChosen') },
    ...catalog.schedules.map((schedule) => ({ value: schedule.hqKey, label: schedule.name })),
  ],
  initial: initial ?? '',
});

/** The buttons shown before a form's submit: Cancel, when it edits an entry. */
export function CancelEdit({ onCancel }: { onCancel?: () => void }) {
  return onCancel ? (
    <div class="form-extra">
      <button type="button" onClick={onCancel}>
        {h('cancel')}
      </button>
    </div>
  ) : null;
}

/** A form's buttons for its rows (variations, options, windows, prices): one more, one fewer; Cancel, editing. */
export function RowButtons({
  rows,
  setRows,
  more,
  fewer,
  onCancel,
}: {
  rows: number;
  setRows: (rows: number) => void;
  more: string;
  fewer: string;
  onCancel?: () => void;
}) {
  return (
    <div class="form-extra">
      <button type="button" onClick={() => setRows(rows + 1)}>
        {more}
      </button>
      {rows > 1 && (
        <button type="button" onClick={() => setRows(rows - 1)}>
          {fewer}
        </button>
      )}
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {h('cancel')}
        </button>
      )}
    </div>
  );
}

/** A category with its order and menu schedule, new or replacing the one with its key: `category` fills it to edit. */
export function CategoryForm({
  session,
  catalog,
  category,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  catalog: Catalog;
  category?: HqCategory;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  return (
    <CreateForm
      id="hq-category"
      fields={[
        { name: 'name', label: h('category.name'), initial: category?.name },
        keyField(h('category.key'), category?.hqKey),
        {
          name: 'sortOrder',
          label: h('category.sortOrder'),
          type: 'number',
          initial: String(category?.sortOrder ?? 0),
        },
        scheduleField(catalog, h('category.schedule'), category?.scheduleKey),
      ]}
      submitLabel={h('category.save')}
      submit={(values) =>
        ok(
          session.api.PUT('/api/v1/hq/catalog/categories/{hqKey}', {
            params: { path: { hqKey: keyOf(values.hqKey, values.name, catalog.categories) } },
            body: {
              name: values.name,
              sortOrder: wholeNumber(values.sortOrder),
              scheduleKey: values.scheduleKey === '' ? null : values.scheduleKey,
            },
          }),
        )
      }
      onSaved={onSaved}
    >
      <CancelEdit onCancel={onCancel} />
    </CreateForm>
  );
}

export function StationForm({
  session,
  catalog,
  onSaved,
}: {
  session: StaffSession;
  catalog: Catalog;
  onSaved: () => void;
}) {
  return (
    <CreateForm
      id="hq-station"
      fields={[{ name: 'name', label: h('station.name') }, keyField(h('station.key'), undefined)]}
      submitLabel={h('station.save')}
      submit={(values) =>
        ok(
          session.api.PUT('/api/v1/hq/catalog/stations/{hqKey}', {
            params: { path: { hqKey: keyOf(values.hqKey, values.name, catalog.stations) } },
            body: { name: values.name },
          }),
        )
      }
      onSaved={onSaved}
    />
  );
}

/** The fields of variation `index`, named as the API names their problems (`variations[0].price`). */
const variationFields = (index: number, dish?: HqDish): Field[] => {
  const number = index + 1;
  const variation = dish?.variations[index];
  const currency = formats.settings.currency;
  return [
    {
      name: `variations[${index}].hqKey`,
      label: h('dish.variationKey', { number }),
      initial: variation?.hqKey,
      note: h('keyMade'),
    },
    {
      name: `variations[${index}].name`,
      label: h('dish.variationName', { number }),
      initial: variation?.name,
    },
    {
      name: `variations[${index}].price`,
      label: h('dish.variationPrice', { number, currency }),
      type: 'number',
      initial: variation ? majorUnitsOf(variation.price, currency) : undefined,
    },
  ];
};

/**
 * The variations typed, in order; a row left blank is no variation. A variation without a key gets one made of
 * the dish's key and its name ("margherita.large") that no other dish's variation has.
 */
function variationsOf(values: Values, rows: number, dishKey: string, catalog: Catalog) {
  const typed = Array.from({ length: rows }, (_, index) => index)
    .filter((index) =>
      ['hqKey', 'name', 'price'].some(
        (field) => (values[`variations[${index}].${field}`] ?? '').trim() !== '',
      ),
    )
    .map((index) => ({
      hqKey: values[`variations[${index}].hqKey`].trim(),
      name: values[`variations[${index}].name`],
      price: priceOf(values[`variations[${index}].price`], `variations[${index}].price`),
    }));
  const othersKeys = catalog.dishes
    .filter((dish) => dish.hqKey !== dishKey)
    .flatMap((dish) => dish.variations.map((variation) => variation.hqKey));
  const keys = rowKeys(typed, othersKeys, `${dishKey}.`);
  return typed.map((variation, index) => ({ ...variation, hqKey: keys[index] }));
}

/** A dish's modifier groups (in the order chosen) and its tax mapping (none: each site's own rates). */
const groupAndTaxFields = (catalog: Catalog, dish?: HqDish): Field[] => [
  ...(catalog.modifierGroups.length > 0 || (dish?.modifierGroupKeys.length ?? 0) > 0
    ? [
        {
          name: 'modifierGroupKeys',
          label: h('dish.modifierGroups'),
          type: 'pick' as const,
          ordered: true,
          options: catalog.modifierGroups.map((group) => ({ value: group.hqKey, label: group.name })),
          initial: dish?.modifierGroupKeys.join(','),
        },
      ]
    : []),
  {
    name: 'taxRateKey',
    label: h('dish.taxMapping'),
    type: 'select',
    options: [
      { value: '', label: h('noTaxMappingChosen') },
      ...catalog.taxRates.map((rate) => ({ value: rate.hqKey, label: taxMappingText(catalog, rate.hqKey) })),
    ],
    initial: dish?.taxRateKey ?? '',
  },
];

/**
 * A dish with its variations (hqKey, name, price each), its modifier groups and tax mapping, new or replacing the
 * one with its key: `dish` fills it with an entry's current values to edit.
 */
export function DishForm({
  session,
  catalog,
  dish,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  catalog: Catalog;
  dish?: HqDish;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [rows, setRows] = useState(Math.max(2, dish?.variations.length ?? 0));
  const [slots, setSlots] = useState(Math.max(1, dish?.combo?.slots.length ?? 0));
  if (catalog.categories.length === 0) return <p class="muted">{h('dish.needsCategory')}</p>;
  const variations = Array.from({ length: rows }, (_, index) => variationFields(index, dish)).flat();
  const last = variations.length - 1;
  variations[last] = {
    ...variations[last],
    after: (
      <RowButtons
        rows={rows}
        setRows={setRows}
        more={h('dish.anotherVariation')}
        fewer={h('dish.fewerVariations')}
      />
    ),
  };
  const fields = (values: Values): Field[] => [
    { name: 'name', label: h('dish.name'), initial: dish?.name },
    keyField(h('dish.key'), dish?.hqKey),
    { name: 'description', label: h('dish.description'), initial: dish?.description },
    {
      name: 'categoryKey',
      label: h('dish.category'),
      type: 'select',
      options: catalog.categories.map((category) => ({ value: category.hqKey, label: category.name })),
      initial: dish?.categoryKey,
    },
    {
      name: 'stationKey',
      label: h('dish.station'),
      type: 'select',
      options: [
        { value: '', label: h('noStationChosen') },
        ...catalog.stations.map((station) => ({ value: station.hqKey, label: station.name })),
      ],
      initial: dish?.stationKey ?? '',
    },
    scheduleField(catalog, h('dish.schedule'), dish?.scheduleKey),
    {
      name: 'available',
      label: h('dish.available'),
      type: 'checkbox',
      initial: dish?.available === false ? '' : 'true',
    },
    ...groupAndTaxFields(catalog, dish),
    ...variations,
    ...comboFields(catalog, values, slots, setSlots, dish),
  ];
  return (
    <CreateForm
      id="hq-dish"
      fields={fields}
      submitLabel={h('dish.save')}
      submit={(values) => {
        const hqKey = keyOf(values.hqKey, values.name, catalog.dishes);
        return asComboFields(
          values,
          ok(
            session.api.PUT('/api/v1/hq/catalog/dishes/{hqKey}', {
              params: { path: { hqKey } },
              body: {
                name: values.name,
                description: values.description,
                categoryKey: values.categoryKey,
                stationKey: values.stationKey === '' ? null : values.stationKey,
                available: values.available === 'true',
                variations: variationsOf(values, rows, hqKey, catalog),
                modifierGroupKeys: chosen(values.modifierGroupKeys ?? ''),
                taxRateKey: values.taxRateKey === '' ? null : values.taxRateKey,
                scheduleKey: values.scheduleKey === '' ? null : values.scheduleKey,
                combo: comboOf(values, slots, dish),
              },
            }),
          ),
        );
      }}
      onSaved={() => {
        setSlots(Math.max(1, dish?.combo?.slots.length ?? 0));
        onSaved();
      }}
    >
      <CancelEdit onCancel={onCancel} />
    </CreateForm>
  );
}
