import type { Json } from './menu-fixture';
import type { World } from './model-world';

/**
 * The model-based spec's model: what the test itself knows happened, written as each answer comes back. Orders,
 * payments (and which order holds each), gift cards, customers, and the business days with their closes.
 */

export type Kind = 'dine_in' | 'takeaway' | 'channel';
export type Method = 'cash' | 'card' | 'giftCard' | 'channel';

export interface ModelOrder {
  id: string;
  kind: Kind;
  status: 'open' | 'closed' | 'cancelled';
  /** The business day its sales are reported on. */
  day: string;
  customerId: string | null;
  discounted: boolean;
  /** Part of an even split: its money is shared, so it is neither cancelled nor discounted alone. */
  shareGroup: string | null;
  cancelledByPerson: boolean;
  mergedInto: string | null;
  /** Its total when it closed: what the tax ledger books as the sale. */
  closedTotal: number;
}

export interface ModelPayment {
  id: string;
  /** The order it was paid on: a merge moves it to the order that order was merged into (see holder()). */
  orderId: string;
  method: Method;
  amount: number;
  tip: number;
  refunded: number;
  tipRefunded: number;
  cardId: string | null;
  /** The business day its tip was earned on (the day taking sales when it was paid). */
  tipDay?: string;
  /** The tablet it was taken on: a cash payment's drawer is the one open there. */
  device?: string | null;
}

export interface ModelCard {
  id: string;
  code: string;
  balance: number;
}

/** A reward taken: it moves with its order's lines, and its points come back only when it is given back. */
export interface ModelReward {
  customerId: string;
  /** The order it was taken on; it moves with a merge as a payment does (see holder()). */
  orderId: string;
  points: number;
  kind: 'dish' | 'amount';
  /** Given back by a person's cancel of its order (points must come back), or by voiding its line (they may). */
  returned: 'no' | 'cancelled' | 'voided';
}

export interface ModelCustomer {
  id: string;
  erased: boolean;
}

/** The two who clock in: the waiter (two jobs) and the runner (one). */
export type Person = 'waiter' | 'runner';

/** A shift on the time clock, times in milliseconds of the test clock; a break's end null while it runs. */
export interface ModelShift {
  id: string;
  person: Person;
  clockedInAt: number;
  clockedOutAt: number | null;
  breaks: Array<{ paid: boolean; start: number; end: number | null }>;
  /** Managers' corrections made. */
  edits: number;
}

/** A tablet's cash drawer shift: what it must expect, and what was counted at its close. */
export interface ModelDrawer {
  id: string;
  device: string;
  /** The business day it was opened on: the day whose close it holds up while open. */
  day: string;
  float: number;
  expected: number;
  open: boolean;
  counted: number | null;
}

export class Model {
  readonly orders: ModelOrder[] = [];
  readonly payments: ModelPayment[] = [];
  readonly cards: ModelCard[] = [];
  readonly rewards: ModelReward[] = [];
  readonly customers: ModelCustomer[] = [];
  readonly tables: string[] = [];
  readonly shifts: ModelShift[] = [];
  /** Cash tips declared, each on the business day taking sales then. */
  readonly declared: Array<{ day: string; amount: number }> = [];
  /** Tips paid out, each on the business day taking sales then. */
  readonly payouts: Array<{ day: string; amount: number }> = [];
  readonly drawers: ModelDrawer[] = [];
  /** Staff orders as they were sent, with their client ids, and when: a replay must answer the same order. */
  readonly creates: Array<{ orderId: string; body: object; at: Date }> = [];
  /** Business days closed in this run. */
  readonly closedDays = new Set<string>();
  /** Per business day, what refunds of closed orders took back from its sales (the tax ledger's refunds). */
  readonly saleRefunds = new Map<string, number>();
  /** The calendar's business day now, and the first one of the run. */
  today: string;
  readonly firstDay: string;
  mornings = 0;
  steps = 0;

  constructor(day: string) {
    this.today = day;
    this.firstDay = day;
  }

  /** The day that takes sales now: today, or the next one once today has been closed. */
  get salesDay(): string {
    return this.closedDays.has(this.today) ? addDays(this.today, 1) : this.today;
  }

  order(id: string): ModelOrder {
    const order = this.orders.find((o) => o.id === id);
    if (!order) throw new Error(`the model has no order ${id}`);
    return order;
  }

  /** The `n`th of `list` (wrapping), or nothing when it is empty: commands pick by index, so shrinking keeps them. */
  static pick<T>(list: readonly T[], n: number): T | undefined {
    return list.length === 0 ? undefined : list[n % list.length];
  }

  open(): ModelOrder[] {
    return this.orders.filter((o) => o.status === 'open');
  }

  /**
   * The order that holds what was put on `orderId`: the end of its merges. Followed when read rather than moved
   * when merged, so a payment whose answer comes after a concurrent merge's still lands where the app keeps it.
   */
  holder(orderId: string): string {
    let id = orderId;
    for (let next = this.order(id).mergedInto; next; next = this.order(id).mergedInto) id = next;
    return id;
  }

  /** What the payments an order holds leave paid: taken less refunded, tips and change aside. */
  paidOn(orderId: string): number {
    return this.payments
      .filter((p) => this.holder(p.orderId) === orderId)
      .reduce((sum, p) => sum + p.amount - p.refunded, 0);
  }

  /** What the guests left in tips on the payments an order holds, less the tips given back. */
  tipsOn(orderId: string): number {
    return this.payments
      .filter((p) => this.holder(p.orderId) === orderId)
      .reduce((sum, p) => sum + p.tip - p.tipRefunded, 0);
  }

  /** The rewards an order holds that were not given back. */
  rewardsOn(orderId: string): ModelReward[] {
    return this.rewards.filter((r) => r.returned === 'no' && this.holder(r.orderId) === orderId);
  }

  addOrder(body: Json, kind: Kind, extra: Partial<ModelOrder> = {}): ModelOrder {
    const order: ModelOrder = {
      id: String(body.id),
      kind,
      status: 'open',
      day: String(body.businessDay),
      customerId: body.customer?.id ?? null,
      discounted: body.discountDetail != null,
      shareGroup: null,
      cancelledByPerson: false,
      mergedInto: null,
      closedTotal: 0,
      ...extra,
    };
    this.orders.push(order);
    return order;
  }

  /** The shift `person` is clocked in to, if any. */
  openShift(person: Person): ModelShift | undefined {
    return this.shifts.find((s) => s.person === person && s.clockedOutAt === null);
  }

  /** Cash into (or, negative, out of) the drawer open on `device` now; none open: the house drawer's. */
  drawerCash(device: string | null | undefined, amount: number): void {
    const drawer = this.drawers.find((d) => d.open && d.device === device);
    if (drawer) drawer.expected += amount;
  }

  /** A refund of `amount` from `payment`, booked on the day that takes sales now. */
  bookRefund(payment: ModelPayment, amount: number): void {
    payment.refunded += amount;
    if (payment.method === 'cash') this.drawerCash(payment.device, -amount);
    const day = this.salesDay;
    if (this.order(this.holder(payment.orderId)).status === 'closed') {
      this.saleRefunds.set(day, (this.saleRefunds.get(day) ?? 0) + amount);
    }
    if (payment.cardId) this.cards.find((c) => c.id === payment.cardId)!.balance += amount;
  }
}

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Every command: `check` on the model alone, `run` against the app, writing the model as answers come. */
export interface ModelCommand {
  check(model: Readonly<Model>): boolean;
  run(model: Model, world: World): Promise<void>;
  toString(): string;
}
