import { OrderType } from '../../common/order-type';
import type { OrderItemView } from '../../orders/dto/order-item.views';
import type { OrderView } from '../../orders/dto/order.views';
import type { FiscalReceipt } from '../../receipts/receipt-chain';

/** A part of a line (Bonpos_Zusatzinfo): a combo's component or a dish's modifier, named by its menu id. */
export interface LinePart {
  articleNumber: string;
  name: string;
  /** Per one of the line's units. */
  quantity: number;
}

/** A receipt line's article: the dish's id (ART_NR) and what it was made of. */
export interface LineArticle {
  articleNumber: string;
  parts: LinePart[];
}

/** What the export takes from a receipt's order: where it was eaten, who served it, and each line's article. */
export interface ReceiptOrderFacts {
  /** INHAUS: eaten at the restaurant (dine-in), not taken away or delivered. */
  inHouse: boolean;
  /** BEDIENER_ID and _NAME: the waiter of the order; an order no waiter took names its source (QR, API). */
  operator: { id: string; name: string | null };
  /** By receipt line; null where the line names no dish of the order (a share of a split). */
  articles: Array<LineArticle | null>;
}

function partsOf(item: OrderItemView): LinePart[] {
  const modifiers = (of: OrderItemView): LinePart[] =>
    of.modifiers.map((modifier) => ({
      articleNumber: modifier.optionId,
      name: `${modifier.groupName}: ${modifier.name}`,
      quantity: 1,
    }));
  const components = (item.components ?? []).flatMap((component) => [
    {
      articleNumber: component.dishId,
      name: component.variationName ? `${component.name} (${component.variationName})` : component.name,
      quantity: component.quantity / Math.max(1, item.quantity),
    },
    ...modifiers(component),
  ]);
  return [...modifiers(item), ...components];
}

/**
 * The order facts of a receipt. Each receipt line is the order item of its name (and variation, where the
 * receipt prints one): a sale prints the live items, a refund the items it gives back.
 */
export function receiptOrderFacts(
  receipt: FiscalReceipt,
  order: OrderView,
  staffNames: ReadonlyMap<string, string>,
): ReceiptOrderFacts {
  const itemOf = (name: string, variationName: string | null) =>
    order.items.find(
      (item) => item.name === name && (variationName === null || item.variationName === variationName),
    );
  return {
    inHouse: order.type === OrderType.DineIn,
    operator: order.waiterId
      ? { id: order.waiterId, name: staffNames.get(order.waiterId) ?? null }
      : { id: order.source, name: null },
    articles: receipt.lines.map((line) => {
      const item = itemOf(line.name, line.variationName);
      return item ? { articleNumber: item.dishId, parts: partsOf(item) } : null;
    }),
  };
}
