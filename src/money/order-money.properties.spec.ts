import fc from 'fast-check';
import { divideRoundHalfUp, percentToPpm, PPM, scaleRoundHalfUp } from './arithmetic';
import { divideLineMoney, evenShares } from './division';
import { moneyOfLine, sumMoney, totalOf } from './money';
import { computeOrderMoney, MoneyLine, OrderMoneyInput } from './order-money';
import { TaxRate } from './tax-rows';

/** Runs per property: each run is a random order (2,000 took a minute of each CI run; sized to half). */
const RUNS = 1000;

const RATES: TaxRate[] = [
  { taxRateId: 'de-19', name: 'VAT 19 %', percent: 19 },
  { taxRateId: 'de-7', name: 'VAT 7 %', percent: 7 },
  { taxRateId: 'fr-5.5', name: 'TVA 5,5 %', percent: 5.5 },
  { taxRateId: 'fr-20', name: 'TVA 20 %', percent: 20 },
  { taxRateId: 'us-state', name: 'State', percent: 6.25 },
  { taxRateId: 'us-city', name: 'City', percent: 2.25 },
  { taxRateId: 'odd', name: 'Odd', percent: 8.8751 },
];

const lineArb: fc.Arbitrary<MoneyLine> = fc.record({
  // A menu price plus the price deltas of up to three modifiers.
  unitPrice: fc
    .tuple(
      fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 100_000 })),
      fc.array(fc.integer({ min: 0, max: 450 }), { maxLength: 3 }),
    )
    .map(([price, deltas]) => price + deltas.reduce((a, b) => a + b, 0)),
  quantity: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 99 })),
  // A voided line now and then.
  live: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(true), fc.constant(false)),
  // None (exempt), one, or several stacked on the same base.
  rates: fc.subarray(RATES, { maxLength: 3 }),
});

const inputArb: fc.Arbitrary<OrderMoneyInput> = fc.record({
  lines: fc.array(lineArb, { minLength: 0, maxLength: 10 }),
  discount: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 1, max: 10_000 }).map((hundredths) => ({
      kind: 'percent' as const,
      value: percentToPpm(hundredths / 100),
    })),
    fc.integer({ min: 1, max: 100_000 }).map((value) => ({ kind: 'amount' as const, value })),
  ),
  serviceChargePpm: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 2500 }).map((hundredths) => percentToPpm(hundredths / 100)),
  ),
  serviceChargeTaxed: fc.boolean(),
  pricesIncludeTax: fc.boolean(),
  taxRounding: fc.constantFrom('line' as const, 'order' as const),
});

const withoutLines = ({ lines: _lines, ...money }: ReturnType<typeof computeOrderMoney>) => money;

const subtotalOf = (input: OrderMoneyInput) =>
  input.lines.filter((line) => line.live).reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);

describe(`an order's money (fast-check, ${RUNS} runs each)`, () => {
  it('the tax rows sum exactly to the order: gross to the total, tax to the tax, net to the total less tax', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const money = computeOrderMoney(input);
        const sum = (key: 'net' | 'tax' | 'gross') => money.taxes.reduce((total, row) => total + row[key], 0);
        expect(sum('gross')).toBe(money.total);
        expect(sum('tax')).toBe(money.tax);
        expect(sum('net')).toBe(money.total - money.tax);
        expect(money.total).toBe(totalOf(money, input.pricesIncludeTax));
        for (const row of money.taxes) {
          expect(row.gross).toBe(row.net + row.tax);
          expect(Math.min(row.net, row.tax)).toBeGreaterThanOrEqual(0);
          if (row.taxRateId === null) expect(row.tax).toBe(0);
        }
        expect(
          Math.min(money.subtotal - money.discount, money.serviceCharge, money.tax),
        ).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('rounds the discount and the service charge once on the order, and the lines’ parts add up to them', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const money = computeOrderMoney(input);
        const subtotal = subtotalOf(input);
        const discount =
          input.discount === null
            ? 0
            : input.discount.kind === 'percent'
              ? divideRoundHalfUp(subtotal * input.discount.value, PPM)
              : Math.min(input.discount.value, subtotal);
        expect(money.subtotal).toBe(subtotal);
        expect(money.discount).toBe(discount);
        expect(money.serviceCharge).toBe(scaleRoundHalfUp(subtotal - discount, input.serviceChargePpm, PPM));
        const lines = money.lines.flatMap((line, i) =>
          line ? [moneyOfLine(input.lines[i].unitPrice, line)] : [],
        );
        const whole = withoutLines(money);
        expect(sumMoney(lines)).toEqual(whole);
        for (const line of lines) expect(line.discount).toBeLessThanOrEqual(line.subtotal);
      }),
      { numRuns: RUNS },
    );
  });

  it('rounds tax once per rate on the order with TAX_ROUNDING=order (prices without tax)', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const input = { ...generated, taxRounding: 'order' as const, pricesIncludeTax: false };
        const money = computeOrderMoney(input);
        for (const rate of RATES) {
          // The exact tax of this rate over the lines that carry it, from what each was charged.
          const exact = money.lines.reduce((sum, line, i) => {
            if (!line || !input.lines[i].rates.includes(rate)) return sum;
            const base =
              input.lines[i].unitPrice * line.quantity -
              line.discount +
              (input.serviceChargeTaxed ? line.serviceCharge : 0);
            return sum + BigInt(base) * BigInt(percentToPpm(rate.percent));
          }, 0n);
          const row = money.taxes.find((each) => each.taxRateId === rate.taxRateId);
          expect(row?.tax ?? 0).toBe(Number((2n * exact + BigInt(PPM)) / (2n * BigInt(PPM))));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('divides a line’s money by quantity, and an order’s evenly, into parts that add up with none negative', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 2, max: 20 }), fc.nat(), (input, parts, pick) => {
        const money = computeOrderMoney(input);
        const whole = withoutLines(money);
        const shares = evenShares(whole, parts, input.pricesIncludeTax);
        expect(sumMoney(shares)).toEqual(whole);
        const totals = shares.map((share) => share.total);
        expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
        const live = money.lines.flatMap((line, i) => (line && line.quantity > 1 ? [{ line, i }] : []));
        const divided = live.length > 0 ? live[pick % live.length] : null;
        const pieces = divided
          ? divideLineMoney(
              divided.line,
              input.lines[divided.i].unitPrice,
              [1, divided.line.quantity - 1],
              input.pricesIncludeTax,
            ).map((piece) => moneyOfLine(input.lines[divided.i].unitPrice, piece))
          : [];
        if (divided) {
          expect(sumMoney(pieces)).toEqual(
            sumMoney([moneyOfLine(input.lines[divided.i].unitPrice, divided.line)]),
          );
        }
        for (const part of [...shares, ...pieces]) {
          expect(part.total).toBe(totalOf(part, input.pricesIncludeTax));
          expect(
            Math.min(part.subtotal - part.discount, part.discount, part.serviceCharge, part.tax),
          ).toBeGreaterThanOrEqual(0);
          for (const row of part.taxes) expect(Math.min(row.net, row.tax)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
