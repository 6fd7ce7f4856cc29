/**
 * The money of splitting, moving and merging checks, as pure functions over in-memory checks: the service
 * (checks.service.ts) persists what these plan, and check-splits.spec.ts proves with random checks that no plan
 * creates or loses a minor unit and that merging a split back restores the original totals.
 *
 * Why it is exact: totals are additive over units (totals.ts), so moving whole units between checks moves their
 * money exactly; an amount discount stays whole on the original and a plan that would change what it takes off
 * there is refused; an even split moves money, not food, as shares whose components are allocated so that each
 * sums exactly to the original's, and shares between checks that are merged cancel out.
 */
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { ItemStatus, LIVE_ITEM } from './order-status';
import {
  amountDiscountEffect,
  Components,
  computeTotals,
  NO_COMPONENTS,
  plus,
  times,
  Totals,
  TotalsInput,
} from './totals';

export const MAX_EVEN_PARTS = 20;

/** An order line as the planner sees it. */
export interface Line {
  id: string;
  quantity: number;
  seat: number | null;
  status: ItemStatus;
}

export interface Discount {
  kind: 'percent' | 'amount';
  /** ppm for percent, minor units for amount. */
  value: number;
}

/** Part of an order's money given to (`out`) or received from (`in`) another order by an even split. */
export interface Share extends Components {
  /** The same on the giving and the receiving side: merged together, the two cancel out. */
  id: string;
  direction: 'in' | 'out';
  /** The orders as they were at the split. */
  fromOrderId: string;
  toOrderId: string;
  part: number;
  parts: number;
  total: number;
}

export interface Check<I extends Line, D extends Discount = Discount> {
  id: string;
  items: I[];
  discount: D | null;
  shares: Share[];
  /** Paid on it so far, net of refunds. */
  paid: number;
}

/** Which units to take: `quantity` of the line `itemId`. */
export interface LinePick {
  itemId: string;
  quantity: number;
}

/** How a planner reaches the one totals function, and makes ids and divided lines. */
export interface Planning<I extends Line, D extends Discount> {
  inputOf: (check: Check<I, D>) => TotalsInput;
  newId: () => string;
  /** A new line with the fields of `line` and `quantity` units of it (the rest stays on `line`). */
  divide: (line: I, quantity: number, id: string) => I;
}

export type SplitRequest =
  { by: 'seat' } | { by: 'items'; items: LinePick[] } | { by: 'even'; parts: number };

export interface SplitPlan<I extends Line, D extends Discount> {
  original: Check<I, D>;
  /** The new checks, in order: by seat ascending, the one that takes the items, parts 2 to n. */
  parts: Array<Check<I, D>>;
}

/**
 * Splits `check`: the original keeps what does not leave (and, split evenly, part 1 of the money and all the food).
 * Refused with 409 when it would leave the original owing less than was paid on it, or change what its amount
 * discount takes off; nothing to split is a 409 too.
 */
export function planSplit<I extends Line, D extends Discount>(
  check: Check<I, D>,
  request: SplitRequest,
  planning: Planning<I, D>,
): SplitPlan<I, D> {
  if (request.by === 'even') return planEvenSplit(check, request.parts, planning);
  let groups: I[][];
  let staying: I[];
  if (request.by === 'seat') {
    groups = seatGroups(check.items);
    const leaving = new Set(groups.flat());
    staying = check.items.filter((line) => !leaving.has(line));
  } else {
    const taken = takeLines(check.items, request.items, planning);
    groups = [taken.moving];
    staying = taken.staying;
  }
  if (groups.length === 0) {
    throw new DomainError(
      ErrorCode.Conflict,
      'Nothing to split: no items sit at a seat other than the first',
    );
  }
  const original: Check<I, D> = { ...check, items: staying };
  const parts = groups.map((items) => ({
    id: planning.newId(),
    items,
    discount: discountForPart(check.discount),
    shares: [],
    paid: 0,
  }));
  assertSourceKeepsItsMoney(check, original, planning);
  return { original, parts };
}

/**
 * Moves `picks` from `source` to `target` (both checks change; lines divide as in a split). Refused like a split
 * when the source would owe less than was paid on it or its amount discount would take off something else.
 */
export function planMove<I extends Line, D extends Discount>(
  source: Check<I, D>,
  target: Check<I, D>,
  picks: LinePick[],
  planning: Planning<I, D>,
): { source: Check<I, D>; target: Check<I, D> } {
  const { staying, moving } = takeLines(source.items, picks, planning);
  const after = { ...source, items: staying };
  assertSourceKeepsItsMoney(source, after, planning);
  return { source: after, target: { ...target, items: [...target.items, ...moving] } };
}

/**
 * Folds `sources` into `target`: items and payments join it, shares between them cancel out, and the target
 * keeps its discount or adopts the one a source has (409 when two differ; equal percent discounts are one).
 */
export function planMerge<I extends Line, D extends Discount>(
  target: Check<I, D>,
  sources: Array<Check<I, D>>,
): Check<I, D> {
  return {
    id: target.id,
    items: [...target.items, ...sources.flatMap((source) => source.items)],
    discount: mergedDiscount([target, ...sources].map((check) => check.discount)),
    shares: mergedShares([target, ...sources].map((check) => check.shares)),
    paid: [target, ...sources].reduce((sum, check) => sum + check.paid, 0),
  };
}

function planEvenSplit<I extends Line, D extends Discount>(
  check: Check<I, D>,
  parts: number,
  planning: Planning<I, D>,
): SplitPlan<I, D> {
  if (!Number.isInteger(parts) || parts < 2 || parts > MAX_EVEN_PARTS) {
    throw DomainError.invalidField('parts', `must be a whole number from 2 to ${MAX_EVEN_PARTS}`);
  }
  const input = planning.inputOf(check);
  const amounts = evenShares(computeTotals(input), parts, input.pricesIncludeTax);
  if (check.paid > amounts[0].total) {
    throw new DomainError(
      ErrorCode.Conflict,
      `${check.paid} was already paid for on this order, more than its part 1 of ${parts} (${amounts[0].total})`,
    );
  }
  const newParts = amounts.slice(1).map((amount, i) => {
    const id = planning.newId();
    const share = {
      ...amount,
      id: planning.newId(),
      fromOrderId: check.id,
      toOrderId: id,
      part: i + 2,
      parts,
    };
    const part: Check<I, D> = {
      id,
      items: [],
      discount: null,
      shares: [{ ...share, direction: 'in' }],
      paid: 0,
    };
    return { share, part };
  });
  const original: Check<I, D> = {
    ...check,
    shares: [...check.shares, ...newParts.map(({ share }) => ({ ...share, direction: 'out' as const }))],
  };
  return { original, parts: newParts.map(({ part }) => part) };
}

/**
 * `amount` in `parts` whole parts that differ by at most one, the remainder spread one unit at a time from the
 * first part. Monotone: a larger amount never gives any part less, which keeps evenShares' components apart.
 */
export function evenParts(amount: number, parts: number): number[] {
  const base = Math.floor(amount / parts);
  const remainder = amount - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0));
}

/**
 * The even parts of an order's money, component by component: each component's parts sum exactly to it, the parts'
 * totals differ by at most one minor unit, and within each part nothing is negative and the total still follows
 * from the components. The total and the running sums of the components that make it up (service charge, then
 * tax when it comes on top, then the net) are split evenly; each component is the difference of two running sums,
 * never negative because even splitting is monotone. Discount and contained tax are split evenly on their own.
 */
export function evenShares(
  totals: Components & { total: number },
  parts: number,
  pricesIncludeTax: boolean,
): Array<Components & { total: number }> {
  const service = evenParts(totals.serviceCharge, parts);
  const totalParts = evenParts(totals.total, parts);
  const discount = evenParts(totals.discount, parts);
  const beforeNet = pricesIncludeTax ? service : evenParts(totals.serviceCharge + totals.tax, parts);
  const tax = pricesIncludeTax ? evenParts(totals.tax, parts) : beforeNet.map((sum, i) => sum - service[i]);
  return totalParts.map((total, i) => ({
    subtotal: total - beforeNet[i] + discount[i],
    discount: discount[i],
    serviceCharge: service[i],
    tax: tax[i],
    total,
  }));
}

/** Shares received minus shares given, component by component: what the totals add to the items' sums. */
export function shareAdjustment(shares: readonly Share[]): Components {
  return shares.reduce(
    (sum, share) => plus(sum, times(share, share.direction === 'in' ? 1 : -1)),
    NO_COMPONENTS,
  );
}

/** All the shares of checks merged into one, less those given and received among them, which cancel out. */
export function mergedShares(lists: Share[][]): Share[] {
  const all = lists.flat();
  const directions = new Map<string, Set<string>>();
  for (const share of all)
    directions.set(share.id, (directions.get(share.id) ?? new Set()).add(share.direction));
  return all.filter((share) => directions.get(share.id)!.size === 1);
}

/** The discount of merged checks: the one there is, or 409 when two differ (equal percent discounts are one). */
export function mergedDiscount<D extends Discount>(discounts: Array<D | null>): D | null {
  const given = discounts.filter((discount): discount is D => discount !== null);
  if (given.length <= 1) return given[0] ?? null;
  if (given.every((discount) => discount.kind === 'percent' && discount.value === given[0].value))
    return given[0];
  throw new DomainError(
    ErrorCode.Conflict,
    'These orders carry different discounts (or more than one amount discount): remove or re-give the discount first',
  );
}

/** A part split off by seat or items keeps a percent discount; an amount discount stays whole on the original. */
export function discountForPart<D extends Discount>(discount: D | null): D | null {
  return discount?.kind === 'percent' ? discount : null;
}

/**
 * Each seat but the lowest, ascending, with its live items: what a split by seat moves to new checks. Seatless
 * items and those of the lowest seat stay.
 */
export function seatGroups<I extends Line>(items: I[]): I[][] {
  const seats = [
    ...new Set(
      items.filter((line) => LIVE_ITEM(line.status) && line.seat !== null).map((line) => line.seat!),
    ),
  ].sort((a, b) => a - b);
  return seats.slice(1).map((seat) => items.filter((line) => LIVE_ITEM(line.status) && line.seat === seat));
}

/**
 * What `picks` take from `items`, without changing them: a whole line moves when all its units go; otherwise it is
 * divided (with `divide`): the line keeps its id and the rest of its units, a new line takes the units that go.
 * 422 naming the pick for an unknown, cancelled or twice-named line, or a quantity the line does not have.
 */
export function takeLines<I extends Line, D extends Discount>(
  items: I[],
  picks: LinePick[],
  planning: Pick<Planning<I, D>, 'divide' | 'newId'>,
): { staying: I[]; moving: I[] } {
  const seen = new Set<string>();
  const problems = picks.flatMap((pick, i) => {
    const line = items.find((candidate) => candidate.id === pick.itemId);
    const twice = seen.has(pick.itemId);
    seen.add(pick.itemId);
    if (!line || !LIVE_ITEM(line.status) || twice) {
      return [{ field: `items[${i}].itemId`, message: 'must name a live item of this order, once' }];
    }
    if (pick.quantity > line.quantity) {
      return [
        { field: `items[${i}].quantity`, message: `must not exceed the line's quantity (${line.quantity})` },
      ];
    }
    return [];
  });
  if (problems.length > 0) throw DomainError.validation(problems);
  const picked = new Map(picks.map((pick) => [pick.itemId, pick.quantity]));
  const staying: I[] = [];
  const moving: I[] = [];
  for (const line of items) {
    const quantity = picked.get(line.id);
    if (quantity === undefined) staying.push(line);
    else if (quantity === line.quantity) moving.push(line);
    else {
      staying.push(planning.divide(line, line.quantity - quantity, line.id));
      moving.push(planning.divide(line, quantity, planning.newId()));
    }
  }
  return { staying, moving };
}

/** 409 unless the source still covers what was paid on it and its amount discount takes off what it did. */
function assertSourceKeepsItsMoney<I extends Line, D extends Discount>(
  before: Check<I, D>,
  after: Check<I, D>,
  planning: Planning<I, D>,
): void {
  const input = planning.inputOf(after);
  const totals: Totals = computeTotals(input);
  if (totals.total < after.paid) {
    throw new DomainError(
      ErrorCode.Conflict,
      `These items are already paid for: ${after.paid} was paid on the order, which would then total ${totals.total}`,
    );
  }
  const was = amountDiscountEffect(planning.inputOf(before));
  const is = amountDiscountEffect(input);
  if (Object.keys(was).some((key) => was[key as keyof Components] !== is[key as keyof Components])) {
    throw new DomainError(
      ErrorCode.Conflict,
      'The order’s amount discount would no longer fit what stays on it: remove or re-give the discount first',
    );
  }
}
