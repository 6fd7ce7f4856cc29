import { OWN_CHANNEL } from '../common/access/channel-access';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import type { SalesFactFiguresInput, SalesFactInput } from '../hq/dto/sales-facts.inputs';
import type { ReceiptView } from '../receipts/dto/receipt.views';
import { NO_SALES } from '../reports/sales-figures';
import { cancelledMix, receiptMix, SalesFactContext } from './sales-fact-mix';

/**
 * The facts of a site's log that headquarters' reports need: receipts, cancellations, days and drawers closed, and
 * the days whose labour or tips changed (labour-days.ts).
 */
export function isSalesEvent(event: EventRecord): boolean {
  return (
    event.type === EventType.ReceiptIssued ||
    event.type === EventType.BusinessDayClosed ||
    event.type === EventType.ShiftClosed ||
    event.type === EventType.LabourChanged ||
    (event.type === EventType.OrderStatusChanged && event.data.status === 'cancelled')
  );
}

/** The order a sales event is about; null for a day or a drawer closed. */
export function orderIdOf(event: EventRecord): string | null {
  if (event.type === EventType.ReceiptIssued) return String(event.data.orderId);
  if (event.type === EventType.OrderStatusChanged) return String(event.data.id);
  return null;
}

/**
 * A sales event as headquarters keeps it, with the figures the site's own sales report counts for it (src/reports
 * report-sql.ts): a sale receipt is one closed order on its business day, at its totals as they stood at the close;
 * a refund receipt lowers the day it was made in by its amount, its tax and the tip it gave back. With each, what
 * it adds to the dish, payment-method and tax reports (`mix`, sales-fact-mix.ts); a day closed carries its Z report,
 * a drawer shift closed its count.
 */
export function salesFactOf(event: EventRecord, context: SalesFactContext): SalesFactInput {
  const { channelOf, currency } = context;
  const base = { seq: event.seq, occurredAt: event.occurredAt.toISOString() };
  if (event.type === EventType.ReceiptIssued) {
    const receipt = event.data as unknown as ReceiptView;
    const tax = receipt.taxes.reduce((sum, row) => sum + row.tax, 0);
    const figures: SalesFactFiguresInput =
      receipt.kind === 'sale'
        ? {
            orders: 1,
            gross: receipt.subtotal,
            discounts: receipt.discount,
            serviceCharge: receipt.serviceCharge,
            tax,
            refunds: 0,
            netSales: receipt.total,
            tips: receipt.tips,
          }
        : { ...NO_SALES, tax, refunds: -receipt.total, netSales: receipt.total, tips: receipt.tips };
    return {
      ...base,
      type: receipt.kind,
      businessDay: receipt.businessDay,
      currency: receipt.currency,
      channel: channelOf.get(receipt.orderId) ?? OWN_CHANNEL,
      orderId: receipt.orderId,
      figures,
      detail: receiptDetail(receipt),
      mix: receiptMix(receipt, context),
    };
  }
  if (event.type === EventType.OrderStatusChanged) {
    const { id, number, businessDay, cancelReason, total } = event.data;
    return {
      ...base,
      type: 'order_cancelled',
      businessDay: String(businessDay),
      currency,
      channel: channelOf.get(String(id)) ?? OWN_CHANNEL,
      orderId: String(id),
      figures: NO_SALES,
      detail: { id, number, cancelReason, total },
      mix: cancelledMix(String(id), context),
    };
  }
  if (event.type === EventType.ShiftClosed) {
    // The drawer's count as GET /shifts/{id} answers it: headquarters keeps it for the site's cash shifts.
    return {
      ...base,
      type: 'cash_shift_closed',
      businessDay: String(event.data.businessDay),
      currency,
      channel: null,
      orderId: null,
      figures: NO_SALES,
      detail: event.data,
    };
  }
  const businessDay = String(event.data.businessDay);
  const zReport = context.zReportOf.get(businessDay);
  return {
    ...base,
    type: 'day_closed',
    businessDay,
    currency,
    channel: null,
    orderId: null,
    figures: NO_SALES,
    detail: { ...event.data, ...(zReport ? { zReport } : {}) },
  };
}

/** The receipt as printed, without what only its guest uses (the link to it) or the fiscal chain's proofs. */
function receiptDetail(receipt: ReceiptView): Record<string, unknown> {
  const { id, number, kind, orderId, orderNumber, businessDay, refundOf, reason, issuedAt } = receipt;
  const { lines, subtotal, discount, serviceCharge, taxes, payments, tips, change, total } = receipt;
  return {
    id,
    number,
    kind,
    orderId,
    orderNumber,
    businessDay,
    refundOf,
    reason,
    issuedAt,
    lines,
    subtotal,
    discount,
    serviceCharge,
    taxes,
    payments,
    tips,
    change,
    total,
  };
}
