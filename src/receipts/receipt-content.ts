import { guestComponents } from '../documents/combo-lines';
import type { OrderView } from '../orders/dto/order.views';
import type { RefundMade } from '../orders/order-facts';
import { ItemStatus } from '../orders/order-status';
import type { OrderPayment } from '../payments/order-payments';
import type { CardDetails } from '../payments/payment.entities';
import type { ReceiptCardView, ReceiptLineView, ReceiptPaymentView } from './dto/receipt.views';
import type { ReceiptContent } from './receipt-chain';

/** What the restaurant's settings put on every receipt. */
export interface ReceiptSettings {
  currency: string;
}

/**
 * The content of the receipt of a closed order: its live lines, the parts of an even split it gave or received (as
 * lines of their own, so the lines add up to the subtotal), its totals, its tax rows, and its payments net of what
 * was refunded before the close.
 */
export function saleContent(
  order: OrderView,
  payments: OrderPayment[],
  settings: ReceiptSettings,
): ReceiptContent {
  const lines: ReceiptLineView[] = order.items
    .filter((item) => item.status !== ItemStatus.Cancelled)
    .map((item) => ({
      name: item.name,
      variationName: item.variationName || null,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      modifiers: item.modifiers.map(({ name, priceDelta }) => ({ name, priceDelta })),
      seat: item.seat,
      total: item.total,
      ...guestComponents(item),
    }));
  for (const share of order.shares) {
    const sign = share.direction === 'in' ? 1 : -1;
    lines.push({
      name: `Part ${share.part} of ${share.parts} of a split bill`,
      variationName: null,
      quantity: 1,
      unitPrice: sign * share.subtotal,
      modifiers: [],
      seat: null,
      total: sign * share.subtotal,
    });
  }
  const receiptPayments: ReceiptPaymentView[] = payments.map((payment) => ({
    paymentId: payment.paymentId,
    method: payment.method,
    kind: payment.kind,
    amount: payment.amount - payment.refunded,
    tip: payment.tip,
    change: payment.change,
    ...(payment.card ? { card: receiptCard(payment.card) } : {}),
  }));
  return {
    orderNumber: order.number,
    businessDay: order.businessDay,
    refundOfNumber: null,
    reason: null,
    currency: settings.currency,
    lines,
    subtotal: order.subtotal,
    discount: order.discount,
    serviceCharge: order.serviceCharge,
    taxes: order.taxes.map(({ taxRateId, name, percent, net, tax, gross }) => ({
      taxRateId,
      name,
      percent,
      net,
      tax,
      gross,
    })),
    payments: receiptPayments,
    tips: sum(receiptPayments.map((payment) => payment.tip)),
    change: sum(receiptPayments.map((payment) => payment.change)),
  };
}

/**
 * The content of a refund receipt, on the business day the refund was made in: the lines it returned (or the
 * amount as one line), negative, the tax rows it took back (the tax ledger's rows, to the minor unit), and the
 * money given back from the payment, tip included.
 */
export function refundContent(
  original: ReceiptContent & { total: number; number: number },
  refund: RefundMade,
): ReceiptContent {
  const paid = original.payments.find((payment) => payment.paymentId === refund.paymentId);
  const amount = -refund.amount;
  const lines: ReceiptLineView[] =
    refund.lines.length > 0
      ? refund.lines.map(({ name, variationName, quantity, unitPrice, amount: charged }) => ({
          ...NO_DETAIL,
          name,
          variationName,
          quantity,
          unitPrice: -unitPrice,
          total: -charged,
        }))
      : [
          {
            ...NO_DETAIL,
            name: 'Refund',
            variationName: null,
            quantity: 1,
            unitPrice: amount,
            total: amount,
          },
        ];
  return {
    orderNumber: original.orderNumber,
    businessDay: refund.businessDay,
    refundOfNumber: original.number,
    reason: refund.reason,
    currency: original.currency,
    lines: refund.amount > 0 ? lines : [],
    subtotal: amount,
    discount: 0,
    serviceCharge: 0,
    taxes: refund.taxes,
    payments: [
      {
        paymentId: refund.paymentId,
        method: paid?.method ?? 'Refund',
        kind: paid?.kind ?? 'other',
        amount,
        tip: -refund.tip,
        change: 0,
      },
    ],
    tips: -refund.tip,
    change: 0,
  };
}

/** What a refund's lines do not repeat of the sale's. */
const NO_DETAIL = { modifiers: [], seat: null };

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** The card lines of a terminal payment's receipt (brand, last four digits, entry mode, authorisation, EMV). */
function receiptCard(card: CardDetails): ReceiptCardView {
  const { brand, last4, entryMode, authCode } = card;
  return {
    brand,
    last4,
    entryMode,
    authCode,
    aid: card.emv.aid,
    applicationLabel: card.emv.applicationLabel,
  };
}
