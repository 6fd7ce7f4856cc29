import type { EntityManager } from 'typeorm';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import type { HqCatalogDish, HqCatalogDishWhole } from '../../menu/hq-catalog/hq-catalog-document';
import { HqCatalogItem } from './hq-catalog.entities';

/**
 * 422 naming each field at fault when a dish's combo cannot stand in the catalog, by a site's own combo rules: a
 * choice naming a dish the catalog has not, a combo (the dish itself included) or a variation not of that dish; a
 * slot whose minChoices exceeds its maxChoices; a dish another combo offers made a combo itself.
 */
export async function checkHqCombo(manager: EntityManager, dish: HqCatalogDishWhole): Promise<void> {
  if (!dish.combo) return;
  const rows = await manager.find(HqCatalogItem, { where: { kind: 'dish' } });
  const dishes = new Map(rows.map((row) => [row.hqKey, row.entry as HqCatalogDish]));
  const problems: FieldProblem[] = [];
  dish.combo.slots.forEach((slot, s) => {
    const field = `combo.slots[${s}]`;
    if (slot.minChoices > slot.maxChoices)
      problems.push({ field: `${field}.minChoices`, message: 'must be at most maxChoices' });
    slot.choices.forEach((choice, c) => {
      const at = `${field}.choices[${c}]`;
      const offered = dishes.get(choice.dishKey);
      if (!offered) problems.push({ field: `${at}.dishKey`, message: 'is no dish of the catalog' });
      else if (offered.combo || offered.hqKey === dish.hqKey)
        problems.push({ field: `${at}.dishKey`, message: 'is a combo: a combo cannot hold a combo' });
      else if (!offered.variations.some((variation) => variation.hqKey === choice.variationKey))
        problems.push({ field: `${at}.variationKey`, message: 'is no variation of this dish' });
    });
  });
  const holder = [...dishes.values()].find(
    (other) =>
      other.hqKey !== dish.hqKey &&
      other.combo?.slots.some((slot) => slot.choices.some((choice) => choice.dishKey === dish.hqKey)),
  );
  if (holder)
    problems.push({ field: 'combo', message: `the dish is a choice of the combo "${holder.name}"` });
  if (problems.length > 0) throw DomainError.validation(problems);
}
