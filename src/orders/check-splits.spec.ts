import fc from 'fast-check';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import {
  computeOrderMoney,
  divideLineMoney,
  LineMoney,
  Money,
  MoneySettings,
  moneyOfLine,
  percentToPpm,
  sumMoney,
  TaxRate,
} from '../money';
import {
  Check,
  Discount,
  Line,
  planMerge,
  planMove,
  planSplit,
  Planning,
  shareMoney,
  SplitPlan,
  SplitRequest,
} from './check-splits';
import { ItemStatus, LIVE_ITEM } from './order-status';

/** Runs per property: each run is a random order and a random split of it. */
const RUNS = 2000;

/** A line as the glue sees it: its unit price is the menu price plus its modifiers' price deltas. */
interface TestLine extends Line {
  basePrice: number;
  deltas: number[];
  rates: TaxRate[];
  allocation: LineMoney | null;
}

type TestCheck = Check<TestLine, Discount>;

const unitPrice = (line: TestLine) => line.basePrice + line.deltas.reduce((sum, delta) => sum + delta, 0);

/** A check's money as the glue computes it: its live lines' allocations and its shares. */
const moneyOf = (check: TestCheck): Money =>
  sumMoney([
    ...check.items
      .filter((line) => LIVE_ITEM(line.status) && line.allocation)
      .map((line) => moneyOfLine(unitPrice(line), line.allocation!)),
    shareMoney(check.shares),
  ]);

/** The check with its lines allocated, as an order is after every change to its money. */
function allocated(check: TestCheck, settings: MoneySettings): TestCheck {
  const money = computeOrderMoney({
    ...settings,
    discount: check.discount,
    lines: check.items.map((line) => ({
      unitPrice: unitPrice(line),
      quantity: line.quantity,
      live: LIVE_ITEM(line.status),
      rates: line.rates,
    })),
  });
  return { ...check, items: check.items.map((line, i) => ({ ...line, allocation: money.lines[i] })) };
}

function planningFor(settings: MoneySettings): Planning<TestLine, Discount> {
  let next = 0;
  return {
    moneyOf,
    pricesIncludeTax: settings.pricesIncludeTax,
    newId: () => `new-${(next += 1)}`,
    divide: (line, quantities, id) => {
      const [rest, taken] = divideLineMoney(
        line.allocation!,
        unitPrice(line),
        quantities,
        settings.pricesIncludeTax,
      );
      return [
        { ...line, quantity: quantities[0], allocation: rest },
        { ...line, id, quantity: quantities[1], allocation: taken },
      ];
    },
  };
}

const percentArb = fc.integer({ min: 0, max: 3000 }).map((hundredths) => percentToPpm(hundredths / 100));

const settingsArb: fc.Arbitrary<MoneySettings> = fc.record({
  serviceChargePpm: fc.oneof(fc.constant(0), percentArb),
  serviceChargeTaxed: fc.boolean(),
  pricesIncludeTax: fc.boolean(),
  taxRounding: fc.constantFrom('line' as const, 'order' as const),
});

/** The rates a restaurant might have: German, French and US ones, and odd percents with 4 decimals. */
const RATES: TaxRate[] = [
  { taxRateId: 'de-19', name: 'VAT 19 %', percent: 19 },
  { taxRateId: 'de-7', name: 'VAT 7 %', percent: 7 },
  { taxRateId: 'fr-5.5', name: 'TVA 5,5 %', percent: 5.5 },
  { taxRateId: 'us-state', name: 'State', percent: 6.25 },
  { taxRateId: 'us-city', name: 'City', percent: 2.25 },
  { taxRateId: 'odd', name: 'Odd', percent: 8.8751 },
];

/** None (exempt), one, or several stacked. */
export const ratesArb = fc.subarray(RATES, { maxLength: 3 });

const lineArb = (guests: number) =>
  fc.record({
    basePrice: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100_000 })),
    deltas: fc.array(fc.integer({ min: 0, max: 450 }), { maxLength: 3 }),
    quantity: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 99 })),
    seat: fc.option(fc.integer({ min: 1, max: guests }), { nil: null }),
    status: fc.constantFrom(ItemStatus.New, ItemStatus.New, ItemStatus.Served, ItemStatus.Cancelled),
    rates: ratesArb,
  });

const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 10_000 }).map((hundredths) => ({
    kind: 'percent' as const,
    value: percentToPpm(hundredths / 100),
  })),
  fc.integer({ min: 1, max: 50_000 }).map((value) => ({ kind: 'amount' as const, value })),
);

/** A random order: lines with rates, modifiers, seats and voids, a discount or none, and sometimes a payment. */
const checkArb: fc.Arbitrary<TestCheck> = fc.integer({ min: 1, max: 6 }).chain((guests) =>
  fc
    .record({
      lines: fc.array(lineArb(guests), { minLength: 1, maxLength: 8 }),
      discount: discountArb,
      paidShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map(({ lines, discount, paidShare }) => ({
      id: 'original',
      items: lines.map((line, i) => ({ ...line, id: `line-${i}`, allocation: null })),
      discount,
      shares: [],
      paid: paidShare,
    })),
);

const splitArb = (check: TestCheck): fc.Arbitrary<SplitRequest> => {
  const live = check.items.filter((line) => LIVE_ITEM(line.status));
  const bySeat = fc.constant<SplitRequest>({ by: 'seat' });
  const even = fc.integer({ min: 2, max: 20 }).map((parts): SplitRequest => ({ by: 'even', parts }));
  if (live.length === 0) return fc.oneof(bySeat, even);
  const byItems = fc
    .subarray(live, { minLength: 1 })
    .chain((lines) =>
      fc.tuple(
        ...lines.map((line) =>
          fc.integer({ min: 1, max: line.quantity }).map((quantity) => ({ itemId: line.id, quantity })),
        ),
      ),
    )
    .map((items): SplitRequest => ({ by: 'items', items }));
  return fc.oneof(bySeat, even, byItems);
};

/** The money without the order the rows came in: rows are compared as sorted by the module. */
const exact = (money: Money) => ({ ...money });

/** Deep copy, so that a plan can never reach back into the check it was made from. */
const copy = (check: TestCheck): TestCheck => JSON.parse(JSON.stringify(check)) as TestCheck;

/** Nothing in a part is negative: its net of discount, service charge, tax, total, and every row. */
function expectNoNegative(money: Money): void {
  expect(money.subtotal - money.discount).toBeGreaterThanOrEqual(0);
  expect(Math.min(money.discount, money.serviceCharge, money.tax, money.total)).toBeGreaterThanOrEqual(0);
  for (const row of money.taxes) expect(Math.min(row.net, row.tax, row.gross)).toBeGreaterThanOrEqual(0);
}

interface Scenario {
  settings: MoneySettings;
  check: TestCheck;
  request: SplitRequest;
  /** Which of the split's checks the others are merged back into. */
  targetIndex: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.tuple(settingsArb, checkArb).chain(([settings, unpaid]) => {
  // Paid is drawn as a share of the total, so that some payments block a split and most do not.
  const check = allocated(unpaid, settings);
  check.paid = Math.floor(moneyOf(check).total * unpaid.paid);
  return fc.record({
    settings: fc.constant(settings),
    check: fc.constant(check),
    request: splitArb(check),
    targetIndex: fc.nat(),
  });
});

/** The plan, or the 409 that refused it; any other error fails the property. */
function trySplit(scenario: Scenario): SplitPlan<TestLine, Discount> | DomainError {
  try {
    return planSplit(copy(scenario.check), scenario.request, planningFor(scenario.settings));
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.Conflict) return error;
    throw error;
  }
}

describe(`check splits: no split creates or loses a minor unit (fast-check, ${RUNS} runs each)`, () => {
  const outcomes = { split: 0, refused: 0 };

  it('the parts of any split (by seat, by items, even) sum to the original, component by component and row by row', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const before = moneyOf(scenario.check);
        const plan = trySplit(scenario);
        if (plan instanceof DomainError) {
          outcomes.refused += 1;
          return;
        }
        outcomes.split += 1;
        const checks = [plan.original, ...plan.parts];
        const parts = checks.map(moneyOf);
        expect(sumMoney(parts)).toEqual(exact(before));
        parts.forEach(expectNoNegative);
        // What was paid stays on the original, and it still covers it: no paid-for item moved.
        expect(plan.original.paid).toBe(scenario.check.paid);
        expect(parts[0].total).toBeGreaterThanOrEqual(scenario.check.paid);
        // Units are neither made nor lost: every line's quantity is accounted for.
        const units = (list: TestCheck[]) =>
          list.flatMap((check) => check.items).reduce((sum, line) => sum + line.quantity, 0);
        expect(units(checks)).toBe(units([scenario.check]));
        // An amount discount is spread, never made: the parts' amounts add up to the original's.
        if (scenario.check.discount?.kind === 'amount' && scenario.request.by !== 'even') {
          const amounts = checks.map((check) => check.discount?.value ?? 0);
          expect(amounts.reduce((a, b) => a + b, 0)).toBe(scenario.check.discount.value);
        }
      }),
      { numRuns: RUNS },
    );
    // Most random splits go through: the property is not proved on refusals alone.
    expect(outcomes.split).toBeGreaterThan(outcomes.refused);
  });

  it('the parts of an even split differ by at most one minor unit in total', () => {
    fc.assert(
      fc.property(
        scenarioArb.filter((scenario) => scenario.request.by === 'even'),
        (scenario) => {
          const plan = trySplit(scenario);
          if (plan instanceof DomainError) return;
          const amounts = [plan.original, ...plan.parts].map((check) => moneyOf(check).total);
          expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
          // The food stays on the original: the kitchen sees no new ticket.
          expect(plan.parts.every((part) => part.items.length === 0)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('merging the parts of any split back, into any of them, restores the original to the minor unit', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const plan = trySplit(scenario);
        if (plan instanceof DomainError) return;
        const checks = [plan.original, ...plan.parts];
        const target = checks[scenario.targetIndex % checks.length];
        const merged = planMerge(
          target,
          checks.filter((check) => check !== target),
        );
        expect(moneyOf(merged)).toEqual(moneyOf(scenario.check));
        expect(merged.shares).toEqual([]);
        expect(merged.paid).toBe(scenario.check.paid);
        expect(merged.discount?.value ?? null).toBe(scenario.check.discount?.value ?? null);
      }),
      { numRuns: RUNS },
    );
  });

  it('moving items to another order moves their money exactly, and moving them back restores both', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        if (scenario.request.by !== 'items') return;
        const planning = planningFor(scenario.settings);
        const source = { ...copy(scenario.check), paid: 0 };
        const target: TestCheck = { id: 'target', items: [], discount: null, shares: [], paid: 0 };
        const moved = planMove(source, target, scenario.request.items, planning);
        expect(sumMoney([moneyOf(moved.source), moneyOf(moved.target)])).toEqual(moneyOf(source));
        [moved.source, moved.target].map(moneyOf).forEach(expectNoNegative);
        const back = planMerge(moved.source, [moved.target]);
        expect(moneyOf(back)).toEqual(moneyOf(source));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses only the splits that would leave paid-for items uncovered, or that have nothing to split', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const plan = trySplit(scenario);
        if (!(plan instanceof DomainError)) return;
        const reason = /paid for/.test(plan.message)
          ? 'paid'
          : /Nothing to split/.test(plan.message)
            ? 'nothing'
            : 'other';
        expect(reason).not.toBe('other');
        if (reason === 'paid') expect(scenario.check.paid).toBeGreaterThan(0);
        if (reason === 'nothing') expect(scenario.request.by).toBe('seat');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('planSplit', () => {
  const settings: MoneySettings = {
    serviceChargePpm: percentToPpm(10),
    serviceChargeTaxed: true,
    pricesIncludeTax: true,
    taxRounding: 'line',
  };
  const vat = [{ taxRateId: 'vat', name: 'VAT 19 %', percent: 19 }];
  const line = (id: string, basePrice: number, quantity: number, seat: number | null = null): TestLine => ({
    id,
    basePrice,
    deltas: [],
    quantity,
    seat,
    status: ItemStatus.New,
    rates: vat,
    allocation: null,
  });
  const check = (items: TestLine[], extra: Partial<TestCheck> = {}): TestCheck =>
    allocated({ id: 'o', items, discount: null, shares: [], paid: 0, ...extra }, settings);

  it('divides a line when only part of it moves: the line keeps its id and the rest, the money divides', () => {
    const whole = check([line('a', 500, 3)]);
    const plan = planSplit(
      whole,
      { by: 'items', items: [{ itemId: 'a', quantity: 1 }] },
      planningFor(settings),
    );
    expect(plan.original.items).toMatchObject([{ id: 'a', quantity: 2 }]);
    expect(plan.parts[0].items).toMatchObject([{ id: 'new-1', quantity: 1, basePrice: 500 }]);
    // Service 150 and tax 263 (1650 × 19/119 = 263.45) divide 2 : 1 by largest remainder: 175.33 and 87.67.
    expect(moneyOf(plan.original)).toMatchObject({ serviceCharge: 100, tax: 175, total: 1100 });
    expect(moneyOf(plan.parts[0])).toMatchObject({ serviceCharge: 50, tax: 88, total: 550 });
  });

  it('splits by seat: seatless and lowest-seat items stay, each other seat gets a part', () => {
    const plan = planSplit(
      check([line('a', 100, 1, 2), line('b', 100, 1, null), line('c', 100, 1, 3), line('d', 100, 1, 2)]),
      { by: 'seat' },
      planningFor(settings),
    );
    expect(plan.original.items.map((item) => item.id)).toEqual(['a', 'b', 'd']);
    expect(plan.parts.map((part) => part.items.map((item) => item.id))).toEqual([['c']]);
  });

  it('refuses to move items that were paid for', () => {
    const paid = check([line('a', 1000, 1), line('b', 1000, 1)], { paid: 1500 });
    expect(() =>
      planSplit(paid, { by: 'items', items: [{ itemId: 'b', quantity: 1 }] }, planningFor(settings)),
    ).toThrow(/already paid for/);
    expect(() => planSplit(paid, { by: 'even', parts: 2 }, planningFor(settings))).toThrow(
      /already paid for/,
    );
  });

  it('sends the part of an amount discount its lines carry along with them', () => {
    const discounted = check([line('a', 1000, 1), line('b', 300, 1)], {
      discount: { kind: 'amount', value: 800 },
    });
    const plan = planSplit(
      discounted,
      { by: 'items', items: [{ itemId: 'a', quantity: 1 }] },
      planningFor(settings),
    );
    // 800 spread over 1000 and 300: 615 and 185.
    expect(plan.parts[0].discount).toEqual({ kind: 'amount', value: 615 });
    expect(plan.original.discount).toEqual({ kind: 'amount', value: 185 });
    expect(sumMoney([moneyOf(plan.original), moneyOf(plan.parts[0])])).toEqual(moneyOf(discounted));
  });
});
