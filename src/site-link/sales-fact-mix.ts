import type { SalesFactMixInput } from '../hq/dto/sales-fact-mix.inputs';
import type { ReceiptView } from '../receipts/dto/receipt.views';
import type { MethodOfPayment, OrderReportLines } from '../reports/order-report-queries';

/** What the site knows besides its log when it describes a batch of sales events for headquarters. */
export interface SalesFactContext {
  /** The orders' channels: `own` for the restaurant's own. */
  channelOf: ReadonlyMap<string, string>;
  /** The site's currency. */
  currency: string;
  /** What each closed or cancelled order adds to the dish and payment-method reports. */
  linesOf: ReadonlyMap<string, OrderReportLines>;
  /** The method of each payment a refund receipt gives money back from. */
  methodOf: ReadonlyMap<string, MethodOfPayment>;
  /** Each closed day's Z report, as the site stored it. */
  zReportOf: ReadonlyMap<string, Record<string, unknown>>;
}

const NOTHING: OrderReportLines = { dishes: [], modifiers: [], takings: [] };

/**
 * A receipt's share of the site's dish, payment-method and tax reports (src/reports). A sale: its order's live
 * items and modifier options, every payment of the order on its own day with the refunds made before the close,
 * and its tax rows as the ledger filed them (rows of nothing left out). A refund after the close: the money and
 * the tip it gave back, on the day it was made, and the tax rows it took back.
 */
export function receiptMix(receipt: ReceiptView, context: SalesFactContext): SalesFactMixInput {
  const taxes = receipt.taxes
    .filter((row) => receipt.kind === 'refund' || row.net !== 0 || row.tax !== 0)
    .map(({ name, percent, net, tax, gross }) => ({ name, percent, net, tax, gross }));
  if (receipt.kind === 'sale') {
    const lines = context.linesOf.get(receipt.orderId) ?? NOTHING;
    return { dishes: lines.dishes, modifiers: lines.modifiers, payments: lines.takings, taxes };
  }
  return {
    dishes: [],
    modifiers: [],
    payments: receipt.payments.map((payment) => ({
      businessDay: receipt.businessDay,
      ...(context.methodOf.get(payment.paymentId) ?? {
        methodKey: undefined,
        method: payment.method,
        kind: payment.kind as MethodOfPayment['kind'],
      }),
      payments: 0,
      received: 0,
      change: 0,
      tips: payment.tip,
      refunds: 1,
      refunded: -(payment.amount + payment.tip),
    })),
    taxes,
  };
}

/** A cancelled order's payments and the refunds that gave them back, on the days they were made. */
export function cancelledMix(orderId: string, context: SalesFactContext): SalesFactMixInput {
  const lines = context.linesOf.get(orderId) ?? NOTHING;
  return { dishes: [], modifiers: [], payments: lines.takings, taxes: [] };
}
