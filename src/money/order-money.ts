/**
 * An order's money from its lines: `computeOrderMoney(input)` answers the order's components, total and tax rows,
 * and what each line was allocated (`LineMoney`), which the line keeps and carries into splits, moves and merges.
 *
 * The rule is to round once where a person rounds, then allocate by largest remainder; nothing is rounded per
 * unit:
 * 1. subtotal: each live line's unit price (with its modifiers' deltas) × its quantity, summed.
 * 2. discount: a percent discount is round(subtotal × percent) once (5 % of 29.80 is 1.49); an amount discount is
 *    its amount, capped at the subtotal. Either is spread over the lines in proportion to their subtotals.
 * 3. service charge (dine-in): round((subtotal − discount) × rate) once, spread over the lines in proportion to
 *    what they cost after their discount. It is taxed by each line's rates (SERVICE_CHARGE_TAXED) or goes to the
 *    exempt row.
 * 4. tax, per line and rate on what the line costs after its discount plus its service charge, all of a line's
 *    rates on that same base; prices include it (extracted: base × p / (1 + sum of the line's rates)) or exclude
 *    it (added: base × p). TAX_ROUNDING=line rounds each line's tax per rate; `order` sums each rate's exact tax
 *    over the lines, rounds it once, and allocates it back to the lines by largest remainder of their exact tax.
 * Rounding is to the nearest minor unit, halves up, in integers (BigInt where products could pass 2^53).
 */
import { allocate, PPM, percentToPpm, scaleRoundHalfUp } from './arithmetic';
import { LineMoney, Money, moneyOfLine, sumMoney } from './money';
import { baseRateOf, EXEMPT, row, sumRows, TaxRate, TaxRow } from './tax-rows';

export type TaxRounding = 'line' | 'order';

export interface MoneySettings {
  /** 0 for orders that carry no service charge (all but dine-in). */
  serviceChargePpm: number;
  serviceChargeTaxed: boolean;
  pricesIncludeTax: boolean;
  taxRounding: TaxRounding;
}

/** `percent` in parts per million of the subtotal, `amount` in minor units. */
export interface Discount {
  kind: 'percent' | 'amount';
  value: number;
}

export interface MoneyLine {
  /** One unit's price with its modifiers' price deltas. */
  unitPrice: number;
  quantity: number;
  /** Cancelled (voided) lines cost nothing and are allocated nothing. */
  live: boolean;
  /** Empty: exempt. */
  rates: readonly TaxRate[];
}

export interface OrderMoneyInput extends MoneySettings {
  lines: readonly MoneyLine[];
  discount: Discount | null;
}

export interface OrderMoney extends Money {
  /** What each line was allocated, in the order of the input; null for lines that are not live. */
  lines: Array<LineMoney | null>;
}

export function computeOrderMoney(input: OrderMoneyInput): OrderMoney {
  const live = input.lines.filter((line) => line.live);
  const subtotals = live.map((line) => line.unitPrice * line.quantity);
  const subtotal = subtotals.reduce((a, b) => a + b, 0);
  const discount = discountOn(subtotal, input.discount);
  const discounts = allocate(discount, subtotals);
  const discounted = subtotals.map((amount, i) => amount - discounts[i]);
  const serviceCharge = scaleRoundHalfUp(subtotal - discount, input.serviceChargePpm, PPM);
  const services = allocate(serviceCharge, discounted);
  const taxable = live.map((line, i) =>
    line.rates.length === 0 ? 0 : discounted[i] + (input.serviceChargeTaxed ? services[i] : 0),
  );
  const taxes = taxesOf(live, taxable, input);
  const allocated = live.map((line, i): LineMoney => ({
    quantity: line.quantity,
    discount: discounts[i],
    serviceCharge: services[i],
    taxes: lineRows(line.rates, taxable[i], discounted[i] + services[i] - taxable[i], taxes[i], input),
  }));
  const money = sumMoney(allocated.map((line, i) => moneyOfLine(live[i].unitPrice, line)));
  let next = 0;
  return { ...money, lines: input.lines.map((line) => (line.live ? allocated[next++] : null)) };
}

function discountOn(subtotal: number, discount: Discount | null): number {
  if (!discount) return 0;
  const amount =
    discount.kind === 'percent' ? scaleRoundHalfUp(subtotal, discount.value, PPM) : discount.value;
  return Math.min(amount, subtotal);
}

/** One exact tax: numerator / denominator minor units. */
interface ExactTax {
  numerator: bigint;
  denominator: bigint;
}

/** Each live line's tax per rate (in the order of its rates), rounded per line or per rate on the order. */
function taxesOf(lines: readonly MoneyLine[], taxable: number[], settings: MoneySettings): number[][] {
  const exact = lines.map((line, i) => {
    const sum = line.rates.reduce((total, rate) => total + percentToPpm(rate.percent), 0);
    const denominator = BigInt(settings.pricesIncludeTax ? PPM + sum : PPM);
    return line.rates.map((rate): ExactTax => ({
      numerator: BigInt(taxable[i]) * BigInt(percentToPpm(rate.percent)),
      denominator,
    }));
  });
  if (settings.taxRounding === 'line') return exact.map((rates) => rates.map(roundExact));
  const rounded = exact.map((rates) => rates.map(() => 0));
  const groups = new Map<string, Array<{ line: number; rate: number }>>();
  lines.forEach((line, i) =>
    line.rates.forEach((rate, r) => {
      const key = `${rate.taxRateId}|${rate.percent}`;
      groups.set(key, [...(groups.get(key) ?? []), { line: i, rate: r }]);
    }),
  );
  for (const members of groups.values()) {
    const taxes = members.map(({ line, rate }) => exact[line][rate]);
    const common = taxes.reduce((lcm, tax) => (lcm * tax.denominator) / gcd(lcm, tax.denominator), 1n);
    const weights = taxes.map((tax) => tax.numerator * (common / tax.denominator));
    const total = roundExact({ numerator: weights.reduce((a, b) => a + b, 0n), denominator: common });
    allocate(total, weights).forEach((amount, i) => (rounded[members[i].line][members[i].rate] = amount));
  }
  return rounded;
}

const roundExact = ({ numerator, denominator }: ExactTax): number =>
  Number((2n * numerator + denominator) / (2n * denominator));

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** A line's rows: its base with its highest rate, each other rate's tax alone, and what no rate taxes. */
function lineRows(
  rates: readonly TaxRate[],
  taxable: number,
  untaxed: number,
  taxes: number[],
  settings: MoneySettings,
): TaxRow[] {
  const base = baseRateOf(rates);
  const tax = taxes.reduce((a, b) => a + b, 0);
  const net = settings.pricesIncludeTax ? taxable - tax : taxable;
  const rows = rates.map((rate, r) => row(rate, rate === base ? net : 0, taxes[r]));
  return sumRows([rows, [row(EXEMPT, untaxed, 0)]]);
}
