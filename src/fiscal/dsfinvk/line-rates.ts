import type { OrderView } from '../../orders/dto/order.views';
import { ItemStatus } from '../../orders/order-status';
import type { FiscalReceipt } from '../../receipts/receipt-chain';

/**
 * The VAT percentages of each sale receipt's item lines, read from its order: a sale receipt prints the order's
 * live items in order (then the parts of a split), and each item keeps the rates it was ordered with. Only where
 * the order still shows the lines the receipt printed, name by name, is the match taken; elsewhere the export
 * splits the line over the receipt's rates (apportion.ts).
 */
export function lineRatesOf(
  receipts: readonly FiscalReceipt[],
  orders: readonly OrderView[],
): Map<string, number[][]> {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const rates = new Map<string, number[][]>();
  for (const receipt of receipts) {
    const order = receipt.kind === 'sale' ? byId.get(receipt.orderId) : undefined;
    if (!order) continue;
    const live = order.items.filter((item) => item.status !== ItemStatus.Cancelled);
    const matches =
      receipt.lines.length === live.length + order.shares.length &&
      live.every(
        (item, i) => receipt.lines[i].name === item.name && receipt.lines[i].quantity === item.quantity,
      );
    if (!matches) continue;
    rates.set(
      receipt.id,
      live.map((item) =>
        item.taxes.length > 0 ? [...new Set(item.taxes.map((rate) => rate.percent))] : [0],
      ),
    );
  }
  return rates;
}
