import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import { CreateForm, type Field, minorUnitsOf, refuseField, Rows, useList, type Values } from './forms';
import { checkedIds, optionsOf } from './menu-catalog';
import type { PartProps } from './menu-parts';

/** The menu screen's tabs for combos, schedules (dayparts), price levels and price rules. */

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const ORDER_TYPES = ['dine_in', 'takeaway', 'delivery'] as const;
type OrderType = (typeof ORDER_TYPES)[number];

function amountOf(typed: string, field: string): number {
  const minor = minorUnitsOf(typed, formats.settings.currency);
  if (Number.isNaN(minor)) refuseField(field, t('backOffice.form.notAmount'));
  return minor;
}

const orderTypeFields = (): Field[] =>
  ORDER_TYPES.map((type) => ({
    name: `orderType:${type}`,
    label: m(`orderTypes.${type}`),
    type: 'checkbox',
    initial: 'true',
  }));

const orderTypesOf = (values: Values) => checkedIds(values, 'orderType') as OrderType[];

/** Combos: a dish whose slot offers other dishes (at their first variation); made here with one slot. */
export function CombosPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  const combos = catalog.dishes.filter((dish) => dish.combo !== null);
  const plain = catalog.dishes.filter((dish) => dish.combo === null);
  const dishName = new Map(catalog.dishes.map((dish) => [dish.id, dish.name]));
  const currency = formats.settings.currency;
  const create = (values: Values) => {
    const price = amountOf(values.price, 'price');
    const choices = [values.firstChoice, values.secondChoice]
      .filter((id) => id !== '')
      .map((dishId) => ({
        dishId,
        variationId: plain.find((dish) => dish.id === dishId)?.variations[0]?.id ?? '',
      }));
    return ok(
      session.api.POST('/api/v1/dishes', {
        body: {
          name: values.name,
          categoryId: values.categoryId,
          price,
          combo: { slots: [{ name: values.slotName, minChoices: 1, maxChoices: 1, choices }] },
        },
      }),
    );
  };
  const dishOptions = [{ value: '', label: m('noChoice') }, ...optionsOf(plain)];
  return (
    <>
      <Rows
        label={m('combos')}
        problem=""
        rows={combos.map((combo) =>
          m('comboRow', {
            name: combo.name,
            slots: combo
              .combo!.slots.map(
                (slot) =>
                  `${slot.name}: ${slot.choices.map((choice) => dishName.get(choice.dishId)).join(', ')}`,
              )
              .join('; '),
          }),
        )}
      />
      {canEdit && (
        <CreateForm
          id="new-combo"
          submitLabel={m('addCombo')}
          fields={[
            { name: 'name', label: m('comboName') },
            {
              name: 'categoryId',
              label: m('category'),
              type: 'select',
              options: optionsOf(catalog.categories),
            },
            { name: 'price', label: m('price', { currency }), type: 'number' },
            { name: 'slotName', label: m('slotName') },
            { name: 'firstChoice', label: m('firstChoice'), type: 'select', options: dishOptions },
            { name: 'secondChoice', label: m('secondChoice'), type: 'select', options: dishOptions },
          ]}
          submit={create}
          onSaved={onChanged}
        />
      )}
    </>
  );
}

/** Schedules: named windows of weekdays and times in which a category, a dish or a price rule is on. */
export function SchedulesPanel({ session, catalog, canEdit, onChanged }: PartProps) {
  const dayName = (day: number) => m(`weekdays.${day}`);
  const create = (values: Values) =>
    ok(
      session.api.POST('/api/v1/menu-schedules', {
        body: {
          name: values.name,
          windows: [
            {
              days: WEEKDAYS.filter((day) => values[`day:${day}`] === 'true'),
              from: values.from,
              to: values.to,
            },
          ],
        },
      }),
    );
  return (
    <>
      <Rows
        label={m('schedules')}
        problem=""
        rows={catalog.schedules.map((schedule) =>
          m('scheduleRow', {
            name: schedule.name,
            windows: schedule.windows
              .map((window) => `${window.days.map(dayName).join(', ')} ${window.from}–${window.to}`)
              .join('; '),
          }),
        )}
      />
      {canEdit && (
        <CreateForm
          id="new-schedule"
          submitLabel={m('addSchedule')}
          fields={[
            { name: 'name', label: m('scheduleName') },
            ...WEEKDAYS.map((day): Field => ({ name: `day:${day}`, label: dayName(day), type: 'checkbox' })),
            { name: 'from', label: m('from'), initial: '11:00' },
            { name: 'to', label: m('to'), initial: '14:00' },
          ]}
          submit={create}
          onSaved={onChanged}
        />
      )}
    </>
  );
}

/** Price levels (an admin's): a list price per variation for some order types or areas; made here empty. */
export function PriceLevelsPanel({ session }: PartProps) {
  const levels = useList(() =>
    ok(session.api.GET('/api/v1/price-levels', { params: { query: { perPage: 100 } } })),
  );
  const orderTypeNames = (types: string[]) => types.map((type) => m(`orderTypes.${type}`)).join(', ');
  return (
    <>
      <Rows
        label={m('priceLevels')}
        problem={levels.problem}
        rows={
          levels.items?.map((level: Schemas['PriceLevelView']) =>
            m('levelRow', {
              name: level.name,
              count: level.prices.length,
              orderTypes: orderTypeNames(level.orderTypes),
            }),
          ) ?? null
        }
      />
      <CreateForm
        id="new-price-level"
        submitLabel={m('addPriceLevel')}
        fields={[{ name: 'name', label: m('levelName') }, ...orderTypeFields()]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/price-levels', {
              body: { name: values.name, prices: [], orderTypes: orderTypesOf(values) },
            }),
          )
        }
        onSaved={levels.reload}
      />
    </>
  );
}

/** Price rules (an admin's): a percentage off or a fixed price for a category while a schedule is on. */
export function PriceRulesPanel({ session, catalog }: PartProps) {
  const rules = useList(() =>
    ok(session.api.GET('/api/v1/price-rules', { params: { query: { perPage: 100 } } })),
  );
  const scheduleName = new Map(catalog.schedules.map((schedule) => [schedule.id, schedule.name]));
  const categoryName = new Map(catalog.categories.map((category) => [category.id, category.name]));
  const currency = formats.settings.currency;
  const valueText = (rule: Schemas['PriceRuleView']) =>
    rule.kind === 'percent_off' ? formats.percent(rule.value) : formats.money(rule.value);
  const create = (values: Values) => {
    const kind = values.kind as Schemas['PriceRuleView']['kind'];
    const common = {
      name: values.name,
      scheduleId: values.scheduleId,
      categoryId: values.categoryId,
      orderTypes: orderTypesOf(values),
    };
    const typed = values.value.trim().replace(',', '.');
    return ok(
      session.api.POST('/api/v1/price-rules', {
        body:
          kind === 'percent_off'
            ? { ...common, kind, value: typed === '' ? Number.NaN : Number(typed) }
            : { ...common, kind, value: amountOf(values.value, 'value') },
      }),
    );
  };
  return (
    <>
      <Rows
        label={m('priceRules')}
        problem={rules.problem}
        rows={
          rules.items?.map((rule) =>
            m('ruleRow', {
              name: rule.name,
              value: valueText(rule),
              kind: m(`kinds.${rule.kind}`),
              target: categoryName.get(rule.categoryId ?? '') ?? '',
              schedule: scheduleName.get(rule.scheduleId) ?? '',
            }),
          ) ?? null
        }
      />
      <CreateForm
        id="new-price-rule"
        submitLabel={m('addPriceRule')}
        fields={[
          { name: 'name', label: m('ruleName') },
          { name: 'scheduleId', label: m('schedule'), type: 'select', options: optionsOf(catalog.schedules) },
          {
            name: 'categoryId',
            label: m('category'),
            type: 'select',
            options: optionsOf(catalog.categories),
          },
          {
            name: 'kind',
            label: m('kind'),
            type: 'select',
            options: (['percent_off', 'fixed_price'] as const).map((kind) => ({
              value: kind,
              label: m(`kinds.${kind}`),
            })),
          },
          { name: 'value', label: m('ruleValue', { currency }), type: 'number' },
          ...orderTypeFields(),
        ]}
        submit={create}
        onSaved={rules.reload}
      />
    </>
  );
}
