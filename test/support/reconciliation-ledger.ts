import { half, SERVICE_PPM } from './reconciliation-schedule';

/**
 * The reconciliation spec's own ledger of every order, payment, refund, void and preparation time, and the report
 * figures worked out from it.
 */

export interface Dish {
  id: string;
  name: string;
  stationId: string;
  rate: Line['rate'];
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
  rate: { id: string; name: string; ppm: number };
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
  totals: {
    subtotal: number;
    discount: number;
    serviceCharge: number;
    tax: number;
    total: number;
    taxRows: TaxRowSums[];
  };
}

/** A refund after its order's close: when, and the tax rows it took back (positive amounts). */
export interface RefundAfterClose {
  order: OrderLedger;
  at: number;
  amount: number;
  rows: TaxRowSums[];
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
  readonly refundsAfterClose: RefundAfterClose[] = [];
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

  /**
   * A refund at `at`. After the close it takes tax back from what the order still keeps of each rate, the amount
   * spread over those rows' net and tax by largest remainder.
   */
  recordRefund(order: OrderLedger, methodId: string, amount: number, at: number): void {
    order.paid -= amount;
    if (order.status === 'closed') {
      order.refundsAfterClose += amount;
      const kept = keptRows(order, this.refundsAfterClose);
      const parts = allocate(
        amount,
        kept.flatMap((row) => [row.net, row.tax]),
      );
      const rows = kept.map((row, i) => ({ ...row, net: parts[2 * i], tax: parts[2 * i + 1] }));
      this.refundsAfterClose.push({ order, at, amount, rows });
    }
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

/** `total` in parts proportional to `weights`, summing to it: floors, then the units left to the largest remainders
 * (ties to the earlier part). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => ({
    part: Math.floor((total * weight) / sum),
    rest: (total * weight) % sum,
  }));
  let left = total - exact.reduce((a, b) => a + b.part, 0);
  const byRemainder = exact.map((each, i) => ({ ...each, i })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    exact[i].part += 1;
  }
  return exact.map((each) => each.part);
}

/** Per rate (highest percent first, then id): what the rate taxed and the tax, as the ledger works them out. */
export interface TaxRowSums {
  rateId: string;
  name: string;
  ppm: number;
  net: number;
  tax: number;
}

/**
 * The ledger's own totals, written from API.md's rule rather than the server's code (prices include tax, every
 * line has one rate, tax rounded per line): the percent discount is round(subtotal × percent) once, an amount
 * discount is capped at the subtotal, either spread over the live lines by largest remainder of their totals; the
 * service charge (dine-in) is round((subtotal - discount) × 10 %) once, spread the same way over what the lines
 * cost after their discount; each line's tax is what its rate contains of its discounted price plus its service
 * charge, rounded halves up.
 */
export function totalsOf(order: OrderLedger): OrderLedger['totals'] {
  const live = order.lines.filter((l) => l.live);
  const subtotals = live.map((line) => line.unitPrice * line.quantity);
  const subtotal = subtotals.reduce((a, b) => a + b, 0);
  const percent = order.discount?.kind === 'percent' ? Math.round(order.discount.value * 10_000) : 0;
  const discount =
    order.discount?.kind === 'amount'
      ? Math.min(order.discount.value, subtotal)
      : half(subtotal * percent, 1_000_000);
  const discounted = allocate(discount, subtotals).map((amount, i) => subtotals[i] - amount);
  const servicePpm = order.type === 'dine_in' ? SERVICE_PPM : 0;
  const serviceCharge = half((subtotal - discount) * servicePpm, 1_000_000);
  const services = allocate(serviceCharge, discounted);
  const rows = new Map<string, TaxRowSums>();
  live.forEach((line, i) => {
    const gross = discounted[i] + services[i];
    const tax = half(gross * line.rate.ppm, 1_000_000 + line.rate.ppm);
    const sums = rows.get(line.rate.id) ?? {
      rateId: line.rate.id,
      name: line.rate.name,
      ppm: line.rate.ppm,
      net: 0,
      tax: 0,
    };
    rows.set(line.rate.id, { ...sums, net: sums.net + gross - tax, tax: sums.tax + tax });
  });
  const taxRows = [...rows.values()]
    .filter((row) => row.net !== 0 || row.tax !== 0)
    .sort((a, b) => b.ppm - a.ppm || (a.rateId < b.rateId ? -1 : 1));
  const tax = taxRows.reduce((sum, row) => sum + row.tax, 0);
  return { subtotal, discount, serviceCharge, tax, total: subtotal - discount + serviceCharge, taxRows };
}

/** What a closed order still keeps of each tax row after its refunds. */
function keptRows(order: OrderLedger, refunds: readonly RefundAfterClose[]): TaxRowSums[] {
  const given = refunds.filter((refund) => refund.order === order).flatMap((refund) => refund.rows);
  return order.totals.taxRows.map((row) => {
    const back = given.filter((each) => each.rateId === row.rateId);
    return {
      ...row,
      net: row.net - back.reduce((sum, each) => sum + each.net, 0),
      tax: row.tax - back.reduce((sum, each) => sum + each.tax, 0),
    };
  });
}

/**
 * The tax report's rows for these orders, per business day and rate: each closed order's rows, less its refunds
 * after the close (made on the order's day in this spec).
 */
export function taxesOf(
  list: OrderLedger[],
  refunds: readonly RefundAfterClose[],
): Map<string, TaxRowSums & { day: string }> {
  const sums = new Map<string, TaxRowSums & { day: string }>();
  for (const order of list.filter((o) => o.status === 'closed')) {
    for (const row of keptRows(order, refunds)) {
      const key = `${order.day} ${row.rateId}`;
      const sum = sums.get(key) ?? { ...row, day: order.day, net: 0, tax: 0 };
      sums.set(key, { ...sum, net: sum.net + row.net, tax: sum.tax + row.tax });
    }
  }
  return sums;
}

/**
 * The sales report's figures for these orders (only closed ones count, as they were at their close) and these
 * refunds after a close (they count where they were made: by default, those of these orders).
 */
export function salesOf(list: OrderLedger[], refunds: readonly RefundAfterClose[]) {
  const closed = list.filter((o) => o.status === 'closed');
  const sum = (f: (o: OrderLedger) => number) => closed.reduce((total, o) => total + f(o), 0);
  const refunded = refunds.reduce((total, refund) => total + refund.amount, 0);
  const refundedTax = refunds.flatMap((refund) => refund.rows).reduce((total, row) => total + row.tax, 0);
  const salesInclTax = sum((o) => o.totals.total) - refunded;
  const tax = sum((o) => o.totals.tax) - refundedTax;
  return {
    orders: closed.length,
    itemSales: sum((o) => o.totals.subtotal),
    discounts: sum((o) => o.totals.discount),
    serviceCharge: sum((o) => o.totals.serviceCharge),
    refunds: refunded,
    tax,
    salesExclTax: salesInclTax - tax,
    salesInclTax,
    tips: sum((o) => o.tips),
    averageTicket: closed.length ? half(salesInclTax, closed.length) : 0,
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
