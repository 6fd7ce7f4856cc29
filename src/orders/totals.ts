/**
 * Order totals, in integer minor units, from one pure function.
 *
 * Rounding rule: every component (discount, service charge, tax) is computed from integers and rounded once to
 * the nearest minor unit, halves up. Rates are parts per million (7.5 % = 75 000 ppm), so no float ever touches
 * money. Order of application: subtotal → discount → service charge (on the discounted subtotal, dine-in only)
 * → tax on (discounted subtotal + service charge), either contained in the prices or added on top.
 */

export const PPM = 1_000_000;

export interface TotalsInput {
  items: ReadonlyArray<{ unitPrice: number; quantity: number; live: boolean }>;
  /** Percent discounts are in ppm of the subtotal; amount discounts in minor units (capped at the subtotal). */
  discount: { kind: 'percent' | 'amount'; value: number } | null;
  serviceChargePpm: number;
  taxPpm: number;
  pricesIncludeTax: boolean;
  /** Paid so far, net of refunds (tips and change excluded). */
  paid: number;
}

export interface Totals {
  subtotal: number;
  discount: number;
  serviceCharge: number;
  tax: number;
  total: number;
  paid: number;
  due: number;
  refundDue: number;
}

/** numerator / denominator for non-negative integers, rounded to the nearest integer, halves up. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** A percentage such as 7.5 as parts per million. */
export const percentToPpm = (percent: number): number => Math.round(percent * 10_000);

export function computeTotals(input: TotalsInput): Totals {
  const subtotal = input.items
    .filter((item) => item.live)
    .reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  const discount = !input.discount
    ? 0
    : input.discount.kind === 'percent'
      ? divideRoundHalfUp(subtotal * input.discount.value, PPM)
      : Math.min(input.discount.value, subtotal);
  const discounted = subtotal - discount;
  const serviceCharge = divideRoundHalfUp(discounted * input.serviceChargePpm, PPM);
  const taxable = discounted + serviceCharge;
  const tax = input.pricesIncludeTax
    ? divideRoundHalfUp(taxable * input.taxPpm, PPM + input.taxPpm)
    : divideRoundHalfUp(taxable * input.taxPpm, PPM);
  const total = input.pricesIncludeTax ? taxable : taxable + tax;
  return {
    subtotal,
    discount,
    serviceCharge,
    tax,
    total,
    paid: input.paid,
    ...amountsOwed(total, input.paid),
  };
}

/**
 * What is still to pay, and what is owed back when a discount or a void left more paid than the total: an
 * overpayment never hides behind `due: 0`.
 */
export function amountsOwed(total: number, paid: number): { due: number; refundDue: number } {
  return { due: Math.max(0, total - paid), refundDue: Math.max(0, paid - total) };
}
