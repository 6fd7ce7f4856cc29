import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';

export { OrderType } from '../common/order-type';

export enum OrderSource {
  Staff = 'staff',
  Qr = 'qr',
  Api = 'api',
}

export enum OrderStatus {
  Pending = 'pending',
  Open = 'open',
  InProgress = 'in_progress',
  Ready = 'ready',
  Served = 'served',
  Closed = 'closed',
  Cancelled = 'cancelled',
}

export enum ItemStatus {
  /** Ordered for a later course: on the order and in its totals, but not sent to the kitchen until fired. */
  Held = 'held',
  New = 'new',
  InProgress = 'in_progress',
  Ready = 'ready',
  Served = 'served',
  Cancelled = 'cancelled',
}

export enum PaymentStatus {
  Unpaid = 'unpaid',
  PartiallyPaid = 'partially_paid',
  Paid = 'paid',
  Refunded = 'refunded',
}

/** Who moves an order or item from one status to another. `system` moves are made by the service itself. */
export type Mover = Role | 'system';

const STAFF_FLOOR: Mover[] = [Role.Waiter, Role.Manager, Role.Admin];
const KITCHEN: Mover[] = [Role.Kitchen, Role.Manager, Role.Admin];
const MANAGEMENT: Mover[] = [Role.Manager, Role.Admin];

/**
 * Every order status change that may happen, and who may make it. Changes among open, in_progress, ready and
 * served follow the items (`system`); people accept, cancel and close.
 */
export const ORDER_TRANSITIONS: ReadonlyArray<{ from: OrderStatus; to: OrderStatus; by: readonly Mover[] }> =
  [
    { from: OrderStatus.Pending, to: OrderStatus.Open, by: STAFF_FLOOR },
    { from: OrderStatus.Pending, to: OrderStatus.Cancelled, by: STAFF_FLOOR },
    { from: OrderStatus.Open, to: OrderStatus.Cancelled, by: STAFF_FLOOR },
    { from: OrderStatus.InProgress, to: OrderStatus.Cancelled, by: MANAGEMENT },
    { from: OrderStatus.Ready, to: OrderStatus.Cancelled, by: MANAGEMENT },
    { from: OrderStatus.Served, to: OrderStatus.Cancelled, by: MANAGEMENT },
    { from: OrderStatus.Open, to: OrderStatus.Closed, by: STAFF_FLOOR },
    // Some lines served, others new or ready (a bar without a screen): closing settles them; what is cooking
    // (an item in_progress) keeps it open (OrdersService.setStatus).
    { from: OrderStatus.InProgress, to: OrderStatus.Closed, by: STAFF_FLOOR },
    { from: OrderStatus.Ready, to: OrderStatus.Closed, by: STAFF_FLOOR },
    { from: OrderStatus.Served, to: OrderStatus.Closed, by: STAFF_FLOOR },
    ...(
      [
        [OrderStatus.Open, OrderStatus.InProgress],
        [OrderStatus.Open, OrderStatus.Ready],
        [OrderStatus.Open, OrderStatus.Served],
        [OrderStatus.InProgress, OrderStatus.Open],
        [OrderStatus.InProgress, OrderStatus.Ready],
        [OrderStatus.InProgress, OrderStatus.Served],
        [OrderStatus.Ready, OrderStatus.Open],
        [OrderStatus.Ready, OrderStatus.InProgress],
        [OrderStatus.Ready, OrderStatus.Served],
        [OrderStatus.Served, OrderStatus.Open],
        [OrderStatus.Served, OrderStatus.InProgress],
        [OrderStatus.Served, OrderStatus.Ready],
      ] as const
    ).map(([from, to]) => ({ from, to, by: ['system'] as const })),
  ];

/**
 * Every item status change, and who may make it. Cancelling an item is a void (OrdersService.voidItem); a held
 * item reaches the kitchen only when its course is fired (OrdersService.fire), and the kitchen never moves it.
 */
export const ITEM_TRANSITIONS: ReadonlyArray<{ from: ItemStatus; to: ItemStatus; by: readonly Mover[] }> = [
  { from: ItemStatus.Held, to: ItemStatus.New, by: ['system'] },
  { from: ItemStatus.Held, to: ItemStatus.Cancelled, by: STAFF_FLOOR },
  { from: ItemStatus.New, to: ItemStatus.InProgress, by: KITCHEN },
  { from: ItemStatus.New, to: ItemStatus.Ready, by: KITCHEN },
  { from: ItemStatus.InProgress, to: ItemStatus.Ready, by: KITCHEN },
  { from: ItemStatus.InProgress, to: ItemStatus.New, by: KITCHEN },
  { from: ItemStatus.Ready, to: ItemStatus.InProgress, by: KITCHEN },
  { from: ItemStatus.Ready, to: ItemStatus.Served, by: [...STAFF_FLOOR, Role.Kitchen] },
  // A station without a screen (a bar the waiter pours at): its lines go from sent to the guest.
  { from: ItemStatus.New, to: ItemStatus.Served, by: STAFF_FLOOR },
  { from: ItemStatus.New, to: ItemStatus.Cancelled, by: STAFF_FLOOR },
  { from: ItemStatus.InProgress, to: ItemStatus.Cancelled, by: MANAGEMENT },
  { from: ItemStatus.Ready, to: ItemStatus.Cancelled, by: MANAGEMENT },
  { from: ItemStatus.Served, to: ItemStatus.Cancelled, by: MANAGEMENT },
];

/** Every role that may make at least one of these transitions: who may call the route that asks for them. */
function rolesIn(transitions: ReadonlyArray<{ by: readonly Mover[] }>): Role[] {
  const roles = new Set(
    transitions.flatMap((t) => t.by.filter((mover): mover is Role => mover !== 'system')),
  );
  return Object.values(Role).filter((role) => roles.has(role));
}

/** Who may call PATCH /orders/:id/status: the people in the order table. */
export const ORDER_STATUS_ROLES = rolesIn(ORDER_TRANSITIONS);
/** Who may call PATCH /orders/:id/items/:itemId/status (every item change but a void). */
export const ITEM_STATUS_ROLES = rolesIn(ITEM_TRANSITIONS.filter((t) => t.to !== ItemStatus.Cancelled));
/** Who may call DELETE /orders/:id/items/:itemId (a removal or a void). */
export const ITEM_VOID_ROLES = rolesIn(ITEM_TRANSITIONS.filter((t) => t.to === ItemStatus.Cancelled));

export type TransitionVerdict = 'allowed' | 'not_a_transition' | 'role_not_allowed';

/**
 * The one check for both machines: is `from → to` in the table, and may `mover` make it? A move that only the
 * service makes (firing a held item) is no transition a person can ask for, whatever their role.
 */
export function checkTransition<S extends string>(
  table: ReadonlyArray<{ from: S; to: S; by: readonly Mover[] }>,
  from: S,
  to: S,
  mover: Mover,
): TransitionVerdict {
  const transition = table.find((t) => t.from === from && t.to === to);
  const systemOnly = transition?.by.every((by) => by === 'system');
  if (!transition || (systemOnly && mover !== 'system')) return 'not_a_transition';
  return transition.by.includes(mover) ? 'allowed' : 'role_not_allowed';
}

/** checkTransition as the API answers it: 409 INVALID_TRANSITION off the table, 403 for a role that may not. */
export function assertTransition<S extends string>(
  table: ReadonlyArray<{ from: S; to: S; by: readonly Mover[] }>,
  from: S,
  to: S,
  mover: Mover,
  what: string,
): void {
  switch (checkTransition(table, from, to, mover)) {
    case 'allowed':
      return;
    case 'not_a_transition':
      throw new DomainError(ErrorCode.InvalidTransition, `An ${what} cannot go from ${from} to ${to}`);
    case 'role_not_allowed':
      throw new DomainError(ErrorCode.Forbidden, `A ${mover} cannot move an ${what} from ${from} to ${to}`);
  }
}

/** 409 INVALID_TRANSITION unless the order is in one of `statuses`: `what` says what was tried ("discount"). */
export function assertOrderIn(status: OrderStatus, statuses: OrderStatus[], what: string): void {
  if (!statuses.includes(status)) {
    throw new DomainError(ErrorCode.InvalidTransition, `Cannot ${what} an order that is ${status}`);
  }
}

/**
 * Why an order cannot close yet (`details.closeBlockedBy` of the 409): a held course, food the kitchen is cooking,
 * money still due, money paid over the total (`refundDue`).
 */
export const CLOSE_BLOCKERS = ['held', 'cooking', 'due', 'overpaid'] as const;
export type CloseBlockedBy = (typeof CLOSE_BLOCKERS)[number];

/** Order statuses during which the kitchen and the floor work on it. */
export const ACTIVE_ORDER_STATUSES = [
  OrderStatus.Open,
  OrderStatus.InProgress,
  OrderStatus.Ready,
  OrderStatus.Served,
];

export const LIVE_ITEM = (status: ItemStatus): boolean => status !== ItemStatus.Cancelled;

/** Items the kitchen has not started (held or new): the floor may still edit them, or remove them without a reason. */
export const UNSTARTED_ITEM = (status: ItemStatus): boolean =>
  status === ItemStatus.Held || status === ItemStatus.New;

/**
 * The status an active order follows from its live items: all served → served; all ready or served → ready;
 * none started → open; anything else → in_progress. An order with no live items is open. A held item counts as
 * not started, like a new one: an order of held items only is open, and one with a course served and another
 * held is in_progress (the meal is under way), never served or ready.
 */
export function orderStatusFromItems(statuses: ItemStatus[]): OrderStatus {
  const live = statuses
    .filter(LIVE_ITEM)
    .map((status) => (status === ItemStatus.Held ? ItemStatus.New : status));
  if (live.length === 0 || live.every((s) => s === ItemStatus.New)) return OrderStatus.Open;
  if (live.every((s) => s === ItemStatus.Served)) return OrderStatus.Served;
  if (live.every((s) => s === ItemStatus.Ready || s === ItemStatus.Served)) return OrderStatus.Ready;
  return OrderStatus.InProgress;
}

/** Accepting a pending order sends the kitchen what is not held; held courses wait to be fired. */
export function fireAccepted(items: Array<{ status: ItemStatus; firedAt: Date | null }>, now: Date): void {
  for (const item of items.filter((i) => i.status === ItemStatus.New)) item.firedAt ??= now;
}
