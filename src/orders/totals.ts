/**
 * Order totals, in integer minor units, from one pure function.
 *
 * Rounding rule: rates are parts per million (7.5 % = 75 000 ppm) and every rounding is to the nearest minor unit,
 * halves up, from integers: no float ever touches money. Rounding happens per UNIT of a line, never on a sum, so
 * totals are additive: a line's components are its unit's components × its quantity, and an order's are the sums
 * of its lines'. Splitting a check by seat, by items or by part of a line's quantity therefore neither creates nor
 * loses a minor unit (see check-splits.ts and its property tests).
 *
 * Per unit of price u (unit price plus its modifiers' price deltas): a percent discount d = round(u × p); the net
 * n = u − d; the service charge s = round(n × rate) (dine-in only); tax on n + s, either contained in the prices,
 * round((n + s) × t / (1 + t)), or added on top, round((n + s) × t).
 *
 * An amount discount D is not per unit: it is taken off the order's sums with its own service charge and tax,
 * round(D × rate) and the tax on D plus that, each capped at what the items carry, so nothing goes negative.
 * Even-split shares (parts of a total given to or received from other orders) are added last, component by
 * component. The total is subtotal − discount + service charge, plus tax when it is added on top.
 */

export const PPM = 1_000_000;

/** The four components of an order's money (signed when they describe an adjustment). */
export interface Components {
  subtotal: number;
  discount: number;
  serviceCharge: number;
  tax: number;
}

export interface TotalsInput {
  /** `unitPrice` is the price of one unit with its modifiers. */
  items: ReadonlyArray<{ unitPrice: number; quantity: number; live: boolean }>;
  /** Percent discounts in ppm (per unit), amount discounts in minor units (on the order, capped). */
  discount: { kind: 'percent' | 'amount'; value: number } | null;
  serviceChargePpm: number;
  taxPpm: number;
  pricesIncludeTax: boolean;
  /** Even-split shares received minus shares given, per component; none when absent. */
  shares?: Components;
  /** Paid so far, net of refunds (tips and change excluded). */
  paid: number;
}

export interface Totals extends Components {
  total: number;
  paid: number;
  due: number;
  refundDue: number;
}

export const NO_COMPONENTS: Components = Object.freeze({
  subtotal: 0,
  discount: 0,
  serviceCharge: 0,
  tax: 0,
});

/** numerator / denominator for non-negative integers, rounded to the nearest integer, halves up. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * amount × factor / denominator, rounded halves up, exact however large the product: past 2^53 (a huge amount
 * discount times a rate) it is worked out in BigInt.
 */
export function scaleRoundHalfUp(amount: number, factor: number, denominator: number): number {
  const product = amount * factor;
  if (Number.isSafeInteger(2 * product + denominator)) return divideRoundHalfUp(product, denominator);
  const twice = 2n * BigInt(amount) * BigInt(factor) + BigInt(denominator);
  return Number(twice / (2n * BigInt(denominator)));
}

/** A percentage such as 7.5 as parts per million. */
export const percentToPpm = (percent: number): number => Math.round(percent * 10_000);

type Rates = Pick<TotalsInput, 'serviceChargePpm' | 'taxPpm' | 'pricesIncludeTax'>;

function taxOn(amount: number, rates: Rates): number {
  return rates.pricesIncludeTax
    ? scaleRoundHalfUp(amount, rates.taxPpm, PPM + rates.taxPpm)
    : scaleRoundHalfUp(amount, rates.taxPpm, PPM);
}

/** The components of one unit of price `unitPrice` under a percent discount of `percentPpm`. */
export function unitComponents(unitPrice: number, percentPpm: number, rates: Rates): Components {
  const discount = scaleRoundHalfUp(unitPrice, percentPpm, PPM);
  const net = unitPrice - discount;
  const serviceCharge = scaleRoundHalfUp(net, rates.serviceChargePpm, PPM);
  return { subtotal: unitPrice, discount, serviceCharge, tax: taxOn(net + serviceCharge, rates) };
}

/** The sums over the live items, each line its unit's components × its quantity. */
export function itemSums(input: TotalsInput): Components {
  const percent = input.discount?.kind === 'percent' ? input.discount.value : 0;
  return input.items
    .filter((item) => item.live)
    .reduce((sums, item) => {
      const unit = unitComponents(item.unitPrice, percent, input);
      return plus(sums, times(unit, item.quantity));
    }, NO_COMPONENTS);
}

/**
 * What an amount discount takes off the item sums: the discount itself, its service charge and its tax, each
 * capped at what the items carry. Zero without an amount discount.
 */
export function amountDiscountEffect(input: TotalsInput, sums: Components = itemSums(input)): Components {
  if (input.discount?.kind !== 'amount') return NO_COMPONENTS;
  const discount = Math.min(input.discount.value, sums.subtotal - sums.discount);
  const serviceCharge = scaleRoundHalfUp(discount, input.serviceChargePpm, PPM);
  return {
    subtotal: 0,
    discount,
    serviceCharge: Math.min(serviceCharge, sums.serviceCharge),
    tax: Math.min(taxOn(discount + serviceCharge, input), sums.tax),
  };
}

export function computeTotals(input: TotalsInput): Totals {
  const sums = itemSums(input);
  const effect = amountDiscountEffect(input, sums);
  const shares = input.shares ?? NO_COMPONENTS;
  const components: Components = {
    subtotal: sums.subtotal + shares.subtotal,
    discount: sums.discount + effect.discount + shares.discount,
    serviceCharge: sums.serviceCharge - effect.serviceCharge + shares.serviceCharge,
    tax: sums.tax - effect.tax + shares.tax,
  };
  const total = totalOf(components, input.pricesIncludeTax);
  return { ...components, total, paid: input.paid, ...amountsOwed(total, input.paid) };
}

/** subtotal − discount + service charge, and the tax when it comes on top of the prices. */
export function totalOf(components: Components, pricesIncludeTax: boolean): number {
  const { subtotal, discount, serviceCharge, tax } = components;
  return subtotal - discount + serviceCharge + (pricesIncludeTax ? 0 : tax);
}

export function plus(a: Components, b: Components): Components {
  return {
    subtotal: a.subtotal + b.subtotal,
    discount: a.discount + b.discount,
    serviceCharge: a.serviceCharge + b.serviceCharge,
    tax: a.tax + b.tax,
  };
}

export function times(a: Components, factor: number): Components {
  return {
    subtotal: a.subtotal * factor,
    discount: a.discount * factor,
    serviceCharge: a.serviceCharge * factor,
    tax: a.tax * factor,
  };
}

/**
 * What is still to pay, and what is owed back when a discount or a void left more paid than the total: an
 * overpayment never hides behind `due: 0`.
 */
export function amountsOwed(total: number, paid: number): { due: number; refundDue: number } {
  return { due: Math.max(0, total - paid), refundDue: Math.max(0, paid - total) };
}
