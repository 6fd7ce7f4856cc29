import { percentToPpm, PPM, scaleRoundHalfUp } from '../money';

/** How a price rule sets a price: a percent off the price it replaces, or a price of its own. */
export type PriceRuleKind = 'percent_off' | 'fixed_price';

/** A rule in force for the line: its schedule is on and it applies to the line's order type and variation. */
export interface RuleCandidate {
  id: string;
  kind: PriceRuleKind;
  /** A percent (0, 100] with at most 2 decimals, or a price in minor units. */
  value: number;
}

/** Everything that may price one line, already filtered to what applies to it. */
export interface PriceCandidates {
  listPrice: number;
  /** The price level chosen for the line (the table's area, else the order type), when it prices the variation. */
  level: { id: string; price: number } | null;
  rules: readonly RuleCandidate[];
}

/** What the line keeps: its list price, the price it is sold at, and what set it. */
export interface ResolvedPrice {
  listPrice: number;
  unitPrice: number;
  priceRuleId: string | null;
  priceLevelId: string | null;
}

/**
 * The price of one line. Precedence: a rule in force, then the price level, then the list price. A percent off
 * comes off the price the rule replaces (the level's, else the list price), rounded half up to the minor unit.
 * Among several rules the lowest price wins; equal prices go to the rule whose id sorts first, so the result
 * never depends on the order the candidates came in.
 */
export function resolvePrice({ listPrice, level, rules }: PriceCandidates): ResolvedPrice {
  const base = level ? level.price : listPrice;
  let best: { id: string; price: number } | null = null;
  for (const rule of rules) {
    const price = rulePrice(rule, base);
    if (!best || price < best.price || (price === best.price && rule.id < best.id))
      best = { id: rule.id, price };
  }
  return {
    listPrice,
    unitPrice: best ? best.price : base,
    priceRuleId: best ? best.id : null,
    priceLevelId: level ? level.id : null,
  };
}

/** The price one rule sets on a line whose price without it is `base`. */
export function rulePrice(rule: Pick<RuleCandidate, 'kind' | 'value'>, base: number): number {
  if (rule.kind === 'fixed_price') return rule.value;
  return base - scaleRoundHalfUp(base, percentToPpm(rule.value), PPM);
}
