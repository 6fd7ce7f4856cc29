import { percentToPpm, scaleRoundHalfUp, PPM, allocate, divideRoundHalfUp } from './arithmetic';
import { divideLineMoney, evenParts, evenShares } from './division';
import { Money, moneyOfLine, sumMoney } from './money';
import { computeOrderMoney, MoneyLine, OrderMoneyInput } from './order-money';
import { TaxRate } from './tax-rows';

const rate = (taxRateId: string, percent: number, name = `${taxRateId} ${percent} %`): TaxRate => ({
  taxRateId,
  name,
  percent,
});
const line = (unitPrice: number, quantity: number, rates: TaxRate[], live = true): MoneyLine => ({
  unitPrice,
  quantity,
  rates,
  live,
});
const inclusive: Omit<OrderMoneyInput, 'lines'> = {
  discount: null,
  serviceChargePpm: 0,
  serviceChargeTaxed: true,
  pricesIncludeTax: true,
  taxRounding: 'line',
};
const percentOff = (percent: number) => ({ kind: 'percent' as const, value: percentToPpm(percent) });
const withoutLines = ({ lines: _lines, ...money }: ReturnType<typeof computeOrderMoney>) => money;

describe('the issue’s figures: a percent discount is computed once on the order', () => {
  it('5 % of €29.80 is €1.49', () => {
    const money = computeOrderMoney({ ...inclusive, lines: [line(2980, 1, [])], discount: percentOff(5) });
    expect(money).toMatchObject({ subtotal: 2980, discount: 149, total: 2831 });
  });

  it('20 coffees at €2.10 with 12.5 % off is 525 off, not 20 × 26', () => {
    const money = computeOrderMoney({ ...inclusive, lines: [line(210, 20, [])], discount: percentOff(12.5) });
    expect(money).toMatchObject({ subtotal: 4200, discount: 525, total: 3675 });
  });

  it('spreads the discount over the lines by largest remainder: 149 over 1000, 990 and 990', () => {
    const money = computeOrderMoney({
      ...inclusive,
      lines: [line(1000, 1, []), line(990, 1, []), line(990, 1, [])],
      discount: percentOff(5),
    });
    expect(money.discount).toBe(149);
    expect(money.lines.map((each) => each?.discount)).toEqual([50, 50, 49]);
  });
});

describe('worked examples from real receipts', () => {
  const vat19 = rate('de-19', 19, 'MwSt 19 %');
  const vat7 = rate('de-7', 7, 'MwSt 7 %');

  it('Germany, eat-in: Schnitzel, two beers and water, all at 19 % contained in the prices', () => {
    const lines = [line(1890, 1, [vat19]), line(420, 2, [vat19]), line(290, 1, [vat19])];
    for (const taxRounding of ['line', 'order'] as const) {
      const money = computeOrderMoney({ ...inclusive, taxRounding, lines });
      // 1890 → 301.76, 840 → 134.12, 290 → 46.30: 302 + 134 + 46 = 482, and 3020 × 19/119 = 482.18 → 482.
      expect(withoutLines(money)).toEqual({
        subtotal: 3020,
        discount: 0,
        serviceCharge: 0,
        tax: 482,
        total: 3020,
        taxes: [{ taxRateId: 'de-19', name: 'MwSt 19 %', percent: 19, net: 2538, tax: 482, gross: 3020 }],
      });
    }
  });

  it('Germany, takeaway: the döner at 7 %, the cola at 19 %', () => {
    const money = computeOrderMoney({ ...inclusive, lines: [line(750, 1, [vat7]), line(250, 1, [vat19])] });
    // 750 × 7/107 = 49.07 → 49; 250 × 19/119 = 39.92 → 40.
    expect(withoutLines(money)).toEqual({
      subtotal: 1000,
      discount: 0,
      serviceCharge: 0,
      tax: 89,
      total: 1000,
      taxes: [
        { taxRateId: 'de-19', name: 'MwSt 19 %', percent: 19, net: 210, tax: 40, gross: 250 },
        { taxRateId: 'de-7', name: 'MwSt 7 %', percent: 7, net: 701, tax: 49, gross: 750 },
      ],
    });
  });

  it('the US: state 6.25 % and city 2.25 % stacked on prices that exclude them', () => {
    const state = rate('il', 6.25, 'State');
    const city = rate('chi', 2.25, 'City');
    const lines = [line(1299, 1, [city, state]), line(450, 1, [state, city]), line(299, 1, [state, city])];
    // Per line: state 81.19 → 81, 28.13 → 28, 18.69 → 19 (128); city 29.23 → 29, 10.13 → 10, 6.73 → 7 (46).
    // On the order: 2048 × 6.25 % = 128.00 and 2048 × 2.25 % = 46.08 → 46.
    for (const taxRounding of ['line', 'order'] as const) {
      const money = computeOrderMoney({ ...inclusive, pricesIncludeTax: false, taxRounding, lines });
      expect(withoutLines(money)).toEqual({
        subtotal: 2048,
        discount: 0,
        serviceCharge: 0,
        tax: 174,
        total: 2222,
        // The base is counted once, with the higher rate; the city's row carries its tax alone.
        taxes: [
          { taxRateId: 'il', name: 'State', percent: 6.25, net: 2048, tax: 128, gross: 2176 },
          { taxRateId: 'chi', name: 'City', percent: 2.25, net: 0, tax: 46, gross: 46 },
        ],
      });
    }
  });

  it('France: a dish at 10 %, wine at 20 %, bottled water at 5.5 %, contained in the prices', () => {
    const lines = [
      line(1650, 1, [rate('fr-10', 10)]),
      line(750, 1, [rate('fr-20', 20)]),
      line(450, 1, [rate('fr-5.5', 5.5)]),
    ];
    const money = computeOrderMoney({ ...inclusive, lines });
    // 1650 × 10/110 = 150; 750 × 20/120 = 125; 450 × 5.5/105.5 = 23.46 → 23.
    expect(money.taxes.map(({ percent, net, tax, gross }) => [percent, net, tax, gross])).toEqual([
      [20, 625, 125, 750],
      [10, 1500, 150, 1650],
      [5.5, 427, 23, 450],
    ]);
    expect(money).toMatchObject({ tax: 298, total: 2850 });
  });

  it('rounds per line or once per rate: three lines of 0.10 at 19 % carry 6 cents or 5', () => {
    const lines = [line(10, 1, [vat19]), line(10, 1, [vat19]), line(10, 1, [vat19])];
    const perLine = computeOrderMoney({ ...inclusive, lines });
    const perOrder = computeOrderMoney({ ...inclusive, taxRounding: 'order', lines });
    expect(perLine.tax).toBe(6);
    // 30 × 19/119 = 4.79 → 5, allocated back to the lines by largest remainder.
    expect(perOrder.tax).toBe(5);
    expect(perOrder.lines.map((each) => each?.taxes[0].tax)).toEqual([2, 2, 1]);
  });
});

describe('service charge and amount discounts', () => {
  const vat = rate('vat', 10);
  const lines = [line(1000, 1, [vat]), line(500, 1, [])];
  const settings = { ...inclusive, pricesIncludeTax: false, serviceChargePpm: percentToPpm(10) };

  it('computes the service charge once on the discounted subtotal and taxes it with each line’s rates', () => {
    const money = computeOrderMoney({ ...settings, lines, discount: { kind: 'amount', value: 300 } });
    // Discount 300 as 200 + 100; service 10 % of 1200 = 120 as 80 + 40; tax 10 % of 800 + 80 = 88.
    expect(withoutLines(money)).toEqual({
      subtotal: 1500,
      discount: 300,
      serviceCharge: 120,
      tax: 88,
      total: 1408,
      taxes: [
        { taxRateId: 'vat', name: 'vat 10 %', percent: 10, net: 880, tax: 88, gross: 968 },
        { taxRateId: null, name: 'Exempt', percent: 0, net: 440, tax: 0, gross: 440 },
      ],
    });
  });

  it('puts an untaxed service charge in the exempt row', () => {
    const money = computeOrderMoney({ ...settings, serviceChargeTaxed: false, lines, discount: null });
    expect(money.taxes).toEqual([
      { taxRateId: 'vat', name: 'vat 10 %', percent: 10, net: 1000, tax: 100, gross: 1100 },
      { taxRateId: null, name: 'Exempt', percent: 0, net: 650, tax: 0, gross: 650 },
    ]);
    expect(money).toMatchObject({ serviceCharge: 150, tax: 100, total: 1750 });
  });

  it('caps an amount discount at the subtotal and leaves voided lines out', () => {
    const money = computeOrderMoney({
      ...settings,
      lines: [line(400, 1, [vat]), line(900, 1, [vat], false)],
      discount: { kind: 'amount', value: 800 },
    });
    expect(withoutLines(money)).toMatchObject({
      subtotal: 400,
      discount: 400,
      serviceCharge: 0,
      tax: 0,
      total: 0,
    });
    expect(money.lines[1]).toBeNull();
  });
});

describe('dividing allocated money', () => {
  it('divides a line by quantity: the parts sum to the line, component by component and row by row', () => {
    const money = computeOrderMoney({
      ...inclusive,
      serviceChargePpm: percentToPpm(12.5),
      lines: [line(333, 3, [rate('a', 19), rate('b', 3)])],
      discount: percentOff(10),
    });
    const whole = money.lines[0]!;
    const parts = divideLineMoney(whole, 333, [1, 2], true);
    expect(parts.map((part) => part.quantity)).toEqual([1, 2]);
    expect(sumMoney(parts.map((part) => moneyOfLine(333, part)))).toEqual(moneyOfLine(333, whole));
  });

  it('splits evenly: totals differ by one at most, rows and components add up', () => {
    const money = computeOrderMoney({
      ...inclusive,
      pricesIncludeTax: false,
      serviceChargePpm: percentToPpm(10),
      lines: [line(1000, 1, [rate('a', 19)]), line(301, 1, [rate('b', 7)]), line(99, 1, [])],
      discount: percentOff(5),
    });
    const shares = evenShares(money, 3, false);
    expect(shares.map((share) => share.total)).toEqual(evenParts(money.total, 3));
    expect(sumMoney(shares)).toEqual(withoutLines(money));
  });
});

describe('arithmetic', () => {
  it('rounds halves up and is exact past 2^53', () => {
    expect(divideRoundHalfUp(5, 10)).toBe(1);
    expect(divideRoundHalfUp(14, 10)).toBe(1);
    expect(scaleRoundHalfUp(1_000_000_000_005, 100_000, PPM)).toBe(100_000_000_001);
    expect(scaleRoundHalfUp(15, 100_000, PPM)).toBe(2);
  });

  it('allocates by largest remainder, ties to the earlier part, evenly when no weight is given', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(7, [2, 5])).toEqual([2, 5]);
    expect(allocate(1, [1, 2])).toEqual([0, 1]);
  });
});

describe('evenShares', () => {
  it('spreads the remainder one minor unit at a time from the first part', () => {
    expect(evenParts(10, 3)).toEqual([4, 3, 3]);
    expect(evenParts(2, 4)).toEqual([1, 1, 0, 0]);
    expect(evenParts(0, 2)).toEqual([0, 0]);
  });

  it('keeps every part consistent: its total follows from its components, none negative', () => {
    // Net 1, service 1 and tax 1 on top, in three parts of 1: splitting each component on its own could give a
    // part the service and the tax cent, and so a subtotal of -1.
    const vat = { taxRateId: 'vat', name: 'VAT', percent: 100 };
    const money: Money = {
      subtotal: 1,
      discount: 0,
      serviceCharge: 1,
      tax: 1,
      total: 3,
      taxes: [{ ...vat, net: 2, tax: 1, gross: 3 }],
    };
    const parts = evenShares(money, 3, false);
    expect(
      parts.map(({ subtotal, serviceCharge, tax, total }) => [subtotal, serviceCharge, tax, total]),
    ).toEqual([
      [0, 0, 1, 1],
      [0, 1, 0, 1],
      [1, 0, 0, 1],
    ]);
    expect(sumMoney(parts)).toEqual(money);
  });
});
