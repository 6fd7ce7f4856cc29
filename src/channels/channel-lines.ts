import { DomainError, FieldProblem } from '../common/errors/domain-error';
import type { OrderItemInput } from '../orders/dto/order.inputs';
import type { OrderItem } from '../orders/order-item.entity';
import type { ChannelItem } from './channel.entities';
import type { ChannelOrderItemInput } from './dto/channel-order.inputs';

type ChannelLine = Pick<ChannelOrderItemInput, 'externalId' | 'quantity' | 'comment' | 'options'>;

/**
 * Order lines from a channel's lines, by its mappings: an item's external id names a dish (its variation and
 * preset options), each of its options an option mapping. One 422 names every external id the channel has not
 * mapped, so nothing is written.
 */
export function orderLinesOf(
  mappings: readonly ChannelItem[],
  lines: readonly ChannelLine[],
): OrderItemInput[] {
  const byExternalId = new Map(mappings.map((mapping) => [mapping.externalId, mapping]));
  const problems: FieldProblem[] = [];
  const orderLines = lines.map((line, i) => {
    const item = byExternalId.get(line.externalId);
    if (!item?.dishId) {
      problems.push({
        field: `items[${i}].externalId`,
        message: `"${line.externalId}" is not an item this channel maps`,
      });
    }
    const optionIds = (line.options ?? []).flatMap((externalId, j) => {
      const option = byExternalId.get(externalId);
      if (option && option.dishId === null) return option.optionIds;
      problems.push({
        field: `items[${i}].options[${j}]`,
        message: `"${externalId}" is not an option this channel maps`,
      });
      return [];
    });
    return {
      dishId: item?.dishId ?? '',
      variationId: item?.variationId ?? undefined,
      quantity: line.quantity,
      comment: line.comment,
      modifiers: [...(item?.optionIds ?? []), ...optionIds].map((optionId) => ({ optionId })),
    };
  });
  if (problems.length > 0) throw DomainError.validation(problems);
  return orderLines;
}

/** 422 unless `total` is the sum of the lines' price × quantity. */
export function checkTotal(
  lines: ReadonlyArray<Pick<ChannelOrderItemInput, 'price' | 'quantity'>>,
  total: number,
): void {
  const sum = lines.reduce((acc, line) => acc + line.price * line.quantity, 0);
  if (sum !== total) {
    throw DomainError.invalidField('total', `must be the sum of the items’ price × quantity (${sum})`);
  }
}

/** The channel's prices on the new items: its unit price stands for the line and its options, marked `channel`. */
export function keepChannelPrices(
  items: OrderItem[],
  lines: ReadonlyArray<Pick<ChannelOrderItemInput, 'price'>>,
): void {
  items.forEach((item, i) => {
    item.unitPrice = lines[i].price;
    item.modifiers = item.modifiers.map((modifier) => ({ ...modifier, priceDelta: 0 }));
    item.priceSource = 'channel';
    // The channel's price replaces whatever rule or level the menu would have applied.
    item.priceRuleId = null;
    item.priceLevelId = null;
  });
}
