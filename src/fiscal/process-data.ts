import type { ReceiptView } from '../receipts/dto/receipt.views';

/**
 * The process data DSFinV-K asks a restaurant's till to sign (DSFinV-K, Anhang C), in minor units of a currency with
 * two decimals (the euro): amounts are written `12.50`.
 */

/** The VAT rates Kassenbeleg-V1 has a place for, in its order: normal, reduced, average rates, none. */
const RATE_PLACES: ReadonlyArray<readonly number[]> = [[19, 16], [7, 5], [10.7], [5.5], [0]];

/** A rate that has no place in Kassenbeleg-V1: the transaction cannot be recorded as the law asks. */
export class UnplaceableRate extends Error {
  override readonly name = 'UnplaceableRate';
}

export function amount(minorUnits: number): string {
  const sign = minorUnits < 0 ? '-' : '';
  const absolute = Math.abs(minorUnits);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/**
 * `Beleg^<gross per rate place, "_"-joined>^<amount:Bar|Unbar per payment type, "_"-joined>`. A refund receipt
 * gives its amounts negative, as the money goes back. Cash is `Bar`; every other kind (card, gift card, a
 * channel's settlement) is `Unbar`, as DSFinV-K counts them. Tips are not part of the sale.
 */
export function receiptProcessData(receipt: ReceiptView): string {
  const sign = receipt.kind === 'refund' ? -1 : 1;
  const gross = RATE_PLACES.map(() => 0);
  for (const tax of receipt.taxes) {
    const place = RATE_PLACES.findIndex((percents) => percents.includes(Number(tax.percent)));
    if (place < 0) throw new UnplaceableRate(`the rate ${tax.percent} % has no place in Kassenbeleg-V1`);
    gross[place] += Math.abs(tax.gross) * sign;
  }
  const byType = new Map<string, number>();
  for (const payment of receipt.payments) {
    const type = payment.kind === 'cash' ? 'Bar' : 'Unbar';
    byType.set(type, (byType.get(type) ?? 0) + Math.abs(payment.amount) * sign);
  }
  const payments = [...byType].map(([type, total]) => `${amount(total)}:${type}`);
  return `Beleg^${gross.map(amount).join('_')}^${payments.join('_')}`;
}

/** One line of an order as the kitchen got it (more) or lost it (fewer: a void). */
export interface OrderedLine {
  quantity: number;
  name: string;
  /** Minor units, modifiers included. */
  unitPrice: number;
}

/** `quantity;"name";unit price` per line, lines joined by CR. */
export function orderProcessData(lines: OrderedLine[]): string {
  return lines
    .map((line) => `${line.quantity};"${line.name.replaceAll('"', '""')}";${amount(line.unitPrice)}`)
    .join('\r');
}
