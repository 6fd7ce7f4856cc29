import fc from 'fast-check';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import {
  Check,
  Discount,
  evenParts,
  evenShares,
  Line,
  planMerge,
  planSplit,
  Planning,
  shareAdjustment,
  SplitPlan,
  SplitRequest,
} from './check-splits';
import { ItemStatus, LIVE_ITEM } from './order-status';
import { computeTotals, percentToPpm, Totals, TotalsInput } from './totals';

/** Runs per property: each run is a random order and a random split of it. */
const RUNS = 2000;

/** A line as the glue sees it: its unit price is the menu price plus its modifiers' price deltas. */
interface TestLine extends Line {
  basePrice: number;
  deltas: number[];
}

type TestCheck = Check<TestLine, Discount>;

interface Rates {
  serviceChargePpm: number;
  taxPpm: number;
  pricesIncludeTax: boolean;
}

function planningFor(rates: Rates): Planning<TestLine, Discount> {
  let next = 0;
  return {
    inputOf: (check: TestCheck): TotalsInput => ({
      items: check.items.map((line) => ({
        unitPrice: line.basePrice + line.deltas.reduce((sum, delta) => sum + delta, 0),
        quantity: line.quantity,
        live: LIVE_ITEM(line.status),
      })),
      discount: check.discount,
      ...rates,
      shares: shareAdjustment(check.shares),
      paid: check.paid,
    }),
    newId: () => `new-${(next += 1)}`,
    divide: (line, quantity, id) => ({ ...line, id, quantity }),
  };
}

const percentArb = fc.integer({ min: 0, max: 3000 }).map((hundredths) => percentToPpm(hundredths / 100));

const ratesArb: fc.Arbitrary<Rates> = fc.record({
  serviceChargePpm: fc.oneof(fc.constant(0), percentArb),
  taxPpm: fc.oneof(
    fc.constant(0),
    fc.constantFrom(percentToPpm(7), percentToPpm(19), percentToPpm(8.875)),
    percentArb,
  ),
  pricesIncludeTax: fc.boolean(),
});

const lineArb = (guests: number) =>
  fc.record({
    basePrice: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100_000 })),
    deltas: fc.array(fc.integer({ min: 0, max: 450 }), { maxLength: 3 }),
    quantity: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 99 })),
    seat: fc.option(fc.integer({ min: 1, max: guests }), { nil: null }),
    status: fc.constantFrom(ItemStatus.New, ItemStatus.New, ItemStatus.Served, ItemStatus.Cancelled),
  });

const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 10_000 }).map((hundredths) => ({
    kind: 'percent' as const,
    value: percentToPpm(hundredths / 100),
  })),
  fc.integer({ min: 1, max: 50_000 }).map((value) => ({ kind: 'amount' as const, value })),
);

/** A random order: lines with modifiers, seats and voids, a discount or none, and sometimes a payment. */
const checkArb: fc.Arbitrary<TestCheck> = fc.integer({ min: 1, max: 6 }).chain((guests) =>
  fc
    .record({
      lines: fc.array(lineArb(guests), { minLength: 1, maxLength: 8 }),
      discount: discountArb,
      paidShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map(({ lines, discount, paidShare }) => ({
      id: 'original',
      items: lines.map((line, i) => ({ ...line, id: `line-${i}` })),
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

const COMPONENTS = ['subtotal', 'discount', 'serviceCharge', 'tax', 'total'] as const;

const moneyOf = (totals: Totals) => Object.fromEntries(COMPONENTS.map((key) => [key, totals[key]]));

/** Deep copy, so that a plan can never reach back into the check it was made from. */
const copy = (check: TestCheck): TestCheck => JSON.parse(JSON.stringify(check)) as TestCheck;

interface Scenario {
  rates: Rates;
  check: TestCheck;
  request: SplitRequest;
  /** Which of the split's checks the others are merged back into. */
  targetIndex: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.tuple(ratesArb, checkArb).chain(([rates, unpaid]) => {
  // Paid is drawn as a share of the total, so that some payments block a split and most do not.
  const total = computeTotals(planningFor(rates).inputOf(unpaid)).total;
  const check = { ...unpaid, paid: Math.floor(total * unpaid.paid) };
  return fc.record({
    rates: fc.constant(rates),
    check: fc.constant(check),
    request: splitArb(check),
    targetIndex: fc.nat(),
  });
});

/** The plan, or the 409 that refused it; any other error fails the property. */
function trySplit(scenario: Scenario): SplitPlan<TestLine, Discount> | DomainError {
  try {
    return planSplit(copy(scenario.check), scenario.request, planningFor(scenario.rates));
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.Conflict) return error;
    throw error;
  }
}

describe('check splits: no split creates or loses a minor unit (fast-check, ' + RUNS + ' runs each)', () => {
  const outcomes = { split: 0, refused: 0 };

  it('the parts of any split (by seat, by items, even) sum to the original, component by component', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const totalsOf = (check: TestCheck) => computeTotals(planningFor(scenario.rates).inputOf(check));
        const before = totalsOf(scenario.check);
        const plan = trySplit(scenario);
        if (plan instanceof DomainError) {
          outcomes.refused += 1;
          return;
        }
        outcomes.split += 1;
        const checks = [plan.original, ...plan.parts];
        const parts = checks.map(totalsOf);
        for (const key of COMPONENTS) {
          expect(parts.reduce((sum, totals) => sum + totals[key], 0)).toBe(before[key]);
        }
        for (const totals of parts) {
          expect(totals.subtotal - totals.discount).toBeGreaterThanOrEqual(0);
          expect(Math.min(totals.serviceCharge, totals.tax, totals.total)).toBeGreaterThanOrEqual(0);
        }
        // What was paid stays on the original, and it still covers it: no paid-for item moved.
        expect(plan.original.paid).toBe(scenario.check.paid);
        expect(parts[0].total).toBeGreaterThanOrEqual(scenario.check.paid);
        // Units are neither made nor lost: every line's quantity is accounted for.
        const units = (list: TestCheck[]) =>
          list.flatMap((check) => check.items).reduce((sum, line) => sum + line.quantity, 0);
        expect(units(checks)).toBe(units([scenario.check]));
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
          const totals = [plan.original, ...plan.parts].map((check) =>
            computeTotals(planningFor(scenario.rates).inputOf(check)),
          );
          const amounts = totals.map((part) => part.total);
          expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
          // The food stays on the original: the kitchen sees no new ticket.
          expect(plan.parts.every((part) => part.items.length === 0)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('merging the parts of any split back, into any of them, restores the original totals exactly', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const totalsOf = (check: TestCheck) => computeTotals(planningFor(scenario.rates).inputOf(check));
        const plan = trySplit(scenario);
        if (plan instanceof DomainError) return;
        const checks = [plan.original, ...plan.parts];
        const target = checks[scenario.targetIndex % checks.length];
        const merged = planMerge(
          target,
          checks.filter((check) => check !== target),
        );
        expect(moneyOf(totalsOf(merged))).toEqual(moneyOf(totalsOf(scenario.check)));
        expect(merged.shares).toEqual([]);
        expect(merged.paid).toBe(scenario.check.paid);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses exactly the splits that would leave paid-for items uncovered or change an amount discount', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const plan = trySplit(scenario);
        if (!(plan instanceof DomainError)) return;
        const message = plan.message;
        const reason = /paid for/.test(message)
          ? 'paid'
          : /amount discount/.test(message)
            ? 'discount'
            : /Nothing to split/.test(message)
              ? 'nothing'
              : 'other';
        expect(reason).not.toBe('other');
        if (reason === 'paid') expect(scenario.check.paid).toBeGreaterThan(0);
        if (reason === 'discount') expect(scenario.check.discount?.kind).toBe('amount');
        if (reason === 'nothing') expect(scenario.request.by).toBe('seat');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('evenShares', () => {
  it('spreads the remainder one minor unit at a time from the first part', () => {
    expect(evenParts(10, 3)).toEqual([4, 3, 3]);
    expect(evenParts(2, 4)).toEqual([1, 1, 0, 0]);
    expect(evenParts(0, 2)).toEqual([0, 0]);
  });

  it('keeps every part consistent: its total follows from its components, none negative', () => {
    // Net 1, service 1 and tax 1 on top, in three parts of 1: splitting each component on its own would give
    // part 1 the service and the tax cent, and so a subtotal of -1.
    const parts = evenShares({ subtotal: 1, discount: 0, serviceCharge: 1, tax: 1, total: 3 }, 3, false);
    expect(parts).toEqual([
      { subtotal: 0, discount: 0, serviceCharge: 1, tax: 0, total: 1 },
      { subtotal: 0, discount: 0, serviceCharge: 0, tax: 1, total: 1 },
      { subtotal: 1, discount: 0, serviceCharge: 0, tax: 0, total: 1 },
    ]);
  });
});

describe('planSplit', () => {
  const rates: Rates = {
    serviceChargePpm: percentToPpm(10),
    taxPpm: percentToPpm(19),
    pricesIncludeTax: true,
  };
  const line = (id: string, basePrice: number, quantity: number, seat: number | null = null): TestLine => ({
    id,
    basePrice,
    deltas: [],
    quantity,
    seat,
    status: ItemStatus.New,
  });
  const check = (items: TestLine[], extra: Partial<TestCheck> = {}): TestCheck => ({
    id: 'o',
    items,
    discount: null,
    shares: [],
    paid: 0,
    ...extra,
  });

  it('divides a line when only part of it moves: the line keeps its id and the rest', () => {
    const plan = planSplit(
      check([line('a', 500, 3)]),
      { by: 'items', items: [{ itemId: 'a', quantity: 1 }] },
      planningFor(rates),
    );
    expect(plan.original.items).toMatchObject([{ id: 'a', quantity: 2 }]);
    expect(plan.parts[0].items).toMatchObject([{ id: 'new-1', quantity: 1, basePrice: 500 }]);
  });

  it('splits by seat: seatless and lowest-seat items stay, each other seat gets a part', () => {
    const plan = planSplit(
      check([line('a', 100, 1, 2), line('b', 100, 1, null), line('c', 100, 1, 3), line('d', 100, 1, 2)]),
      { by: 'seat' },
      planningFor(rates),
    );
    expect(plan.original.items.map((item) => item.id)).toEqual(['a', 'b', 'd']);
    expect(plan.parts.map((part) => part.items.map((item) => item.id))).toEqual([['c']]);
  });

  it('refuses to move items that were paid for, and a split that would shrink an amount discount', () => {
    const paid = check([line('a', 1000, 1), line('b', 1000, 1)], { paid: 1500 });
    expect(() =>
      planSplit(paid, { by: 'items', items: [{ itemId: 'b', quantity: 1 }] }, planningFor(rates)),
    ).toThrow(/already paid for/);
    expect(() => planSplit(paid, { by: 'even', parts: 2 }, planningFor(rates))).toThrow(/already paid for/);
    const discounted = check([line('a', 1000, 1), line('b', 300, 1)], {
      discount: { kind: 'amount', value: 800 },
    });
    expect(() =>
      planSplit(discounted, { by: 'items', items: [{ itemId: 'a', quantity: 1 }] }, planningFor(rates)),
    ).toThrow(/remove or re-give the discount/);
  });
});
