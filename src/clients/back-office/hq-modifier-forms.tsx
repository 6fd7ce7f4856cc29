import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, type Field, majorUnitsOf, refuseField, type Values, wholeNumber } from './forms';
import { CancelEdit, keyField, keyOf, RowButtons } from './hq-catalog-forms';
import { rowKeys } from './hq-keys';
import {
  type Catalog,
  h,
  type HqModifierGroup,
  type HqTaxMapping,
  percentOf,
  signedMinorUnitsOf,
} from './hq-catalog-parts';

/**
 * The forms that add or replace a modifier group with its options, and a tax mapping, of the master catalog
 * (admins); each PUT names its entry by the hqKey typed.
 */

/** The fields of option `index`, named as the API names their problems (`options[0].priceDelta`). */
const optionFields = (index: number, group?: HqModifierGroup): Field[] => {
  const number = index + 1;
  const option = group?.options[index];
  const currency = formats.settings.currency;
  return [
    {
      name: `options[${index}].hqKey`,
      label: h('groupForm.optionKey', { number }),
      initial: option?.hqKey,
      note: h('keyMade'),
    },
    { name: `options[${index}].name`, label: h('groupForm.optionName', { number }), initial: option?.name },
    {
      name: `options[${index}].priceDelta`,
      label: h('groupForm.optionDelta', { number, currency }),
      type: 'number',
      initial: option ? majorUnitsOf(option.priceDelta, currency) : undefined,
    },
    {
      name: `options[${index}].available`,
      label: h('groupForm.optionAvailable', { number }),
      type: 'checkbox',
      initial: option?.available === false ? '' : 'true',
    },
  ];
};

/** A typed price change (blank: none) as signed minor units of headquarters' currency, or its refusal. */
function deltaOf(typed: string, field: string): number {
  if (typed.trim() === '') return 0;
  const minor = signedMinorUnitsOf(typed, formats.settings.currency);
  if (Number.isNaN(minor)) refuseField(field, t('backOffice.form.notAmount'));
  return minor;
}

/**
 * The options typed, in order; a row whose key, name and price change are blank is no option. An option without a
 * key gets one made of the group's key and its name ("toppings.extra-cheese") that no other group's option has.
 */
function optionsOf(values: Values, rows: number, groupKey: string, catalog: Catalog) {
  const typed = Array.from({ length: rows }, (_, index) => `options[${index}]`)
    .filter((row) =>
      ['hqKey', 'name', 'priceDelta'].some((field) => (values[`${row}.${field}`] ?? '').trim() !== ''),
    )
    .map((row) => ({
      hqKey: values[`${row}.hqKey`].trim(),
      name: values[`${row}.name`],
      priceDelta: deltaOf(values[`${row}.priceDelta`], `${row}.priceDelta`),
      available: values[`${row}.available`] === 'true',
    }));
  const othersKeys = catalog.modifierGroups
    .filter((group) => group.hqKey !== groupKey)
    .flatMap((group) => group.options.map((option) => option.hqKey));
  const keys = rowKeys(typed, othersKeys, `${groupKey}.`);
  return typed.map((option, index) => ({ ...option, hqKey: keys[index] }));
}

/**
 * A modifier group with how many options a guest chooses and its options (hqKey, name, price change, on sale
 * each) in menu order, new or replacing the one with its key: `group` fills it to edit.
 */
export function ModifierGroupForm({
  session,
  catalog,
  group,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  catalog: Catalog;
  group?: HqModifierGroup;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [rows, setRows] = useState(Math.max(2, group?.options.length ?? 0));
  const fields: Field[] = [
    { name: 'name', label: h('groupForm.name'), initial: group?.name },
    keyField(h('groupForm.key'), group?.hqKey),
    {
      name: 'minChoices',
      label: h('groupForm.minChoices'),
      type: 'number',
      initial: String(group?.minChoices ?? 0),
    },
    {
      name: 'maxChoices',
      label: h('groupForm.maxChoices'),
      type: 'number',
      initial: String(group?.maxChoices ?? 1),
    },
    ...Array.from({ length: rows }, (_, index) => optionFields(index, group)).flat(),
  ];
  return (
    <CreateForm
      id="hq-modifier-group"
      fields={fields}
      submitLabel={h('groupForm.save')}
      submit={(values) => {
        const hqKey = keyOf(values.hqKey, values.name, catalog.modifierGroups);
        return ok(
          session.api.PUT('/api/v1/hq/catalog/modifier-groups/{hqKey}', {
            params: { path: { hqKey } },
            body: {
              name: values.name,
              minChoices: wholeNumber(values.minChoices),
              maxChoices: wholeNumber(values.maxChoices),
              options: optionsOf(values, rows, hqKey, catalog),
            },
          }),
        );
      }}
      onSaved={onSaved}
    >
      <RowButtons
        rows={rows}
        setRows={setRows}
        more={h('groupForm.anotherOption')}
        fewer={h('groupForm.fewerOptions')}
        onCancel={onCancel}
      />
    </CreateForm>
  );
}

/** A tax mapping: a named percent every site keeps as a tax rate of its own; `mapping` fills it to edit. */
export function TaxMappingForm({
  session,
  catalog,
  mapping,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  catalog: Catalog;
  mapping?: HqTaxMapping;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  return (
    <CreateForm
      id="hq-tax-mapping"
      fields={[
        { name: 'name', label: h('taxForm.name'), initial: mapping?.name },
        keyField(h('taxForm.key'), mapping?.hqKey),
        {
          name: 'percent',
          label: h('taxForm.percent'),
          type: 'number',
          initial: mapping ? String(mapping.percent) : undefined,
        },
      ]}
      submitLabel={h('taxForm.save')}
      submit={(values) =>
        ok(
          session.api.PUT('/api/v1/hq/catalog/tax-mappings/{hqKey}', {
            params: { path: { hqKey: keyOf(values.hqKey, values.name, catalog.taxRates) } },
            body: { name: values.name, percent: percentOf(values.percent, 'percent') },
          }),
        )
      }
      onSaved={onSaved}
    >
      <CancelEdit onCancel={onCancel} />
    </CreateForm>
  );
}
