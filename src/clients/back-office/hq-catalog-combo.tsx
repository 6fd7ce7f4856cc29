import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, type Schemas } from '../shared/api';
import {
  chosen,
  type Field,
  majorUnitsOf,
  minorUnitsOf,
  refuseField,
  type Values,
  wholeNumber,
} from './forms';
import { type Catalog, delta, h, type HqDish } from './hq-catalog-parts';

/**
 * A master-catalog dish's combo (docs/combos.md), as the site's own back office has it (combo-slots.tsx): slots,
 * each with a name, how many of its choices a guest takes at least and at most, and its choices (the catalog's
 * other plain dishes, a variation each, through the same picker), each with its upcharge. The fields are the dish
 * form's own, so each refusal of the API shows beside its field.
 */

type Combo = Schemas['HqComboView'];
type ComboInput = Schemas['HqComboInput'];

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);
const c = (key: string, values?: Record<string, unknown>) => h(`combo.${key}`, values);

/** A choice's value in a slot's picker: the dish's key and its variation's. */
const choiceValue = (choice: { dishKey: string; variationKey: string }) =>
  `${choice.dishKey}/${choice.variationKey}`;
const slotField = (index: number, field: string) => `combo.slots[${index}].${field}`;
/** A chosen choice's upcharge field, named by the choice so that it stays with it when another is removed. */
const upchargeField = (index: number, value: string) => slotField(index, `upcharge:${value}`);

/** Whether the form makes a combo: its checkbox, or (before it is touched) whether the dish edited is one. */
const isOn = (values: Values, dish?: HqDish) => (values.combo ?? (dish?.combo ? 'true' : '')) === 'true';

/**
 * A choice as the list and the picker name it: the dish, and its variation when it has more than one
 * ("Margherita Large", "Cola").
 */
function choiceName(catalog: Catalog, dishKey: string, variationKey: string, key = 'choice'): string {
  const dish = catalog.dishes.find((each) => each.hqKey === dishKey);
  const variation = dish?.variations.find((each) => each.hqKey === variationKey);
  if (!dish || !variation) return `${dishKey} ${variationKey}`;
  return dish.variations.length > 1
    ? key === 'choice'
      ? c('choice', { dish: dish.name, variation: variation.name })
      : m('choiceOf', { dish: dish.name, variation: variation.name })
    : dish.name;
}

/** A combo as a line: "Pizza: Margherita Regular, Margherita Large +€2.50 · Drink: Cola, Lemonade +€0.50". */
export function comboText(catalog: Catalog, combo: Combo, currency?: string): string {
  return combo.slots
    .map((slot) =>
      c('slot', {
        name: slot.name,
        choices: slot.choices
          .map((choice) => {
            const name = choiceName(catalog, choice.dishKey, choice.variationKey);
            return choice.upcharge === 0 ? name : `${name} ${delta(choice.upcharge, currency)}`;
          })
          .join(', '),
      }),
    )
    .join(' · ');
}

/**
 * The combo section of the dish form: its checkbox (off for a new dish), then, once on, `slots` slots of fields,
 * the buttons adding or removing one after the last. `hqKey` is the dish's own: it is no choice of itself.
 */
export function comboFields(
  catalog: Catalog,
  values: Values,
  slots: number,
  setSlots: (slots: number) => void,
  dish?: HqDish,
): Field[] {
  const on = isOn(values, dish);
  const self = (values.hqKey ?? dish?.hqKey ?? '').trim();
  const currency = formats.settings.currency;
  // Combos do not nest: the choices are the other plain dishes, one option per variation.
  const options = catalog.dishes
    .filter((each) => each.combo === null && each.hqKey !== self)
    .flatMap((each) =>
      each.variations.map((variation) => ({
        value: choiceValue({ dishKey: each.hqKey, variationKey: variation.hqKey }),
        label: choiceName(catalog, each.hqKey, variation.hqKey, 'choiceOf'),
      })),
    );
  const toggle: Field = {
    name: 'combo',
    label: c('isCombo'),
    type: 'checkbox',
    initial: dish?.combo ? 'true' : '',
    before: <h3 class="form-section">{c('heading')}</h3>,
  };
  if (!on) return [toggle];
  const fields = Array.from({ length: slots }, (_, index): Field[] => {
    const number = index + 1;
    const slot = dish?.combo?.slots[index];
    const picked = chosen(values[slotField(index, 'choices')] ?? '');
    return [
      {
        name: slotField(index, 'name'),
        label: c('slotName', { number }),
        initial: slot?.name,
        // Each slot on lines of its own.
        before: <div class="form-break" />,
      },
      {
        name: slotField(index, 'minChoices'),
        label: c('minChoices', { number }),
        type: 'number',
        initial: String(slot?.minChoices ?? 1),
      },
      {
        name: slotField(index, 'maxChoices'),
        label: c('maxChoices', { number }),
        type: 'number',
        initial: String(slot?.maxChoices ?? 1),
      },
      {
        name: slotField(index, 'choices'),
        label: c('choices', { number }),
        type: 'pick',
        options,
        initial: slot?.choices.map(choiceValue).join(',') ?? '',
      },
      ...picked.map((value): Field => {
        const [dishKey, variationKey] = value.split('/');
        const before = slot?.choices.find((choice) => choiceValue(choice) === value);
        return {
          name: upchargeField(index, value),
          label: c('upcharge', {
            number,
            choice: choiceName(catalog, dishKey, variationKey, 'choiceOf'),
            currency,
          }),
          type: 'number',
          initial: majorUnitsOf(before?.upcharge ?? 0, currency),
        };
      }),
    ];
  }).flat();
  const last = fields[fields.length - 1];
  fields[fields.length - 1] = {
    ...last,
    after: (
      <div class="form-extra">
        <button type="button" onClick={() => setSlots(slots + 1)}>
          {c('anotherSlot')}
        </button>
        {slots > 1 && (
          <button type="button" onClick={() => setSlots(slots - 1)}>
            {c('fewerSlots')}
          </button>
        )}
      </div>
    ),
  };
  return [toggle, ...fields];
}

/** The combo the form's values make, as the API takes it: null when the checkbox is off (a plain dish). */
export function comboOf(values: Values, slots: number, dish?: HqDish): ComboInput | null {
  if (!isOn(values, dish)) return null;
  return {
    slots: Array.from({ length: slots }, (_, index) => ({
      name: values[slotField(index, 'name')] ?? '',
      minChoices: wholeNumber(values[slotField(index, 'minChoices')] ?? ''),
      maxChoices: wholeNumber(values[slotField(index, 'maxChoices')] ?? ''),
      choices: chosen(values[slotField(index, 'choices')] ?? '').map((value) => {
        const [dishKey, variationKey] = value.split('/');
        const field = upchargeField(index, value);
        const typed = (values[field] ?? '').trim();
        const upcharge = typed === '' ? 0 : minorUnitsOf(typed, formats.settings.currency);
        if (Number.isNaN(upcharge)) refuseField(field, t('backOffice.form.notAmount'));
        return { dishKey, variationKey, upcharge };
      }),
    })),
  };
}

/**
 * The API names a choice's problem by its place in the slot (`combo.slots[0].choices[1].dishKey`): renamed to the
 * field it shows beside, its slot's picker (its dish or variation) or its own upcharge field.
 */
export function asComboFields(values: Values, request: Promise<unknown>): Promise<unknown> {
  return request.catch((error: unknown) => {
    if (!(error instanceof ApiError) || !Array.isArray(error.problem.details)) throw error;
    const details = (error.problem.details as Array<{ field?: unknown; message?: unknown }>).map((detail) => {
      const match =
        typeof detail.field === 'string' &&
        /^combo\.slots\[(\d+)\]\.choices\[(\d+)\]\.(\w+)$/.exec(detail.field);
      if (!match) return detail;
      const index = Number(match[1]);
      const value = chosen(values[slotField(index, 'choices')] ?? '')[Number(match[2])];
      const field =
        match[3] === 'upcharge' && value ? upchargeField(index, value) : slotField(index, 'choices');
      return { ...detail, field };
    });
    throw new ApiError(error.status, { ...error.problem, details }, error.retryAfterSeconds);
  });
}
