import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { chosen, CreateForm, type Field, Hint, type Values, wholeNumber } from './forms';
import { MoveButtons } from './row-actions';
import type { MenuCatalog } from './menu-catalog';
import { useAttempt } from './screen-parts';

type Dish = Schemas['DishView'];
type Slot = Schemas['ComboSlotView'];
type SlotInput = Schemas['ComboSlotInput'];

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

/** A slot as the API takes it back: every choice as it was, upcharges kept. */
const inputOf = (slot: Slot): SlotInput => ({
  name: slot.name,
  minChoices: slot.minChoices,
  maxChoices: slot.maxChoices,
  choices: slot.choices.map(({ dishId, variationId, upcharge }) => ({ dishId, variationId, upcharge })),
});

/** A choice's value in the slot form's picker: the dish and its variation. */
const choiceValue = (choice: { dishId: string; variationId: string }) =>
  `${choice.dishId}/${choice.variationId}`;

/**
 * The API names a slot's fields by their place in the whole combo (`combo.slots[1].name`, and a choice's as
 * `combo.slots[1].choices[0].dishId`): renamed to the slot form's own, so each shows beside its field.
 */
function asSlotFields(index: number, request: Promise<unknown>): Promise<unknown> {
  const prefix = `combo.slots[${index}].`;
  return request.catch((error: unknown) => {
    if (!(error instanceof ApiError) || !Array.isArray(error.problem.details)) throw error;
    const details = (error.problem.details as Array<{ field?: unknown; message?: unknown }>).map((detail) => {
      if (typeof detail.field !== 'string' || !detail.field.startsWith(prefix)) return detail;
      const field = detail.field.slice(prefix.length);
      return { ...detail, field: field.startsWith('choices') ? 'choices' : field };
    });
    throw new ApiError(error.status, { ...error.problem, details }, error.retryAfterSeconds);
  });
}

/**
 * A dish's combo slots (docs/combos.md): added, edited, reordered and removed, each change saving the combo whole.
 * A dish with a slot is a combo; removing its last slot makes it plain again.
 */
export function ComboSlots({
  session,
  dish,
  catalog,
  onChanged,
}: {
  session: StaffSession;
  dish: Dish;
  catalog: MenuCatalog;
  onChanged: () => void;
}) {
  const { problem, attempt } = useAttempt();
  const slots = dish.combo?.slots.map(inputOf) ?? [];
  const save = (next: SlotInput[]) =>
    ok(
      session.api.PATCH('/api/v1/dishes/{id}', {
        params: { path: { id: dish.id } },
        body: { combo: next.length === 0 ? null : { slots: next } },
      }),
    );
  // Combos do not nest: the choices are the other plain dishes, one option per variation.
  const choiceOptions = catalog.dishes
    .filter((each) => each.combo === null && each.id !== dish.id)
    .flatMap((each) =>
      each.variations.map((variation) => ({
        value: choiceValue({ dishId: each.id, variationId: variation.id }),
        label:
          each.variations.length > 1
            ? m('choiceOf', { dish: each.name, variation: variation.name })
            : each.name,
      })),
    );
  // A slot's upcharges (set through the API, kept as they are) show beside its chosen choices.
  const optionsOf = (slot?: SlotInput) => {
    const upcharges = new Map(slot?.choices.map((choice) => [choiceValue(choice), choice.upcharge]));
    return choiceOptions.map((option) => ({
      ...option,
      note: formats.moneyDelta(upcharges.get(option.value) ?? 0),
    }));
  };
  const fields = (slot?: SlotInput): Field[] => [
    { name: 'name', label: m('slotName'), initial: slot?.name },
    { name: 'minChoices', label: m('minChoices'), type: 'number', initial: String(slot?.minChoices ?? 1) },
    { name: 'maxChoices', label: m('maxChoices'), type: 'number', initial: String(slot?.maxChoices ?? 1) },
    {
      name: 'choices',
      label: m('choices'),
      type: 'pick',
      options: optionsOf(slot),
      initial: slot?.choices.map(choiceValue).join(',') ?? '',
    },
  ];
  const slotOf = (values: Values, before?: SlotInput): SlotInput => ({
    name: values.name,
    minChoices: wholeNumber(values.minChoices),
    maxChoices: wholeNumber(values.maxChoices),
    choices: chosen(values.choices).map((value) => {
      const [dishId, variationId] = value.split('/');
      const kept = before?.choices.find((choice) => choiceValue(choice) === value);
      return { dishId, variationId, upcharge: kept?.upcharge ?? 0 };
    }),
  });
  const replaced = (index: number, slot: SlotInput) => slots.map((each, at) => (at === index ? slot : each));
  const move = (index: number, by: -1 | 1) => {
    const order = [...slots];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    attempt(save(order), onChanged);
  };
  return (
    <section class="combo-slots" aria-labelledby="combo-slots-title">
      <h3 id="combo-slots-title">{m('comboSlots')}</h3>
      <Hint text={m(slots.length === 0 ? 'noSlots' : 'slotsHint')} />
      <p class="problem" role="alert">
        {problem}
      </p>
      <ol class="slots" aria-label={m('comboSlots')}>
        {slots.map((slot, index) => (
          <li key={`${index}-${slot.name}`} class="combo-slot">
            <CreateForm
              id={`slot-${index}`}
              keepValues
              submitLabel={m('saveSlot')}
              fields={fields(slot)}
              submit={(values) => asSlotFields(index, save(replaced(index, slotOf(values, slot))))}
              onSaved={onChanged}
            />
            <MoveButtons
              up={m('moveUp', { name: slot.name })}
              down={m('moveDown', { name: slot.name })}
              index={index}
              count={slots.length}
              onMove={(by) => move(index, by)}
            />
            <button
              type="button"
              aria-label={m('removeSlotOf', { name: slot.name })}
              onClick={() => attempt(save(slots.filter((_, at) => at !== index)), onChanged)}
            >
              {m('removeSlot')}
            </button>
          </li>
        ))}
      </ol>
      <div class="combo-slot">
        <CreateForm
          id="new-slot"
          submitLabel={m('addSlot')}
          fields={fields()}
          submit={(values) => asSlotFields(slots.length, save([...slots, slotOf(values)]))}
          onSaved={onChanged}
        />
      </div>
    </section>
  );
}
