import type { ReceiptIssued } from '../receipts/receipt-facts';

/**
 * The process data DSFinV-K asks a restaurant's till to sign (DSFinV-K, Anhang C), in minor units of a currency with
 * two decimals (the euro): amounts are written `12.50`.
 */

/** The VAT rates Kassenbeleg-V1 has a place for, in its order: normal, reduced, average rates, none. */
const RATE_PLACES: ReadonlyArray<readonly number[]> = [[19, 16], [7, 5], [10.7], [5.5], [0]];

/** The place of turnover without VAT: tips, and what is paid for a voucher. */
const NO_VAT_PLACE = 4;

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
 * Kassenbeleg-V1's `<Vorgangstyp>^<gross per rate place, "_"-joined>^<amount:Bar|Unbar per payment type,
 * "_"-joined>` (DSFinV-K Anhang: every place written, 0.00 where nothing was sold).
 */
function kassenbeleg(type: string, gross: readonly number[], byType: ReadonlyMap<string, number>): string {
  const payments = [...byType].map(([paymentType, total]) => `${amount(total)}:${paymentType}`);
  return `${type}^${gross.map(amount).join('_')}^${payments.join('_')}`;
}

/**
 * A receipt, as printed: its gross per rate, and its payments. A refund receipt gives its amounts negative, as the
 * money goes back. Cash is `Bar`; every other kind (card, gift card, a channel's settlement) is `Unbar`, as
 * DSFinV-K counts them. A tip is turnover without VAT (the 0 % place) paid with its payment, as the Anhang asks,
 * so that a card receipt of 15.40 with a 3.00 tip is `Beleg^15.40_0.00_0.00_0.00_3.00^18.40:Unbar`. A gift card
 * paying is no payment: its value redeemed (a Mehrzweckgutschein's Einlösung) is negative at the 0 % place, so that
 * 15.40 paid 10.00 by gift card and the rest in cash is `Beleg^15.40_0.00_0.00_0.00_-10.00^5.40:Bar`.
 */
export function receiptProcessData(receipt: ReceiptIssued): string {
  const sign = receipt.kind === 'refund' ? -1 : 1;
  const gross = RATE_PLACES.map(() => 0);
  for (const tax of receipt.taxes) {
    const place = RATE_PLACES.findIndex((percents) => percents.includes(tax.percent));
    if (place < 0) throw new UnplaceableRate(`the rate ${tax.percent} % has no place in Kassenbeleg-V1`);
    gross[place] += Math.abs(tax.gross) * sign;
  }
  const byType = new Map<string, number>();
  for (const payment of receipt.payments) {
    const type = payment.cash ? 'Bar' : 'Unbar';
    const tip = Math.abs(payment.tip) * sign;
    gross[NO_VAT_PLACE] += tip;
    if (payment.giftCard) {
      gross[NO_VAT_PLACE] -= Math.abs(payment.amount) * sign + tip;
      continue;
    }
    byType.set(type, (byType.get(type) ?? 0) + Math.abs(payment.amount) * sign + tip);
  }
  return kassenbeleg('Beleg', gross, byType);
}

/**
 * A Beleg of money without VAT (the 0 % place) and its one payment: a gift card's value sold (a voucher is not
 * turnover until it is spent), the drawer's float (Anfangsbestand), cash paid in (Einzahlung) or out (Auszahlung,
 * negative), the counted difference (DifferenzSollIst).
 */
export function noVatProcessData(amountPaid: number, cash: boolean): string {
  const gross = RATE_PLACES.map(() => 0);
  gross[NO_VAT_PLACE] = amountPaid;
  return kassenbeleg('Beleg', gross, new Map([[cash ? 'Bar' : 'Unbar', amountPaid]]));
}

/** A Vorgang that ended without a receipt (cancelled, or merged into another, after the kitchen had lines). */
export function abortProcessData(): string {
  return kassenbeleg(
    'AVBelegabbruch',
    RATE_PLACES.map(() => 0),
    new Map(),
  );
}

/** One line of an order as the kitchen got it (more) or lost it (fewer: a void). */
export interface OrderedLine {
  quantity: number;
  name: string;
  /** Minor units, modifiers included. */
  unitPrice: number;
}

/** The longest process data DSFinV-K's TSE_Transaktionen keeps (TSE_VORGANGSDATEN, 1000 characters). */
export const PROCESS_DATA_LIMIT = 1000;

/** One line of Bestellung-V1: `quantity;"name";unit price`. */
function orderLine(line: OrderedLine): string {
  return `${line.quantity};"${line.name.replaceAll('"', '""')}";${amount(line.unitPrice)}`;
}

/**
 * Bestellung-V1's process data for the lines of one change, lines joined by CR, cut into as many transactions as
 * it takes to keep each within PROCESS_DATA_LIMIT, whole lines each: a 40-line order is signed in full, every
 * part of it exported as it was signed. (A line's name is 201 characters at most.)
 */
export function orderProcessData(lines: readonly OrderedLine[]): string[] {
  const parts: string[] = [];
  let part = '';
  for (const line of lines.map(orderLine)) {
    if (part !== '' && part.length + 1 + line.length > PROCESS_DATA_LIMIT) {
      parts.push(part);
      part = '';
    }
    part = part === '' ? line : `${part}\r${line}`;
  }
  if (part !== '') parts.push(part);
  return parts;
}
