import { EntityManager, In, IsNull, Not } from 'typeorm';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import type { ComboInput } from './dto/combo.inputs';
import { Dish, DishVariation } from './menu.entities';
import { chooseModifiers, ItemModifier, OfferedGroup } from './modifier-choices';

export const MAX_COMBO_SLOTS = 10;
export const MAX_SLOT_CHOICES = 50;
export const MAX_COMBO_CHOICES = 10;

/** One dish a slot offers, at one of its variations, for `upcharge` minor units more. */
export interface ComboChoice {
  dishId: string;
  variationId: string;
  upcharge: number;
}

export interface ComboSlot {
  name: string;
  minChoices: number;
  maxChoices: number;
  choices: ComboChoice[];
}

/** What makes a dish a combo: its slots, each filled with minChoices to maxChoices of its choices. */
export interface ComboDefinition {
  slots: ComboSlot[];
}

/**
 * A combo as written by an admin, checked against the live menu: each choice names a live dish that is not a combo
 * (nor the combo itself) and a live variation of it; each slot's minChoices is at most its maxChoices; and a dish
 * that is a choice of some combo does not become a combo. 422 naming every field at fault (`combo.slots[0]...`).
 */
export async function checkedCombo(
  manager: EntityManager,
  dishId: string | null,
  input: ComboInput,
): Promise<ComboDefinition> {
  const choices = input.slots.flatMap((slot) => slot.choices);
  const dishIds = [...new Set(choices.map((choice) => choice.dishId))];
  const dishes = new Map(
    (await manager.find(Dish, { where: { id: In(dishIds), deletedAt: IsNull() } })).map((d) => [d.id, d]),
  );
  const variations = new Map(
    (await manager.find(DishVariation, { where: { dishId: In(dishIds), deletedAt: IsNull() } })).map((v) => [
      v.id,
      v,
    ]),
  );
  const problems: FieldProblem[] = [];
  input.slots.forEach((slot, s) => {
    const field = `combo.slots[${s}]`;
    if (slot.minChoices > slot.maxChoices) {
      problems.push({ field: `${field}.minChoices`, message: 'must be at most maxChoices' });
    }
    slot.choices.forEach((choice, c) => {
      const dish = dishes.get(choice.dishId);
      const at = `${field}.choices[${c}]`;
      if (!dish) problems.push({ field: `${at}.dishId`, message: 'no such dish' });
      else if (dish.combo || dish.id === dishId) {
        problems.push({ field: `${at}.dishId`, message: 'is a combo: a combo cannot hold a combo' });
      } else if (variations.get(choice.variationId)?.dishId !== dish.id) {
        problems.push({ field: `${at}.variationId`, message: 'no such variation of this dish' });
      }
    });
  });
  if (dishId !== null) {
    const combos = await manager.find(Dish, { where: { combo: Not(IsNull()), deletedAt: IsNull() } });
    const holder = combos.find((combo) =>
      combo.combo?.slots.some((s) => s.choices.some((c) => c.dishId === dishId)),
    );
    if (holder) {
      problems.push({ field: 'combo', message: `the dish is a choice of the combo "${holder.name}"` });
    }
  }
  if (problems.length > 0) throw DomainError.validation(problems);
  return {
    slots: input.slots.map(({ name, minChoices, maxChoices, choices: offered }) => ({
      name,
      minChoices,
      maxChoices,
      choices: offered.map(({ dishId: id, variationId, upcharge }) => ({
        dishId: id,
        variationId,
        upcharge: upcharge ?? 0,
      })),
    })),
  };
}

/** What the menu in memory knows of a dish a combo offers. */
export interface ComboPart {
  dish: Dish;
  orderable: boolean;
  taxRateIds: readonly string[];
  variations: DishVariation[];
  groups: OfferedGroup[];
}

/** A choice that can be taken now: its dish and variation could be ordered alone. */
export interface OfferedChoice {
  choice: ComboChoice;
  part: ComboPart;
  variation: DishVariation;
}

export interface OfferedSlot {
  slot: ComboSlot;
  /** Only the choices available now. */
  choices: OfferedChoice[];
}

/** A combo's slots with the choices available now, or null when a slot can no longer reach its minChoices. */
export function offeredSlots(
  combo: ComboDefinition,
  parts: ReadonlyMap<string, ComboPart>,
): OfferedSlot[] | null {
  const slots = combo.slots.map((slot) => ({
    slot,
    choices: slot.choices.flatMap((choice) => {
      const part = parts.get(choice.dishId);
      const variation = part?.variations.find((candidate) => candidate.id === choice.variationId);
      const available = part?.orderable && !part.dish.combo && variation?.available && !variation.soldOut;
      return available ? [{ choice, part, variation }] : [];
    }),
  }));
  return slots.every(({ slot, choices }) => choices.length >= slot.minChoices) ? slots : null;
}

/** What one taken choice makes: an order item of its own, routed, taxed and counted as its dish. */
export interface ComponentOrderable {
  slot: number;
  slotName: string;
  dishId: string;
  variationId: string;
  name: string;
  variationName: string;
  stationId: string | null;
  prepMinutes: number;
  modifiers: ItemModifier[];
  taxRateIds: readonly string[];
  /** Its list price with its options: its weight when the combo's price is spread over the components. */
  listPrice: number;
  upcharge: number;
}

/** A choice an order line makes: a slot (its index) and one of its dishes, with that dish's options. */
export interface ComboChoiceLine {
  slot: number;
  dishId: string;
  variationId?: string;
  modifiers?: ReadonlyArray<{ optionId: string }>;
}

/**
 * An order line's choices against a combo's offered slots: each choice one of its slot's available choices (the
 * variation may be left out when the slot offers the dish once) with options that fit its dish, and each slot
 * filled with minChoices to maxChoices. Problems name `comboChoices`, `comboChoices[j]` or below.
 */
export function chooseComponents(
  slots: readonly OfferedSlot[],
  lines: readonly ComboChoiceLine[],
): { components: ComponentOrderable[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const counts = slots.map(() => 0);
  const components: ComponentOrderable[] = [];
  lines.forEach((line, j) => {
    const field = `comboChoices[${j}]`;
    const offered = slots[line.slot];
    if (!offered) return problems.push({ field: `${field}.slot`, message: 'no such slot of this combo' });
    counts[line.slot] += 1;
    const matches = offered.slot.choices.filter(
      (choice) =>
        choice.dishId === line.dishId && (!line.variationId || choice.variationId === line.variationId),
    );
    if (matches.length === 0) {
      return problems.push({ field, message: `is not a choice of the slot "${offered.slot.name}"` });
    }
    if (matches.length > 1) {
      return problems.push({
        field: `${field}.variationId`,
        message: 'is required: the slot offers several',
      });
    }
    const taken = offered.choices.find((candidate) => candidate.choice === matches[0]);
    if (!taken) return problems.push({ field, message: 'is not available' });
    const chosen = chooseModifiers(taken.part.groups, line.modifiers ?? []);
    if ('problems' in chosen) {
      for (const problem of chosen.problems)
        problems.push({ ...problem, field: `${field}.${problem.field}` });
      return;
    }
    const { dish } = taken.part;
    components.push({
      slot: line.slot,
      slotName: offered.slot.name,
      dishId: dish.id,
      variationId: taken.variation.id,
      name: dish.name,
      variationName: taken.variation.name,
      stationId: dish.stationId,
      prepMinutes: dish.prepMinutes,
      modifiers: chosen.modifiers,
      taxRateIds: taken.part.taxRateIds,
      listPrice: Math.max(0, taken.variation.price + sumDeltas(chosen.modifiers)),
      upcharge: taken.choice.upcharge,
    });
  });
  slots.forEach(({ slot }, s) => {
    if (counts[s] < slot.minChoices) {
      problems.push({ field: 'comboChoices', message: `"${slot.name}": choose at least ${slot.minChoices}` });
    } else if (counts[s] > slot.maxChoices) {
      problems.push({ field: 'comboChoices', message: `"${slot.name}": choose at most ${slot.maxChoices}` });
    }
  });
  if (lines.length === 0) problems.push({ field: 'comboChoices', message: 'choose at least one' });
  return problems.length > 0 ? { problems } : { components };
}

export const sumDeltas = (modifiers: readonly ItemModifier[]): number =>
  modifiers.reduce((sum, modifier) => sum + modifier.priceDelta, 0);
