/**
 * A stored day report's sales under today's names, for the service and the back office alike. A Z report is kept
 * as written at its close, so one closed before the renaming (docs/api.md, Changes) still says `gross` for the
 * item sales and `netSales` for the sales with tax; it is read as itemSales and salesInclTax, with salesExclTax
 * = salesInclTax - tax.
 */

export interface SalesFigures {
  orders: number;
  itemSales: number;
  discounts: number;
  serviceCharge: number;
  refunds: number;
  tax: number;
  salesExclTax: number;
  salesInclTax: number;
  tips: number;
  averageTicket: number;
}

/** The sales figures of a Z report written before the renaming. */
export interface FormerSalesFigures {
  orders: number;
  gross: number;
  discounts: number;
  serviceCharge: number;
  tax: number;
  refunds: number;
  netSales: number;
  tips: number;
  averageTicket: number;
}

export function currentSalesFigures(stored: SalesFigures | FormerSalesFigures): SalesFigures {
  if ('salesInclTax' in stored) return stored;
  return {
    orders: stored.orders,
    itemSales: stored.gross,
    discounts: stored.discounts,
    serviceCharge: stored.serviceCharge,
    refunds: stored.refunds,
    tax: stored.tax,
    salesExclTax: stored.netSales - stored.tax,
    salesInclTax: stored.netSales,
    tips: stored.tips,
    averageTicket: stored.averageTicket,
  };
}
