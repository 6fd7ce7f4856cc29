import { useState } from 'preact/hooks';
import { formats } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { chosen, CreateForm, type Field, majorUnitsOf, refuseField, type Values } from './forms';
import { keyField, keyOf, priceOf, RowButtons } from './hq-catalog-forms';
import {
  type Catalog,
  h,
  type HqPriceLevel,
  type HqSchedule,
  ORDER_TYPES,
  orderTypeName,
  weekdayName,
} from './hq-catalog-parts';
import { entryName } from './hq-overrides';

/**
 * The forms that add or replace a menu schedule and a price level of the master catalog (admins); each PUT names
 * its entry by the hqKey typed, and each field is named as the API names its problems (`windows[1].to`).
 */

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Whether any of a row's fields (`windows[0]`, `prices[1]`) holds something: a blank row is none. */
const filled = (values: Values, row: string, fields: string[]) =>
  fields.some((field) => (values[`${row}.${field}`] ?? '').trim() !== '');

const rowsOf = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}[${index}]`);

/** The fields of window `index`: its weekdays (checkboxes), and its times. */
const windowFields = (index: number, schedule?: HqSchedule): Field[] => {
  const number = index + 1;
  const window = schedule?.windows[index];
  return [
    {
      name: `windows[${index}].days`,
      label: h('scheduleForm.days', { number }),
      type: 'choices',
      options: WEEKDAYS.map((day) => ({ value: String(day), label: weekdayName(day) })),
      initial: window?.days.join(','),
    },
    { name: `windows[${index}].from`, label: h('scheduleForm.from', { number }), initial: window?.from },
    { name: `windows[${index}].to`, label: h('scheduleForm.to', { number }), initial: window?.to },
  ];
};

/**
 * A menu schedule: its name and weekly windows (weekdays, from, to; a `to` before `from` runs past midnight), new
 * or replacing the one with its key: `schedule` fills it to edit.
 */
export function ScheduleForm({
  session,
  catalog,
  schedule,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  catalog: Catalog;
  schedule?: HqSchedule;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [rows, setRows] = useState(Math.max(1, schedule?.windows.length ?? 0));
  const windowsOf = (values: Values) =>
    rowsOf(rows, 'windows')
      .filter((row) => filled(values, row, ['days', 'from', 'to']))
      .map((row) => ({
        days: WEEKDAYS.filter((day) => chosen(values[`${row}.days`]).includes(String(day))),
        from: values[`${row}.from`].trim(),
        to: values[`${row}.to`].trim(),
      }));
  return (
    <CreateForm
      id="hq-schedule"
      fields={[
        { name: 'name', label: h('scheduleForm.name'), initial: schedule?.name },
        keyField(h('scheduleForm.key'), schedule?.hqKey),
        ...Array.from({ length: rows }, (_, index) => windowFields(index, schedule)).flat(),
      ]}
      submitLabel={h('scheduleForm.save')}
      submit={(values) =>
        ok(
          session.api.PUT('/api/v1/hq/catalog/schedules/{hqKey}', {
            params: { path: { hqKey: keyOf(values.hqKey, values.name, catalog.schedules) } },
            body: { name: values.name, windows: windowsOf(values) },
          }),
        )
      }
      onSaved={onSaved}
    >
      <RowButtons
        rows={rows}
        setRows={setRows}
        more={h('scheduleForm.anotherWindow')}
        fewer={h('scheduleForm.fewerWindows')}
        onCancel={onCancel}
      />
    </CreateForm>
  );
}

/** The fields of price `index`: one of the catalog's variations ("Dish — Variation"), and its price on the level. */
const priceFields = (catalog: Catalog, index: number, level?: HqPriceLevel): Field[] => {
  const number = index + 1;
  const price = level?.prices[index];
  const currency = formats.settings.currency;
  const variations = catalog.dishes.flatMap((dish) =>
    dish.variations.map((variation) => ({
      value: variation.hqKey,
      label: entryName(catalog, 'variation', variation.hqKey),
    })),
  );
  return [
    {
      name: `prices[${index}].variationKey`,
      label: h('levelForm.variation', { number }),
      type: 'select',
      options: [{ value: '', label: h('levelForm.noVariation') }, ...variations],
      initial: price?.variationKey ?? '',
    },
    {
      name: `prices[${index}].price`,
      label: h('levelForm.price', { number, currency }),
      type: 'number',
      initial: price ? majorUnitsOf(price.price, currency) : undefined,
    },
  ];
};

/**
 * A price level: its name, the order types it prices, and its prices of the catalog's variations (the others keep
 * their list price), new or replacing the one with its key: `level` fills it to edit.
 */
export function PriceLevelForm({
  session,
  catalog,
  level,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  catalog: Catalog;
  level?: HqPriceLevel;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [rows, setRows] = useState(Math.max(2, level?.prices.length ?? 0));
  if (catalog.dishes.length === 0) return <p class="muted">{h('levelForm.needsDish')}</p>;
  const pricesOf = (values: Values) =>
    rowsOf(rows, 'prices')
      .filter((row) => filled(values, row, ['variationKey', 'price']))
      .map((row) => {
        const variationKey = values[`${row}.variationKey`];
        if (variationKey === '') refuseField(`${row}.variationKey`, h('keyRequired'));
        return { variationKey, price: priceOf(values[`${row}.price`], `${row}.price`) };
      });
  return (
    <CreateForm
      id="hq-price-level"
      fields={[
        { name: 'name', label: h('levelForm.name'), initial: level?.name },
        keyField(h('levelForm.key'), level?.hqKey),
        {
          name: 'orderTypes',
          label: h('levelForm.orderTypes'),
          type: 'choices',
          options: ORDER_TYPES.map((type) => ({ value: type, label: orderTypeName(type) })),
          initial: level?.orderTypes.join(','),
        },
        ...Array.from({ length: rows }, (_, index) => priceFields(catalog, index, level)).flat(),
      ]}
      submitLabel={h('levelForm.save')}
      submit={(values) =>
        ok(
          session.api.PUT('/api/v1/hq/catalog/price-levels/{hqKey}', {
            params: { path: { hqKey: keyOf(values.hqKey, values.name, catalog.priceLevels) } },
            body: {
              name: values.name,
              prices: pricesOf(values),
              orderTypes: chosen(values.orderTypes) as Array<(typeof ORDER_TYPES)[number]>,
            },
          }),
        )
      }
      onSaved={onSaved}
    >
      <RowButtons
        rows={rows}
        setRows={setRows}
        more={h('levelForm.anotherPrice')}
        fewer={h('levelForm.fewerPrices')}
        onCancel={onCancel}
      />
    </CreateForm>
  );
}
