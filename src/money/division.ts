/**
 * Dividing allocated money without creating or losing a minor unit: a line whose quantity is divided (part of it
 * moves to another check), and an order's money split evenly into parts. Every amount is divided by largest
 * remainder, so the parts of each component and of each tax row sum exactly to the whole, and no part of a row
 * has a negative net, tax or gross.
 */
import { allocate, allocateMatrix } from './arithmetic';
import { LineMoney, Money } from './money';
import { row, TaxRow } from './tax-rows';

/**
 * `line` (allocated for its quantity, at `unitPrice` a unit) divided into lines of `quantities` (summing to its
 * quantity). Discount and service charge are divided in proportion to the quantities. Each part's rows must add up
 * to its subtotal less its discount plus its service charge (in gross when prices include tax, in net when they
 * exclude it): the rows are laid into those budgets close to proportionally, and each row's tax follows its base.
 */
export function divideLineMoney(
  line: LineMoney,
  unitPrice: number,
  quantities: readonly number[],
  pricesIncludeTax: boolean,
): LineMoney[] {
  const discounts = allocate(line.discount, quantities);
  const services = allocate(line.serviceCharge, quantities);
  const budgets = quantities.map((quantity, j) => unitPrice * quantity - discounts[j] + services[j]);
  const rows = divideRows(line.taxes, budgets, pricesIncludeTax, quantities);
  return quantities.map((quantity, j) => ({
    quantity,
    discount: discounts[j],
    serviceCharge: services[j],
    taxes: rows[j],
  }));
}

/**
 * `rows` divided into parts whose bases (gross with prices including tax, else net) sum to `budgets`; each row's
 * tax divided in proportion to its base's parts (by `fallback` weights where its base is zero).
 */
function divideRows(
  rows: readonly TaxRow[],
  budgets: readonly number[],
  pricesIncludeTax: boolean,
  fallback: readonly number[],
): TaxRow[][] {
  const bases = rows.map((each) => (pricesIncludeTax ? each.gross : each.net));
  const cells = allocateMatrix(bases, budgets);
  const parts: TaxRow[][] = budgets.map(() => []);
  rows.forEach((each, r) => {
    const taxes = allocate(each.tax, bases[r] === 0 ? fallback : cells[r]);
    budgets.forEach((_, j) => {
      const net = pricesIncludeTax ? cells[r][j] - taxes[j] : cells[r][j];
      if (net !== 0 || taxes[j] !== 0) parts[j].push(row(each, net, taxes[j]));
    });
  });
  return parts;
}

/**
 * `amount` in `parts` whole parts that differ by at most one, the remainder spread one unit at a time from the
 * first part.
 */
export function evenParts(amount: number, parts: number): number[] {
  const base = Math.floor(amount / parts);
  const remainder = amount - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0));
}

/**
 * An order's money in `parts` even parts: the totals differ by at most one minor unit and sum exactly to the
 * order's; each tax row is laid into the parts' totals close to proportionally, its tax following its gross; the
 * service charge and the discount follow each part's total less its added tax. Every component and every row sums
 * exactly to the order's, and within each part nothing is negative and the total follows from its components.
 */
export function evenShares(money: Money, parts: number, pricesIncludeTax: boolean): Money[] {
  const totals = evenParts(money.total, parts);
  const rows = divideRows(
    money.taxes,
    totals,
    true,
    totals.map(() => 1),
  );
  const taxes = rows.map((list) => list.reduce((sum, each) => sum + each.tax, 0));
  const bases = totals.map((total, j) => (pricesIncludeTax ? total : total - taxes[j]));
  const services = allocate(money.serviceCharge, bases);
  const discounts = allocate(money.discount, bases);
  return totals.map((total, j) => ({
    subtotal: bases[j] - services[j] + discounts[j],
    discount: discounts[j],
    serviceCharge: services[j],
    tax: taxes[j],
    total,
    taxes: rows[j],
  }));
}
