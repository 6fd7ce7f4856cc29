/**
 * The money of splitting, moving and merging checks, as pure functions over in-memory checks: the service
 * (checks.service.ts) persists what these plan, and check-splits.spec.ts proves with random checks that no plan
 * creates or loses a minor unit and that merging a split back restores the original totals.
 *
 * Why it is exact: a check's money is the sum of what its lines were allocated (src/money) and of its even-split
 * shares. Moving a line moves its allocation; a line divided by quantity divides its allocation by largest
 * remainder; an even split moves money, not food, as shares whose components and tax rows sum exactly to the
 * original's, and shares between checks that are merged cancel out. An amount discount travels with the lines it
 * was spread over: the check they leave gives up that much of it, and the check they join takes it on.
 */
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { evenShares, Money, sumMoney } from '../money';
import { ItemStatus, LIVE_ITEM } from './order-status';

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
export interface Share extends Money {
  /** The same on the giving and the receiving side: merged together, the two cancel out. */
  id: string;
  direction: 'in' | 'out';
  /** The orders as they were at the split. */
  fromOrderId: string;
  toOrderId: string;
  part: number;
  parts: number;
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

/** How a planner reaches a check's money, and makes ids and divided lines. */
export interface Planning<I extends Line, D extends Discount> {
  /** What the check's live lines were allocated plus its shares (lines allocated for their quantities). */
  moneyOf: (check: Check<I, D>) => Money;
  pricesIncludeTax: boolean;
  newId: () => string;
  /** `line` as two lines of these quantities, its allocation divided: the first keeps its id, the second `id`. */
  divide: (line: I, quantities: [number, number], id: string) => [I, I];
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
 * A part taken by seat or by items keeps a percent discount, and takes the part of an amount discount its lines
 * carry. Refused with 409 when it would leave the original owing less than was paid on it; nothing to split is a
 * 409 too.
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
  const parts = groups.map((items) => ({
    id: planning.newId(),
    items,
    discount: discountLeaving(check, items, planning),
    shares: [],
    paid: 0,
  }));
  const original: Check<I, D> = {
    ...check,
    items: staying,
    discount: discountStaying(check, parts, planning),
  };
  assertCoversPaid(original, planning);
  return { original, parts };
}

/**
 * Moves `picks` from `source` to `target` (lines divide as in a split), each line with what it was allocated.
 * The part of an amount discount the lines carry moves with them: the target adds it to its own amount discount
 * or takes it as one (409 when the target has a percent discount). A percent discount stays a rule of each
 * order: the target's applies to the moved lines when its money is next computed. Refused like a split when the
 * source would owe less than was paid on it.
 */
export function planMove<I extends Line, D extends Discount>(
  source: Check<I, D>,
  target: Check<I, D>,
  picks: LinePick[],
  planning: Planning<I, D>,
): { source: Check<I, D>; target: Check<I, D> } {
  const { staying, moving } = takeLines(source.items, picks, planning);
  const portion = { ...source, items: moving, shares: [] };
  const carried = source.discount?.kind === 'amount' ? discountLeaving(source, moving, planning) : null;
  const after = { ...source, items: staying, discount: discountStaying(source, [portion], planning) };
  assertCoversPaid(after, planning);
  return {
    source: after,
    target: {
      ...target,
      items: [...target.items, ...moving],
      discount: mergedDiscount([target.discount, carried]),
    },
  };
}

/**
 * Folds `sources` into `target`: items and payments join it, shares between them cancel out, and the target
 * keeps its discount or adopts the one a source has: equal percent discounts are one, amount discounts add up
 * (the parts of one that a split spread come back whole); 409 when a percent discount meets another discount.
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
  const amounts = evenShares(planning.moneyOf(check), parts, planning.pricesIncludeTax);
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

/** Shares received minus shares given: what an order's money adds to its lines'. */
export function shareMoney(shares: readonly Share[]): Money {
  return sumMoney(
    shares,
    shares.map((share) => (share.direction === 'in' ? 1 : -1)),
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

/**
 * The discount of merged checks: the one there is, equal percent discounts as one, amount discounts added up;
 * 409 otherwise.
 */
export function mergedDiscount<D extends Discount>(discounts: Array<D | null>): D | null {
  const given = discounts.filter((discount): discount is D => discount !== null);
  if (given.length <= 1) return given[0] ?? null;
  if (given.every((discount) => discount.kind === 'percent' && discount.value === given[0].value))
    return given[0];
  if (given.every((discount) => discount.kind === 'amount'))
    return { ...given[0], value: given.reduce((sum, discount) => sum + discount.value, 0) };
  throw new DomainError(
    ErrorCode.Conflict,
    'These orders carry different discounts: remove or re-give the discount first',
  );
}

/** The discount of a part that takes `items`: a percent discount, or the part of an amount discount they carry. */
function discountLeaving<I extends Line, D extends Discount>(
  check: Check<I, D>,
  items: I[],
  planning: Planning<I, D>,
): D | null {
  if (check.discount?.kind !== 'amount') return check.discount;
  const carried = planning.moneyOf({ ...check, items, shares: [] }).discount;
  return carried > 0 ? { ...check.discount, value: carried } : null;
}

/** The discount of a check once `parts` left it: an amount discount less what their lines carried away. */
function discountStaying<I extends Line, D extends Discount>(
  check: Check<I, D>,
  parts: Array<Check<I, D>>,
  planning: Planning<I, D>,
): D | null {
  if (check.discount?.kind !== 'amount') return check.discount;
  const carried = parts.reduce(
    (sum, part) => sum + planning.moneyOf({ ...part, shares: [], discount: null }).discount,
    0,
  );
  const left = check.discount.value - carried;
  return left > 0 ? { ...check.discount, value: left } : null;
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
      const [rest, taken] = planning.divide(line, [line.quantity - quantity, quantity], planning.newId());
      staying.push(rest);
      moving.push(taken);
    }
  }
  return { staying, moving };
}

/** 409 unless the check still covers what was paid on it. */
function assertCoversPaid<I extends Line, D extends Discount>(
  check: Check<I, D>,
  planning: Planning<I, D>,
): void {
  const total = planning.moneyOf(check).total;
  if (total < check.paid) {
    throw new DomainError(
      ErrorCode.Conflict,
      `These items are already paid for: ${check.paid} was paid on the order, which would then total ${total}`,
    );
  }
}
