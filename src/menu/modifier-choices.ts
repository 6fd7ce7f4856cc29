import type { ModifierGroup, ModifierOption } from './menu.entities';

/** An option chosen for an order item, as the item keeps it: copied, so later menu edits leave it as it was. */
export interface ItemModifier {
  optionId: string;
  groupName: string;
  name: string;
  priceDelta: number;
}

/** A group as a dish offers it, with all its options (available or not) in menu order. */
export interface OfferedGroup {
  group: ModifierGroup;
  options: ModifierOption[];
}

/** A problem with one order line's modifiers; `field` is relative to the line (`modifiers`, `modifiers[0].optionId`). */
export interface ChoiceProblem {
  field: string;
  message: string;
}

/** The most options one order line may carry. */
export const MAX_MODIFIERS_PER_LINE = 20;

/** Whether guests can satisfy every group the dish offers with the options available now. */
export function choosable(groups: readonly OfferedGroup[]): boolean {
  return groups.every(
    ({ group, options }) => options.filter((option) => option.available).length >= group.minChoices,
  );
}

/**
 * Checks an order line's chosen options against the groups its dish offers: each option once, belonging to one of
 * them and available, and every group's count within its minChoices and maxChoices. Answers the options as the
 * item keeps them, in the dish's group order then each group's option order, or every problem found.
 */
export function chooseModifiers(
  groups: readonly OfferedGroup[],
  chosen: ReadonlyArray<{ optionId: string }>,
): { modifiers: ItemModifier[] } | { problems: ChoiceProblem[] } {
  const offered = new Map<string, { groupIndex: number; optionIndex: number; option: ModifierOption }>();
  groups.forEach(({ options }, groupIndex) =>
    options.forEach((option, optionIndex) => offered.set(option.id, { groupIndex, optionIndex, option })),
  );
  const problems: ChoiceProblem[] = [];
  const picked = new Map<string, { groupIndex: number; optionIndex: number; option: ModifierOption }>();
  chosen.forEach(({ optionId }, j) => {
    const field = `modifiers[${j}].optionId`;
    const offer = offered.get(optionId);
    if (picked.has(optionId)) problems.push({ field, message: 'repeats an option already chosen' });
    else if (!offer) problems.push({ field, message: 'is not an option of this dish' });
    else if (!offer.option.available) problems.push({ field, message: 'is not available' });
    else picked.set(optionId, offer);
  });
  const counts = groups.map(() => 0);
  for (const { groupIndex } of picked.values()) counts[groupIndex] += 1;
  groups.forEach(({ group }, i) => {
    if (counts[i] < group.minChoices) {
      problems.push({ field: 'modifiers', message: `"${group.name}": choose at least ${group.minChoices}` });
    } else if (counts[i] > group.maxChoices) {
      problems.push({ field: 'modifiers', message: `"${group.name}": choose at most ${group.maxChoices}` });
    }
  });
  if (problems.length > 0) return { problems };
  const modifiers = [...picked.values()]
    .sort((a, b) => a.groupIndex - b.groupIndex || a.optionIndex - b.optionIndex)
    .map(({ groupIndex, option }) => ({
      optionId: option.id,
      groupName: groups[groupIndex].group.name,
      name: option.name,
      priceDelta: option.priceDelta,
    }));
  return { modifiers };
}
