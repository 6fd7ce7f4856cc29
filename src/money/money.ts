import { sumRows, TaxRow, totalGross, totalTax } from './tax-rows';

/** The four components of an amount of order money, in minor units. */
export interface Components {
  subtotal: number;
  discount: number;
  serviceCharge: number;
  tax: number;
}

/**
 * An amount of order money: an order's, a line's, or an even-split share's. The total is subtotal − discount +
 * service charge, plus the tax when prices exclude it; the rows of `taxes` sum to the total and the tax.
 */
export interface Money extends Components {
  total: number;
  taxes: TaxRow[];
}

/**
 * What one order line was allocated when its order's money was last computed: its part of the order's discount
 * and service charge, and its rows of tax. Stored on the line, it travels with it when it moves to another
 * order, and is divided by largest remainder when part of its quantity does.
 */
export interface LineMoney {
  /** The quantity it was allocated for: a line whose quantity changed since must be allocated again. */
  quantity: number;
  discount: number;
  serviceCharge: number;
  taxes: TaxRow[];
}

export interface Totals extends Money {
  paid: number;
  due: number;
  refundDue: number;
}

export const NO_MONEY: Money = Object.freeze({
  subtotal: 0,
  discount: 0,
  serviceCharge: 0,
  tax: 0,
  total: 0,
  taxes: [],
});

/** A line's money as an amount: its subtotal is its unit price (with modifiers) × its quantity. */
export function moneyOfLine(unitPrice: number, line: LineMoney): Money {
  return {
    subtotal: unitPrice * line.quantity,
    discount: line.discount,
    serviceCharge: line.serviceCharge,
    tax: totalTax(line.taxes),
    total: totalGross(line.taxes),
    taxes: line.taxes,
  };
}

/** The sum of amounts, each scaled by its sign (1 when absent): rows add up row by row. */
export function sumMoney(amounts: readonly Money[], signs: readonly number[] = []): Money {
  const sign = (i: number) => signs[i] ?? 1;
  const add = (key: keyof Components | 'total') =>
    amounts.reduce((sum, amount, i) => sum + sign(i) * amount[key], 0);
  return {
    subtotal: add('subtotal'),
    discount: add('discount'),
    serviceCharge: add('serviceCharge'),
    tax: add('tax'),
    total: add('total'),
    taxes: sumRows(
      amounts.map((amount) => amount.taxes),
      amounts.map((_, i) => sign(i)),
    ),
  };
}

/** subtotal − discount + service charge, and the tax when it comes on top of the prices. */
export function totalOf(components: Components, pricesIncludeTax: boolean): number {
  const { subtotal, discount, serviceCharge, tax } = components;
  return subtotal - discount + serviceCharge + (pricesIncludeTax ? 0 : tax);
}

/**
 * What is still to pay, and what is owed back when a discount or a void left more paid than the total: an
 * overpayment never hides behind `due: 0`.
 */
export function amountsOwed(total: number, paid: number): { due: number; refundDue: number } {
  return { due: Math.max(0, total - paid), refundDue: Math.max(0, paid - total) };
}

export function totalsOf(money: Money, paid: number): Totals {
  return { ...money, paid, ...amountsOwed(money.total, paid) };
}
