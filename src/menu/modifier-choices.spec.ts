import type { ModifierGroup, ModifierOption } from './menu.entities';
import { choosable, chooseModifiers, OfferedGroup } from './modifier-choices';

const group = (
  name: string,
  minChoices: number,
  maxChoices: number,
  options: Array<[string, number, boolean?]>,
) =>
  ({
    group: { id: name, name, minChoices, maxChoices } as ModifierGroup,
    options: options.map(
      ([id, priceDelta, available = true]) => ({ id, name: id, priceDelta, available }) as ModifierOption,
    ),
  }) satisfies OfferedGroup;

const sauce = group('Sauce', 1, 1, [
  ['aioli', 150],
  ['ketchup', 0],
]);
const extras = group('Extras', 0, 2, [
  ['bacon', 250],
  ['cheese', 100],
  ['egg', 80, false],
]);
const chosen = (...ids: string[]) => ids.map((optionId) => ({ optionId }));

describe('chooseModifiers', () => {
  it("answers the options in the dish's group order, then each group's option order", () => {
    expect(chooseModifiers([sauce, extras], chosen('cheese', 'ketchup', 'bacon'))).toEqual({
      modifiers: [
        { optionId: 'ketchup', groupName: 'Sauce', name: 'ketchup', priceDelta: 0 },
        { optionId: 'bacon', groupName: 'Extras', name: 'bacon', priceDelta: 250 },
        { optionId: 'cheese', groupName: 'Extras', name: 'cheese', priceDelta: 100 },
      ],
    });
    expect(chooseModifiers([], [])).toEqual({ modifiers: [] });
  });

  it('names every problem: repeats, strangers, unavailable options, and each group out of its range', () => {
    expect(
      chooseModifiers([sauce, extras], chosen('bacon', 'bacon', 'nope', 'egg', 'cheese', 'bacon')),
    ).toEqual({
      problems: [
        { field: 'modifiers[1].optionId', message: 'repeats an option already chosen' },
        { field: 'modifiers[2].optionId', message: 'is not an option of this dish' },
        { field: 'modifiers[3].optionId', message: 'is not available' },
        { field: 'modifiers[5].optionId', message: 'repeats an option already chosen' },
        { field: 'modifiers', message: '"Sauce": choose at least 1' },
      ],
    });
    expect(chooseModifiers([sauce], chosen('aioli', 'ketchup'))).toEqual({
      problems: [{ field: 'modifiers', message: '"Sauce": choose at most 1' }],
    });
  });
});

describe('choosable', () => {
  it('holds while every group has at least minChoices available options', () => {
    expect(choosable([sauce, extras])).toBe(true);
    expect(choosable([group('Side', 1, 1, [['salad', 0, false]])])).toBe(false);
    expect(choosable([group('Side', 0, 1, [])])).toBe(true);
  });
});
