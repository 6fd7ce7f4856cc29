import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import type { Tx } from '../database/database.service';
import { Dish, DishVariation, ModifierOption } from '../menu/menu.entities';
import type { ChannelItemInput } from './dto/channel.inputs';

/**
 * Checks a channel's item mappings against the menu as stored (not as available now: an 86'd dish may still be
 * mapped; it just leaves the channel's menu until it is back). 422 names every problem: a duplicate external id,
 * an unknown or deleted dish, a combo (a channel's lines carry no combo choices), a variation that is not the
 * dish's, a missing variation for a dish that has several, an unknown option, an option mapping without options.
 */
@Injectable()
export class ChannelMappings {
  async check(tx: Tx, items: readonly ChannelItemInput[]): Promise<void> {
    const dishIds = [...new Set(items.flatMap((item) => (item.dishId ? [item.dishId] : [])))];
    const optionIds = [...new Set(items.flatMap((item) => item.optionIds ?? []))];
    // One after the other: a transaction is one connection.
    const dishes = dishIds.length
      ? await tx.manager.find(Dish, { where: { id: In(dishIds), deletedAt: IsNull() } })
      : [];
    const variations = dishIds.length
      ? await tx.manager.find(DishVariation, { where: { dishId: In(dishIds), deletedAt: IsNull() } })
      : [];
    const options = optionIds.length
      ? await tx.manager.find(ModifierOption, { where: { id: In(optionIds) } })
      : [];
    const knownDishes = new Set(dishes.map((dish) => dish.id));
    const combos = new Set(dishes.filter((dish) => dish.combo !== null).map((dish) => dish.id));
    const knownOptions = new Set(options.map((option) => option.id));
    const seen = new Set<string>();
    const problems: FieldProblem[] = [];
    items.forEach((item, i) => {
      const at = `items[${i}]`;
      if (seen.has(item.externalId)) problems.push({ field: `${at}.externalId`, message: 'is a duplicate' });
      seen.add(item.externalId);
      (item.optionIds ?? []).forEach((optionId, j) => {
        if (!knownOptions.has(optionId))
          problems.push({ field: `${at}.optionIds[${j}]`, message: 'no such option' });
      });
      if (!item.dishId) {
        if (item.variationId !== undefined)
          problems.push({ field: `${at}.variationId`, message: 'needs a dishId' });
        if (!item.optionIds?.length)
          problems.push({
            field: `${at}.optionIds`,
            message: 'is required for an option mapping (no dishId)',
          });
        return;
      }
      if (!knownDishes.has(item.dishId)) {
        problems.push({ field: `${at}.dishId`, message: 'no such dish' });
        return;
      }
      if (combos.has(item.dishId)) {
        problems.push({
          field: `${at}.dishId`,
          message: 'is a combo: a channel order cannot name its choices; map its dishes one by one',
        });
        return;
      }
      const ofDish = variations.filter((variation) => variation.dishId === item.dishId);
      if (item.variationId !== undefined && !ofDish.some((variation) => variation.id === item.variationId))
        problems.push({ field: `${at}.variationId`, message: 'no such variation of this dish' });
      if (item.variationId === undefined && ofDish.length > 1)
        problems.push({
          field: `${at}.variationId`,
          message: 'is required: the dish has several variations',
        });
    });
    if (problems.length > 0) throw DomainError.validation(problems);
  }
}
