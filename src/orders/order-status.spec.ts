import { Role } from '../common/access/role';
import {
  checkTransition,
  ITEM_STATUS_ROLES,
  ITEM_TRANSITIONS,
  ITEM_VOID_ROLES,
  ItemStatus,
  Mover,
  ORDER_STATUS_ROLES,
  ORDER_TRANSITIONS,
  orderStatusFromItems,
  OrderStatus,
} from './order-status';

const MOVERS: Mover[] = [...Object.values(Role), 'system'];
const FLOOR: Mover[] = [Role.Waiter, Role.Manager, Role.Admin];
const KITCHEN: Mover[] = [Role.Kitchen, Role.Manager, Role.Admin];
const MANAGEMENT: Mover[] = [Role.Manager, Role.Admin];

/** The expected machines, written out by hand rather than derived from the tables under test. */
const ORDER_MOVES: Array<[OrderStatus, OrderStatus, Mover[]]> = [
  [OrderStatus.Pending, OrderStatus.Open, FLOOR],
  [OrderStatus.Pending, OrderStatus.Cancelled, FLOOR],
  [OrderStatus.Open, OrderStatus.Cancelled, FLOOR],
  [OrderStatus.InProgress, OrderStatus.Cancelled, MANAGEMENT],
  [OrderStatus.Ready, OrderStatus.Cancelled, MANAGEMENT],
  [OrderStatus.Served, OrderStatus.Cancelled, MANAGEMENT],
  [OrderStatus.Open, OrderStatus.Closed, FLOOR],
  // Under way but nothing cooking (the bar's drinks still sent): the service refuses it while an item cooks.
  [OrderStatus.InProgress, OrderStatus.Closed, FLOOR],
  [OrderStatus.Ready, OrderStatus.Closed, FLOOR],
  [OrderStatus.Served, OrderStatus.Closed, FLOOR],
  // The order follows its items among these four, in any direction (a new item sends a served order back).
  ...[OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready, OrderStatus.Served].flatMap((from) =>
    [OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready, OrderStatus.Served]
      .filter((to) => to !== from)
      .map((to): [OrderStatus, OrderStatus, Mover[]] => [from, to, ['system']]),
  ),
];

const ITEM_MOVES: Array<[ItemStatus, ItemStatus, Mover[]]> = [
  // Firing its course is the only way out of held, besides a void.
  [ItemStatus.Held, ItemStatus.New, ['system']],
  [ItemStatus.Held, ItemStatus.Cancelled, FLOOR],
  [ItemStatus.New, ItemStatus.InProgress, KITCHEN],
  [ItemStatus.New, ItemStatus.Ready, KITCHEN],
  [ItemStatus.InProgress, ItemStatus.Ready, KITCHEN],
  [ItemStatus.InProgress, ItemStatus.New, KITCHEN],
  [ItemStatus.Ready, ItemStatus.InProgress, KITCHEN],
  [ItemStatus.Ready, ItemStatus.Served, [...FLOOR, Role.Kitchen]],
  // A station without a screen: the waiter brings what was sent.
  [ItemStatus.New, ItemStatus.Served, FLOOR],
  [ItemStatus.New, ItemStatus.Cancelled, FLOOR],
  [ItemStatus.InProgress, ItemStatus.Cancelled, MANAGEMENT],
  [ItemStatus.Ready, ItemStatus.Cancelled, MANAGEMENT],
  [ItemStatus.Served, ItemStatus.Cancelled, MANAGEMENT],
];

/** The checks every machine passes: `moves` lists its transitions, `final` the statuses with no way out. */
function describeMachine<S extends string>(
  machine: string,
  table: ReadonlyArray<{ from: S; to: S; by: readonly Mover[] }>,
  moves: Array<[S, S, Mover[]]>,
  statuses: S[],
  final: S[],
): void {
  describe(`the ${machine} state machine`, () => {
    it('allows each of its transitions to exactly the movers listed', () => {
      for (const [from, to, movers] of moves) {
        const verdicts = MOVERS.map((mover) => [mover, checkTransition(table, from, to, mover)]);
        // A move only the service makes is not one a person can ask for: no role would change that.
        const refused = movers.every((mover) => mover === 'system') ? 'not_a_transition' : 'role_not_allowed';
        expect({ from, to, verdicts }).toEqual({
          from,
          to,
          verdicts: MOVERS.map((mover) => [mover, movers.includes(mover) ? 'allowed' : refused]),
        });
      }
    });

    it('has no transition besides those, for anyone', () => {
      const listed = (from: S, to: S) => moves.some(([f, t]) => f === from && t === to);
      const unlisted = statuses.flatMap((from) =>
        statuses
          .filter((to) => !listed(from, to))
          .flatMap((to) =>
            MOVERS.filter((mover) => checkTransition(table, from, to, mover) !== 'not_a_transition').map(
              (mover) => `${from} → ${to} by ${mover}`,
            ),
          ),
      );
      expect(unlisted).toEqual([]);
      expect(table).toHaveLength(moves.length);
    });

    it('covers every status: each one is in the table, and only the final ones have no way out', () => {
      const named = new Set(table.flatMap((transition) => [transition.from, transition.to]));
      expect(statuses.filter((status) => !named.has(status))).toEqual([]);
      const deadEnds = statuses.filter((status) => !table.some((transition) => transition.from === status));
      expect(deadEnds.sort()).toEqual([...final].sort());
    });
  });
}

describeMachine('order', ORDER_TRANSITIONS, ORDER_MOVES, Object.values(OrderStatus), [
  OrderStatus.Closed,
  OrderStatus.Cancelled,
]);
describeMachine('item', ITEM_TRANSITIONS, ITEM_MOVES, Object.values(ItemStatus), [ItemStatus.Cancelled]);

describe('forbidden transitions', () => {
  it.each([
    ['a closed order reopened', OrderStatus.Closed, OrderStatus.Open],
    ['a cancelled order reopened', OrderStatus.Cancelled, OrderStatus.Open],
    ['a closed order cancelled', OrderStatus.Closed, OrderStatus.Cancelled],
    ['a QR order started before a waiter accepts it', OrderStatus.Pending, OrderStatus.InProgress],
    ['a QR order closed without being accepted', OrderStatus.Pending, OrderStatus.Closed],
    ['an order sent back to pending', OrderStatus.Open, OrderStatus.Pending],
  ])('refuses %s', (_name, from, to) => {
    for (const mover of MOVERS)
      expect(checkTransition(ORDER_TRANSITIONS, from, to, mover)).toBe('not_a_transition');
  });

  it.each([
    ['a served item sent back to the kitchen', ItemStatus.Served, ItemStatus.InProgress],
    ['an item served while it cooks', ItemStatus.InProgress, ItemStatus.Served],
    ['a voided item revived', ItemStatus.Cancelled, ItemStatus.New],
    ['a ready item sent back to new', ItemStatus.Ready, ItemStatus.New],
    ['a held item started before its course is fired', ItemStatus.Held, ItemStatus.InProgress],
    ['a held item made ready before its course is fired', ItemStatus.Held, ItemStatus.Ready],
    ['an item held again once fired', ItemStatus.New, ItemStatus.Held],
  ])('refuses %s', (_name, from, to) => {
    for (const mover of MOVERS)
      expect(checkTransition(ITEM_TRANSITIONS, from, to, mover)).toBe('not_a_transition');
  });

  it('lets the routes take their roles from the tables', () => {
    expect([...ORDER_STATUS_ROLES].sort()).toEqual([Role.Admin, Role.Manager, Role.Waiter].sort());
    expect([...ITEM_STATUS_ROLES].sort()).toEqual(
      [Role.Admin, Role.Kitchen, Role.Manager, Role.Waiter].sort(),
    );
    expect([...ITEM_VOID_ROLES].sort()).toEqual([Role.Admin, Role.Manager, Role.Waiter].sort());
  });
});

describe('the order status that follows its items', () => {
  const { Held, New, InProgress, Ready, Served, Cancelled } = ItemStatus;

  it.each([
    ['nothing live', [Cancelled], OrderStatus.Open],
    ['nothing started', [New, New], OrderStatus.Open],
    ['something cooking', [New, InProgress, Ready], OrderStatus.InProgress],
    ['all ready or served', [Ready, Served, Cancelled], OrderStatus.Ready],
    ['all served', [Served, Served, Cancelled], OrderStatus.Served],
  ])('%s', (_name, statuses, expected) => {
    expect(orderStatusFromItems(statuses)).toBe(expected);
  });

  it.each([
    ['only held items: open, nothing is started', [Held, Held], OrderStatus.Open],
    ['held and new items: open', [Held, New], OrderStatus.Open],
    ['held items beside a voided one: open', [Held, Cancelled], OrderStatus.Open],
    ['a course served, the next held: under way, not served', [Served, Held], OrderStatus.InProgress],
    ['a course ready, the next held: under way, not ready', [Ready, Held], OrderStatus.InProgress],
    ['a course cooking, the next held', [InProgress, Held], OrderStatus.InProgress],
  ])('counts a held item as not started: %s', (_name, statuses, expected) => {
    expect(orderStatusFromItems(statuses)).toBe(expected);
  });
});
