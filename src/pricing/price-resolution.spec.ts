import fc from 'fast-check';
import { PriceCandidates, resolvePrice, RuleCandidate, rulePrice } from './price-resolution';

/** Runs per property: each run is a random line with its level and rules. */
const RUNS = 2000;

const ruleArb: fc.Arbitrary<RuleCandidate> = fc
  .record({
    // Few distinct ids, so equal prices from different rules come up often.
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    kind: fc.constantFrom('percent_off' as const, 'fixed_price' as const),
    value: fc.integer({ min: 1, max: 100_000 }),
  })
  .map((rule) =>
    rule.kind === 'percent_off' ? { ...rule, value: Math.min(rule.value, 10_000) / 100 } : rule,
  );

const candidatesArb: fc.Arbitrary<PriceCandidates> = fc.record({
  listPrice: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 100_000_000 })),
  level: fc.option(fc.record({ id: fc.constant('level'), price: fc.integer({ min: 0, max: 100_000 }) })),
  rules: fc.uniqueArray(ruleArb, { selector: (rule) => rule.id, maxLength: 5 }),
});

describe('resolvePrice', () => {
  it('sells at the list price when nothing else applies', () => {
    expect(resolvePrice({ listPrice: 900, level: null, rules: [] })).toEqual({
      listPrice: 900,
      unitPrice: 900,
      priceRuleId: null,
      priceLevelId: null,
    });
  });

  it('takes the level over the list price, even when it is higher (the terrace charges more)', () => {
    expect(resolvePrice({ listPrice: 900, level: { id: 'terrace', price: 1100 }, rules: [] })).toEqual({
      listPrice: 900,
      unitPrice: 1100,
      priceRuleId: null,
      priceLevelId: 'terrace',
    });
  });

  it('takes a percent off the level price, rounded half up', () => {
    const resolved = resolvePrice({
      listPrice: 900,
      level: { id: 'terrace', price: 1105 },
      rules: [{ id: 'happy', kind: 'percent_off', value: 50 }],
    });
    expect(resolved).toEqual({
      listPrice: 900,
      unitPrice: 552,
      priceRuleId: 'happy',
      priceLevelId: 'terrace',
    });
  });

  it('lets a fixed price set the price whatever the level', () => {
    expect(rulePrice({ kind: 'fixed_price', value: 700 }, 1100)).toBe(700);
    expect(rulePrice({ kind: 'percent_off', value: 100 }, 1100)).toBe(0);
    expect(rulePrice({ kind: 'percent_off', value: 12.5 }, 1)).toBe(1);
    expect(rulePrice({ kind: 'percent_off', value: 50 }, 1)).toBe(0);
  });

  it('gives equal prices to the rule whose id sorts first', () => {
    const rules: RuleCandidate[] = [
      { id: 'b', kind: 'fixed_price', value: 500 },
      { id: 'a', kind: 'percent_off', value: 50 },
    ];
    expect(resolvePrice({ listPrice: 1000, level: null, rules }).priceRuleId).toBe('a');
    expect(resolvePrice({ listPrice: 1000, level: null, rules: [...rules].reverse() }).priceRuleId).toBe('a');
  });

  it('chooses the minimum of the applicable candidates', () => {
    fc.assert(
      fc.property(candidatesArb, (candidates) => {
        const resolved = resolvePrice(candidates);
        const base = candidates.level ? candidates.level.price : candidates.listPrice;
        const prices = candidates.rules.map((rule) => rulePrice(rule, base));
        if (prices.length === 0) {
          expect(resolved.unitPrice).toBe(base);
          expect(resolved.priceRuleId).toBeNull();
        } else {
          expect(resolved.unitPrice).toBe(Math.min(...prices));
          const winners = candidates.rules.filter((rule) => rulePrice(rule, base) === resolved.unitPrice);
          expect(resolved.priceRuleId).toBe(winners.map((rule) => rule.id).sort()[0]);
        }
        expect(resolved.listPrice).toBe(candidates.listPrice);
        expect(resolved.priceLevelId).toBe(candidates.level?.id ?? null);
        expect(resolved.unitPrice).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same candidates in any order give the same price and rule', () => {
    fc.assert(
      fc.property(
        candidatesArb.chain((candidates) =>
          fc.tuple(
            fc.constant(candidates),
            fc.shuffledSubarray([...candidates.rules], {
              minLength: candidates.rules.length,
              maxLength: candidates.rules.length,
            }),
          ),
        ),
        ([candidates, shuffled]) => {
          expect(resolvePrice({ ...candidates, rules: shuffled })).toEqual(resolvePrice(candidates));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('takes a percent off that never exceeds the price it comes off', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (base, hundredths) => {
          const price = rulePrice({ kind: 'percent_off', value: hundredths / 100 }, base);
          expect(price).toBeGreaterThanOrEqual(0);
          expect(price).toBeLessThanOrEqual(base);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
