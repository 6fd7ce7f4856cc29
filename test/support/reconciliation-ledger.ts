import { half, SERVICE_PPM, TAX_PPM } from './reconciliation-schedule';

/**
 * The reconciliation spec's own ledger of every order, payment, refund, void and preparation time, and the report
 * figures worked out from it.
 */

export interface Dish {
  id: string;
  name: string;
  stationId: string;
  variations: Array<{ id: string; name: string; price: number }>;
}

export interface Line {
  itemId: string;
  dishId: string;
  variationId: string;
  stationId: string;
  unitPrice: number;
  quantity: number;
  live: boolean;
  firedAt: number;
}

export interface OrderLedger {
  id: string;
  day: string;
  createdAt: number;
  waiterId: string;
  type: 'dine_in' | 'takeaway' | 'delivery';
  lines: Line[];
  discount: { kind: 'percent' | 'amount'; value: number; by: string } | null;
  status: 'open' | 'closed' | 'cancelled';
  paid: number;
  tips: number;
  /** Refunded after the order closed. */
  refundsAfterClose: number;
  totals: { subtotal: number; discount: number; serviceCharge: number; tax: number; total: number };
}

export interface Movement {
  day: string;
  methodId: string;
  kind: 'payment' | 'refund';
  received: number;
  change: number;
  tip: number;
  refunded: number;
}

export interface Void {
  by: string;
  quantity: number;
  value: number;
}

export interface Prep {
  stationId: string;
  dishId: string;
  ms: number;
}

/** What happened, as the spec recorded it while driving the API. */
export class Ledger {
  readonly orders: OrderLedger[] = [];
  readonly movements: Movement[] = [];
  readonly voids: Void[] = [];
  readonly preps: Prep[] = [];

  recordVoid(line: Line, by: string): void {
    line.live = false;
    this.voids.push({ by, quantity: line.quantity, value: line.unitPrice * line.quantity });
  }

  /** `amount` is what was tendered, `applied` the part of it the bill took; the rest was given back as change. */
  recordPayment(order: OrderLedger, methodId: string, amount: number, applied: number, tip: number): void {
    order.paid += applied;
    order.tips += tip;
    this.movements.push({
      day: order.day,
      methodId,
      kind: 'payment',
      received: amount + tip,
      change: amount - applied,
      tip,
      refunded: 0,
    });
  }

  recordRefund(order: OrderLedger, methodId: string, amount: number): void {
    order.paid -= amount;
    if (order.status === 'closed') order.refundsAfterClose += amount;
    this.movements.push({
      day: order.day,
      methodId,
      kind: 'refund',
      received: 0,
      change: 0,
      tip: 0,
      refunded: amount,
    });
  }
}

/**
 * The ledger's own totals, written from API.md's rule rather than the server's code: per unit of each live line a
 * percent discount, the service charge on the rest (dine-in) and the tax contained in both, each rounded halves
 * up; × quantity; summed. An amount discount comes off the sums with its own service charge and tax, capped.
 */
export function totalsOf(order: OrderLedger): OrderLedger['totals'] {
  const percent = order.discount?.kind === 'percent' ? Math.round(order.discount.value * 10_000) : 0;
  const servicePpm = order.type === 'dine_in' ? SERVICE_PPM : 0;
  const tax = (amount: number) => half(amount * TAX_PPM, 1_000_000 + TAX_PPM);
  const sums = { subtotal: 0, discount: 0, serviceCharge: 0, tax: 0 };
  for (const line of order.lines.filter((l) => l.live)) {
    const discount = half(line.unitPrice * percent, 1_000_000);
    const service = half((line.unitPrice - discount) * servicePpm, 1_000_000);
    sums.subtotal += line.unitPrice * line.quantity;
    sums.discount += discount * line.quantity;
    sums.serviceCharge += service * line.quantity;
    sums.tax += tax(line.unitPrice - discount + service) * line.quantity;
  }
  if (order.discount?.kind === 'amount') {
    const amount = Math.min(order.discount.value, sums.subtotal);
    const service = half(amount * servicePpm, 1_000_000);
    sums.discount += amount;
    sums.tax -= Math.min(tax(amount + service), sums.tax);
    sums.serviceCharge -= Math.min(service, sums.serviceCharge);
  }
  return { ...sums, total: sums.subtotal - sums.discount + sums.serviceCharge };
}

/** The sales report's figures for these orders: only closed orders count. */
export function salesOf(list: OrderLedger[]) {
  const closed = list.filter((o) => o.status === 'closed');
  const sum = (f: (o: OrderLedger) => number) => closed.reduce((total, o) => total + f(o), 0);
  const netSales = sum((o) => o.paid);
  return {
    orders: closed.length,
    gross: sum((o) => o.totals.subtotal),
    discounts: sum((o) => o.totals.discount),
    serviceCharge: sum((o) => o.totals.serviceCharge),
    tax: sum((o) => o.totals.tax),
    refunds: sum((o) => o.refundsAfterClose),
    netSales,
    tips: sum((o) => o.tips),
    averageTicket: closed.length ? half(netSales, closed.length) : 0,
  };
}

/** The payment-methods report's figures for these movements. */
export function moneyOf(list: Movement[]) {
  const sum = (f: (m: Movement) => number) => list.reduce((total, m) => total + f(m), 0);
  const received = sum((m) => m.received);
  const refunded = sum((m) => m.refunded);
  const change = sum((m) => m.change);
  const tips = sum((m) => m.tip);
  return {
    payments: list.filter((m) => m.kind === 'payment').length,
    received,
    refunds: list.filter((m) => m.kind === 'refund').length,
    refunded,
    change,
    tips,
    net: received - refunded - change - tips,
  };
}
