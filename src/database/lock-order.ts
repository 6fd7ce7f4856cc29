/**
 * The kinds of rows that units of work lock, in the one order they are locked in. Two transactions that lock rows
 * in the same order never wait for each other in a circle (a deadlock on PostgreSQL); rows of one kind are locked
 * in id order. A change to an existing order learns its table from the order, so it locks the table through the
 * order's id before the order itself (OrderChanges). The counters every writer touches come last, just before
 * COMMIT. Rows outside this list (a printer, a tax rate, …) are locked alone in their own units of work.
 */
export enum LockKind {
  /**
   * A device's outbox state (X-Device-Id): its turn is taken first, before the write does anything, so that a write
   * whose own work locks a customer's points (a reward) or whose facts do (a close earning points) never holds them
   * while waiting for its device; the row is upserted at the end, under that turn.
   */
  Device = 'device',
  /** A customer's row, before the order it is attached to. */
  Customer = 'customer',
  Table = 'table',
  Order = 'order',
  /** A card terminal's row (one attempt at a time on it), after the order the attempt is for. */
  Terminal = 'terminal',
  /** A card terminal payment attempt, after its order and terminal, before the payment it becomes. */
  TerminalPayment = 'terminal payment',
  Payment = 'payment',
  /** Counted stock: dish variations, by variation id. */
  Stock = 'stock',
  /** An inventory document (a count sheet, a purchase order), before the ingredients it moves. */
  StockDocument = 'stock document',
  /** An ingredient's stock row (inventory), by ingredient id, after the variations counted stock locks. */
  Ingredient = 'ingredient',
  GiftCard = 'gift card',
  /** A customer's loyalty ledger (an advisory lock per customer). */
  CustomerPoints = 'customer points',
  ReceiptSequence = 'receipt sequence',
  /** An Austrian cash register (its receipt series and chain), locked by the receipt it signs. */
  CashRegister = 'cash register',
  /**
   * A business day's tip ledger (an advisory lock per day), shared again once the day's tip facts are written: by
   * a fact of its own raised after them, so after the receipt and its signature a close or a refund locks.
   */
  TipDay = 'tip day',
  EventSequence = 'event sequence',
}

export const LOCK_ORDER: readonly LockKind[] = [
  LockKind.Device,
  LockKind.Customer,
  LockKind.Table,
  LockKind.Order,
  LockKind.Terminal,
  LockKind.TerminalPayment,
  LockKind.Payment,
  LockKind.Stock,
  LockKind.StockDocument,
  LockKind.Ingredient,
  LockKind.GiftCard,
  LockKind.CustomerPoints,
  LockKind.ReceiptSequence,
  LockKind.CashRegister,
  LockKind.TipDay,
  LockKind.EventSequence,
];

const RANK = new Map(LOCK_ORDER.map((kind, rank) => [kind, rank]));

/** A unit of work locked a kind after a later one: a bug in the code, never the user's doing. */
export class LockOrderViolation extends Error {
  constructor(
    readonly kind: LockKind,
    readonly after: LockKind,
  ) {
    super(
      `Lock order broken: "${kind}" rows locked after "${after}" rows; the order is ${LOCK_ORDER.join(', ')} (src/database/lock-order.ts)`,
    );
    this.name = 'LockOrderViolation';
  }
}

/**
 * The kinds one unit of work has locked so far: `enter` throws when a kind comes after a later kind; the same kind
 * again, or a later one, is fine.
 */
export class LockOrderCheck {
  private latest: LockKind | null = null;

  enter(kind: LockKind): void {
    if (this.latest !== null && RANK.get(kind)! < RANK.get(this.latest)!) {
      throw new LockOrderViolation(kind, this.latest);
    }
    this.latest = kind;
  }
}

/**
 * Checks the lock order of every unit of work, outside production: each unit of work (its Tx) has its own
 * LockOrderCheck. Off, it costs nothing. Every violation is also kept, so that a test sees one that work in the
 * background (a consumer, a retry) swallowed.
 */
export class LockOrderChecks<Unit extends object> {
  private readonly checks = new WeakMap<Unit, LockOrderCheck>();
  readonly violations: LockOrderViolation[] = [];

  constructor(readonly enabled: boolean) {}

  enter(unit: Unit, kind: LockKind): void {
    if (!this.enabled) return;
    let check = this.checks.get(unit);
    if (!check) {
      check = new LockOrderCheck();
      this.checks.set(unit, check);
    }
    try {
      check.enter(kind);
    } catch (error) {
      this.violations.push(error as LockOrderViolation);
      throw error;
    }
  }
}
