import { randomUUID } from 'node:crypto';
import type { ComponentOrderable } from '../menu/combos';
import { sumDeltas } from '../menu/combos';
import { allocate } from '../money';
import type { ItemTaxRate } from '../taxes/item-tax-rate';
import { DomainError } from '../common/errors/domain-error';
import type { ItemCombo, OrderItem } from './order-item.entity';
import { LIVE_ITEM } from './order-status';
import type { PricedLine } from './order-lines';

/** A combo's taken choice with its tax rates for the order's type. */
export interface OrderedComponent extends Omit<ComponentOrderable, 'taxRateIds'> {
  taxes: ItemTaxRate[];
}

/** What one new item copies: a plain line, or one component of a combo line with the combo it belongs to. */
export type ItemCopy = Omit<PricedLine, 'components'> & { combo?: ItemCombo };

/**
 * A combo line as one item per component. One unit of the combo costs its price plus its choices' upcharges and
 * options; that is spread over the components in proportion to their list prices (with their options) by largest
 * remainder, so each is taxed at its own rates and counted as its dish, and the parts add up to the whole exactly.
 * A component's options are copied for the kitchen at a priceDelta of 0: their price is in its part. `lineId` names
 * the line (a client's id for it, or a new one); the components get ids of their own.
 */
export function comboItems(
  line: Omit<PricedLine, 'components'>,
  components: OrderedComponent[],
  lineId: string = randomUUID(),
): ItemCopy[] {
  const extras = components.reduce((sum, c) => sum + c.upcharge + sumDeltas(c.modifiers), 0);
  const unitPrice = line.unitPrice + extras;
  const weights = components.map((component) => component.listPrice);
  const parts = allocate(unitPrice, weights);
  // The list price is spread the same way, so a rule's or level's effect on the combo shows on each component.
  const listParts = allocate(line.listPrice + extras, weights);
  return components.map((component, k) => ({
    dishId: component.dishId,
    variationId: component.variationId,
    name: component.name,
    variationName: component.variationName,
    listPrice: listParts[k],
    unitPrice: parts[k],
    priceRuleId: line.priceRuleId,
    priceLevelId: line.priceLevelId,
    stationId: component.stationId,
    prepMinutes: component.prepMinutes,
    modifiers: component.modifiers.map((modifier) => ({ ...modifier, priceDelta: 0 })),
    taxes: component.taxes,
    combo: {
      lineId,
      dishId: line.dishId,
      variationId: line.variationId,
      name: line.name,
      variationName: line.variationName,
      unitPrice,
      slot: component.slot,
      slotName: component.slotName,
    },
  }));
}

/**
 * The item named, or the live components of the combo line named: a combo changes as a whole. A component's own
 * id names it for its kitchen status; `whole` (an edit, a void) refuses it with 422.
 */
export function findItems(items: OrderItem[], itemId: string, whole: boolean): OrderItem[] {
  const item = items.find((candidate) => candidate.id === itemId);
  if (item?.combo && whole) {
    throw DomainError.invalidField(
      'itemId',
      `is a component of a combo: change the combo line ${item.combo.lineId}`,
    );
  }
  if (item) return [item];
  const components = items.filter((candidate) => candidate.combo?.lineId === itemId);
  if (components.length === 0) throw DomainError.notFound('Order item');
  const live = components.filter((component) => LIVE_ITEM(component.status));
  return live.length > 0 ? live : components;
}

/**
 * Picks of a split or a move with each combo line as its components, all taking the line's quantity: a combo
 * moves whole. A pick naming a component alone is a 422 naming it.
 */
export function wholeCombos(
  items: OrderItem[],
  picks: ReadonlyArray<{ itemId: string; quantity: number }>,
): Array<{ itemId: string; quantity: number }> {
  return picks.flatMap((pick, i) => {
    if (items.some((item) => item.id === pick.itemId && item.combo)) {
      throw DomainError.invalidField(`items[${i}].itemId`, 'is a component of a combo: pick the combo line');
    }
    const components = items.filter((item) => item.combo?.lineId === pick.itemId && LIVE_ITEM(item.status));
    if (components.length === 0) return [pick];
    return components.map((component) => ({ itemId: component.id, quantity: pick.quantity }));
  });
}
