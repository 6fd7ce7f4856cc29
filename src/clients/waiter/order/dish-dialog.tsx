import { useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { newKey } from '../../shared/api';
import type { LineDraft } from '../state/changes';
import { money } from '../state/floor';
import { type Dish, priceAt } from '../state/menu';
import { allergenNames } from '../../shared/allergen-names';

interface DishDialogProps {
  dish: Dish;
  guests: number;
  priceLevelId: string | null;
  /** The allergies of the guest attached to the order: a dish that contains one is warned of before it is added. */
  guestAllergens: readonly string[];
  onAdd: (line: LineDraft) => void;
  onCancel: () => void;
}

/** The service takes comments up to 500 characters: the kitchen reads the whole of it. */
const COMMENT_LENGTH = 500;
type Group = Dish['modifierGroups'][number];
type Slot = NonNullable<Dish['combo']>['slots'][number];
type ComboChoice = Slot['choices'][number];

const COURSES = [1, 2, 3];

/** Toggles `id` in a group's chosen options, keeping at most `max` (a single-choice group swaps). */
function toggle(chosen: readonly string[], id: string, max: number): string[] {
  if (chosen.includes(id)) return chosen.filter((kept) => kept !== id);
  if (max === 1) return [id];
  return chosen.length < max ? [...chosen, id] : [...chosen];
}

/**
 * One dish as the guest wants it: its variation, modifier options within each group's minimum and maximum, the
 * combo's choice per slot, quantity, seat, course and a comment for the kitchen.
 */
export function DishDialog({ dish, guests, priceLevelId, guestAllergens, onAdd, onCancel }: DishDialogProps) {
  const [variationId, setVariationId] = useState(dish.variations[0]?.id ?? '');
  const [options, setOptions] = useState<Record<string, string[]>>({});
  const [slots, setSlots] = useState<Record<number, ComboChoice[]>>({});
  const [quantity, setQuantity] = useState(1);
  const [seat, setSeat] = useState<number | null>(null);
  const [course, setCourse] = useState(1);
  const [comment, setComment] = useState('');

  const allergenHits = allergensHit(dish, guestAllergens);
  const variation = dish.variations.find((entry) => entry.id === variationId) ?? dish.variations[0];
  const groups = dish.modifierGroups;
  const comboSlots = dish.combo?.slots ?? [];
  const chosenOptions = groups.flatMap((group) =>
    group.options.filter((option) => options[group.id]?.includes(option.id)),
  );
  const chosenChoices = comboSlots.flatMap((_, index) => slots[index] ?? []);
  const unitPrice =
    priceAt(variation, priceLevelId) +
    chosenOptions.reduce((sum, option) => sum + option.priceDelta, 0) +
    chosenChoices.reduce((sum, choice) => sum + choice.upcharge, 0);
  const missing = [
    ...groups
      .filter((group) => (options[group.id]?.length ?? 0) < group.minChoices)
      .map((group) => group.name),
    ...comboSlots
      .filter((slot, index) => (slots[index]?.length ?? 0) < slot.minChoices)
      .map((slot) => slot.name),
  ];

  const add = () => {
    const variationName = dish.variations.length > 1 ? ` (${variation.name})` : '';
    const extras = [
      ...chosenOptions.map((option) => option.name),
      ...chosenChoices.map((choice) => choice.name),
    ];
    onAdd({
      label: `${quantity} × ${dish.name}${variationName}${extras.length ? ` · ${extras.join(', ')}` : ''}`,
      unitPrice,
      item: {
        id: newKey(),
        dishId: dish.id,
        variationId: variation.id,
        quantity,
        course,
        hold: false,
        ...(seat ? { seat } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        modifiers: chosenOptions.map((option) => ({ optionId: option.id })),
        ...(comboSlots.length
          ? {
              comboChoices: comboSlots.flatMap((_, index) =>
                (slots[index] ?? []).map((choice) => ({
                  slot: index,
                  dishId: choice.dishId,
                  variationId: choice.variationId,
                  modifiers: [],
                })),
              ),
            }
          : {}),
      },
    });
  };

  return (
    <div class="modal" role="dialog" aria-label={dish.name}>
      <div class="modal-body dish-dialog">
        <h2>{dish.name}</h2>
        {dish.allergens.length > 0 && (
          <p class="allergens">{t('waiter.dish.contains', { allergens: allergenNames(dish.allergens) })}</p>
        )}
        {allergenHits.length > 0 && (
          <p class="allergy-warning" role="alert">
            {t('waiter.allergy.warning', { dish: dish.name, allergens: allergenNames(allergenHits) })}
          </p>
        )}
        {dish.variations.length > 1 && (
          <fieldset>
            <legend>{t('waiter.dish.size')}</legend>
            {dish.variations.map((entry) => (
              <button
                key={entry.id}
                class={entry.id === variation.id ? 'chosen' : ''}
                onClick={() => setVariationId(entry.id)}
              >
                {entry.name} · {money(priceAt(entry, priceLevelId))}
              </button>
            ))}
          </fieldset>
        )}
        {groups.map((group: Group) => (
          <fieldset key={group.id} data-group={group.name}>
            <legend>
              {group.name} <small>{rangeOf(group.minChoices, group.maxChoices)}</small>
            </legend>
            {group.options
              .filter((option) => option.available)
              .map((option) => (
                <button
                  key={option.id}
                  class={options[group.id]?.includes(option.id) ? 'chosen' : ''}
                  onClick={() =>
                    setOptions((chosen) => ({
                      ...chosen,
                      [group.id]: toggle(chosen[group.id] ?? [], option.id, group.maxChoices),
                    }))
                  }
                >
                  {option.name}
                  {option.priceDelta !== 0 &&
                    ` ${option.priceDelta > 0 ? '+' : ''}${money(option.priceDelta)}`}
                </button>
              ))}
          </fieldset>
        ))}
        {comboSlots.map((slot, index) => (
          <fieldset key={slot.name} data-slot={slot.name}>
            <legend>
              {slot.name} <small>{rangeOf(slot.minChoices, slot.maxChoices)}</small>
            </legend>
            {slot.choices.map((choice) => {
              const chosen = slots[index] ?? [];
              const id = `${choice.dishId}:${choice.variationId}`;
              const picked = chosen.some((entry) => `${entry.dishId}:${entry.variationId}` === id);
              return (
                <button
                  key={id}
                  class={picked ? 'chosen' : ''}
                  onClick={() =>
                    setSlots((all) => {
                      const ids = toggle(
                        chosen.map((entry) => `${entry.dishId}:${entry.variationId}`),
                        id,
                        slot.maxChoices,
                      );
                      return {
                        ...all,
                        [index]: slot.choices.filter((entry) =>
                          ids.includes(`${entry.dishId}:${entry.variationId}`),
                        ),
                      };
                    })
                  }
                >
                  {choice.name}
                  {choice.upcharge > 0 && ` +${money(choice.upcharge)}`}
                </button>
              );
            })}
          </fieldset>
        ))}
        <div class="line-options">
          <label>
            {t('waiter.dish.quantity')}
            <button
              onClick={() => setQuantity((count) => Math.max(1, count - 1))}
              aria-label={t('waiter.dish.oneLess')}
            >
              −
            </button>
            <output aria-label={t('waiter.dish.quantity')}>{quantity}</output>
            <button
              onClick={() => setQuantity((count) => Math.min(99, count + 1))}
              aria-label={t('waiter.dish.oneMore')}
            >
              +
            </button>
          </label>
          <label>
            {t('waiter.dish.seat')}
            <select
              value={seat ?? ''}
              onChange={(event) =>
                setSeat(event.currentTarget.value ? Number(event.currentTarget.value) : null)
              }
            >
              <option value="">{t('waiter.dish.table')}</option>
              {Array.from({ length: guests }, (_, index) => (
                <option key={index} value={index + 1}>
                  {t('waiter.dish.seatNumber', { seat: index + 1 })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('waiter.dish.course')}
            <select value={course} onChange={(event) => setCourse(Number(event.currentTarget.value))}>
              {COURSES.map((entry) => (
                <option key={entry} value={entry}>
                  {t('waiter.dish.courseNumber', { course: entry })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <input
          class="comment-input"
          placeholder={t('waiter.dish.commentHint')}
          value={comment}
          maxLength={COMMENT_LENGTH}
          onInput={(event) => setComment(event.currentTarget.value)}
          aria-label={t('waiter.dish.comment')}
        />
        {missing.length > 0 && (
          <p class="message">{t('waiter.dish.choose', { names: missing.join(', ') })}</p>
        )}
        <div class="actions">
          <button class="link" onClick={onCancel}>
            {t('waiter.dish.cancel')}
          </button>
          <button class="primary" disabled={missing.length > 0} onClick={add}>
            {allergenHits.length > 0 ? t('waiter.allergy.addAnyway') : t('waiter.dish.add')} ·{' '}
            {money(unitPrice * quantity)}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The guest's allergies that `dish` contains. */
export function allergensHit(dish: Dish, guestAllergens: readonly string[]): string[] {
  return dish.allergens.filter((code) => guestAllergens.includes(code));
}

function rangeOf(min: number, max: number): string {
  if (min === max) return t('waiter.dish.chooseExactly', { count: min });
  return min === 0 ? t('waiter.dish.upTo', { max }) : t('waiter.dish.between', { min, max });
}
