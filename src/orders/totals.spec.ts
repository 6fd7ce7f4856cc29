import { computeTotals, divideRoundHalfUp, percentToPpm, PPM, scaleRoundHalfUp, TotalsInput } from './totals';

const base: TotalsInput = {
  items: [],
  discount: null,
  serviceChargePpm: 0,
  taxPpm: 0,
  pricesIncludeTax: true,
  paid: 0,
};
const item = (unitPrice: number, quantity = 1, live = true) => ({ unitPrice, quantity, live });

describe('computeTotals', () => {
  it('sums live items only: voided items cost nothing', () => {
    const totals = computeTotals({ ...base, items: [item(1250, 2), item(900, 1, false), item(350, 3)] });
    expect(totals).toEqual({
      subtotal: 3550,
      discount: 0,
      serviceCharge: 0,
      tax: 0,
      total: 3550,
      paid: 0,
      due: 3550,
      refundDue: 0,
    });
  });

  it('rounds percentage discounts to the nearest minor unit, halves up', () => {
    expect(
      computeTotals({ ...base, items: [item(999)], discount: { kind: 'percent', value: percentToPpm(10) } })
        .discount,
    ).toBe(100);
    expect(
      computeTotals({ ...base, items: [item(5)], discount: { kind: 'percent', value: percentToPpm(10) } })
        .discount,
    ).toBe(1);
    expect(
      computeTotals({ ...base, items: [item(4)], discount: { kind: 'percent', value: percentToPpm(10) } })
        .discount,
    ).toBe(0);
    expect(
      computeTotals({ ...base, items: [item(333)], discount: { kind: 'percent', value: percentToPpm(12.5) } })
        .discount,
    ).toBe(42);
  });

  it('caps an amount discount at the subtotal', () => {
    const totals = computeTotals({ ...base, items: [item(500)], discount: { kind: 'amount', value: 800 } });
    expect(totals).toMatchObject({ discount: 500, total: 0, due: 0 });
  });

  it('extracts tax contained in the prices (inclusive)', () => {
    const totals = computeTotals({ ...base, items: [item(1190)], taxPpm: percentToPpm(19) });
    expect(totals).toMatchObject({ subtotal: 1190, tax: 190, total: 1190 });
    const odd = computeTotals({ ...base, items: [item(1000)], taxPpm: percentToPpm(7) });
    expect(odd.tax).toBe(65);
  });

  it('adds tax on top of the prices (exclusive)', () => {
    const totals = computeTotals({
      ...base,
      items: [item(1000)],
      taxPpm: percentToPpm(8.875),
      pricesIncludeTax: false,
    });
    expect(totals).toMatchObject({ subtotal: 1000, tax: 89, total: 1089 });
  });

  // Per unit: discount 200, net 1800, service 225, tax on 2025 is 202.5 → 203; × 2 gives tax 406 (rounding the
  // order's 4050 once gave 405): totals round per unit so that a split never creates or loses a minor unit.
  it('applies discount, then service charge, then tax on both, per unit', () => {
    const totals = computeTotals({
      ...base,
      items: [item(2000, 2)],
      discount: { kind: 'percent', value: percentToPpm(10) },
      serviceChargePpm: percentToPpm(12.5),
      taxPpm: percentToPpm(10),
      pricesIncludeTax: false,
    });
    expect(totals).toEqual({
      subtotal: 4000,
      discount: 400,
      serviceCharge: 450,
      tax: 406,
      total: 4456,
      paid: 0,
      due: 4456,
      refundDue: 0,
    });
  });

  it('tracks what is due after partial payments and refunds, never below zero', () => {
    expect(computeTotals({ ...base, items: [item(3000)], paid: 1000 }).due).toBe(2000);
    expect(computeTotals({ ...base, items: [item(3000)], paid: 3000 }).due).toBe(0);
    expect(computeTotals({ ...base, items: [item(3000, 1, false), item(1000)], paid: 4000 }).due).toBe(0);
  });

  it('owes back what was paid over the total (a void or a discount after payment), never hidden by due 0', () => {
    expect(computeTotals({ ...base, items: [item(3000, 1, false), item(1000)], paid: 4000 })).toMatchObject({
      due: 0,
      refundDue: 3000,
    });
    expect(computeTotals({ ...base, items: [item(1000)], paid: 400 })).toMatchObject({
      due: 600,
      refundDue: 0,
    });
    expect(computeTotals({ ...base, items: [item(1000)], paid: 1000 })).toMatchObject({
      due: 0,
      refundDue: 0,
    });
  });

  it('rounds per unit, so lines add up: two orders of one unit each total what one order of two does', () => {
    const rates = {
      discount: { kind: 'percent' as const, value: percentToPpm(10) },
      taxPpm: percentToPpm(7),
    };
    const one = computeTotals({ ...base, ...rates, items: [item(5)] });
    const two = computeTotals({ ...base, ...rates, items: [item(5, 2)] });
    // 10 % of 5 is 0.5 → 1 per unit: 2 for two units, where rounding 10 % of 10 once would give 1.
    expect(one).toMatchObject({ discount: 1, total: 4 });
    expect(two).toMatchObject({ discount: 2, total: 8 });
  });

  it('takes an amount discount off with its own service charge and tax, each capped at what the items carry', () => {
    const rates = { serviceChargePpm: percentToPpm(10), taxPpm: percentToPpm(10), pricesIncludeTax: false };
    // Items: 1000, service 100, tax 110. The discount 300 takes service 30 and tax on 330, 33.
    expect(
      computeTotals({ ...base, ...rates, items: [item(1000)], discount: { kind: 'amount', value: 300 } }),
    ).toMatchObject({ subtotal: 1000, discount: 300, serviceCharge: 70, tax: 77, total: 847 });
    // Ten units of 4: service rounds to 0 per unit, so the discount's 4 of service is capped at 0.
    expect(
      computeTotals({ ...base, ...rates, items: [item(4, 10)], discount: { kind: 'amount', value: 40 } }),
    ).toMatchObject({ subtotal: 40, discount: 40, serviceCharge: 0, tax: 0, total: 0 });
  });

  it('adds even-split shares component by component, the total following from them', () => {
    const totals = computeTotals({
      ...base,
      pricesIncludeTax: false,
      items: [item(1000)],
      shares: { subtotal: -600, discount: 0, serviceCharge: 0, tax: -10 },
    });
    expect(totals).toMatchObject({ subtotal: 400, tax: -10, total: 390 });
  });

  it('keeps zero-priced orders at zero', () => {
    expect(
      computeTotals({ ...base, taxPpm: percentToPpm(20), serviceChargePpm: percentToPpm(10) }),
    ).toMatchObject({ total: 0, due: 0 });
  });
});

describe('scaleRoundHalfUp', () => {
  it('is exact past 2^53, where the product of a huge amount and a rate would lose digits', () => {
    expect(scaleRoundHalfUp(1_000_000_000_001, 100_000, PPM)).toBe(100_000_000_000);
    expect(scaleRoundHalfUp(1_000_000_000_005, 100_000, PPM)).toBe(100_000_000_001);
    expect(scaleRoundHalfUp(15, 100_000, PPM)).toBe(2);
  });
});

describe('divideRoundHalfUp', () => {
  it('rounds halves up and the rest to the nearest', () => {
    expect(divideRoundHalfUp(5, 10)).toBe(1);
    expect(divideRoundHalfUp(4, 10)).toBe(0);
    expect(divideRoundHalfUp(15, 10)).toBe(2);
    expect(divideRoundHalfUp(14, 10)).toBe(1);
    expect(divideRoundHalfUp(0, 7)).toBe(0);
  });
});
