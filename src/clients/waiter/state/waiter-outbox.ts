import { t } from '../../../i18n/browser/page-i18n';
import { type Api, newKey, ok, type Problem, problemOf } from '../../shared/api';
import { Outbox, type OutboxWrite } from '../../shared/outbox';
import { type Answer, type Change, needsConnection, orderOf, type QueuedChange, send } from './changes';
import { itemStatusLabel, type Order } from './floor';
import { lineName } from './menu';

export type Waiting = OutboxWrite<QueuedChange>;
export type Maker = NonNullable<Waiting['by']>;

/** A write the service refused with 409 VERSION_CONFLICT: the waiter sees both versions and decides. */
export interface Conflict {
  write: Waiting;
  problem: Problem;
  /** The order as it is on the service now (VERSION_CONFLICT carries it), or null. */
  current: Order | null;
}

/** How a change ended: applied, refused for good (with the service's reason), or waiting for the connection. */
export type Outcome = { status: 'applied'; orders: Order[] } | { status: 'refused'; problem: Problem };

interface Handlers {
  /** Orders as the service answered a write: newer than any event that came before. */
  applied: (orders: readonly Order[]) => void;
  refused: (change: Change, problem: Problem) => void;
  /** The writes not sent yet, after every change of the queue. */
  changed: (waiting: readonly Waiting[]) => void;
  conflict: (conflict: Conflict | null) => void;
}

const RETRY_AFTER_MS = 2000;

/**
 * Every write of the tablet, through the durable outbox: kept in IndexedDB with its Idempotency-Key before it is
 * sent, sent in the order made, one at a time, and retried with the same key until the service answers, so a write
 * made offline arrives once. A write on an order carries `If-Match`: a 409 VERSION_CONFLICT holds the queue until
 * the waiter chose between their change and what is on the order now; any other refusal leaves the queue.
 */
export class WaiterOutbox {
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The version each order had after this tablet's last write on it: what a following write is made against. */
  private readonly versionAfterMine = new Map<string, number>();
  private readonly waiters = new Map<string, (outcome: Outcome) => void>();
  /** A manager's session for the writes they approved on this tablet (memory only: never stored). */
  private readonly approvedBy = new Map<string, Api>();
  private online = navigator.onLine;
  /** A 409 waits for the waiter: no retry timer until they decided. */
  private heldByConflict = false;

  private constructor(
    private readonly outbox: Outbox<QueuedChange>,
    private readonly api: Api,
    private readonly handlers: Handlers,
    /** The person signed in: each write keeps who made it. */
    private readonly signedIn: () => Maker | null,
  ) {}

  /**
   * Opens the outbox of this browser. Before sending anything it asks what the service last applied from this
   * device: keys are the caller's, so entries another person signed in before already sent must not go out again
   * under this one's name.
   */
  static async open(
    api: Api,
    deviceId: string,
    handlers: Handlers,
    signedIn: () => Maker | null,
  ): Promise<WaiterOutbox> {
    const outbox = await Outbox.open<QueuedChange>('pos-waiter-outbox', handlers.changed);
    const writes = new WaiterOutbox(outbox, api, handlers, signedIn);
    const state = await ok(
      api.GET('/api/v1/devices/{id}/outbox-state', { params: { path: { id: deviceId } } }),
    ).catch(() => null);
    const applied = outbox.writes.findIndex((write) => write.key === state?.lastWrite?.key);
    for (let i = 0; i <= applied; i += 1) await outbox.settleHead(null);
    writes.flush();
    return writes;
  }

  get waiting(): readonly Waiting[] {
    return this.outbox.writes;
  }

  /** Whether the socket is connected: writes that need the service are refused at once when it is not. */
  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.flush();
  }

  /**
   * Queues a change made on `seen` (the order as the waiter saw it; null for a new one) and sends it when it can.
   * The promise settles once the service answered it: a waiter need not wait for it, except where money or a
   * manager's approval is at stake (`needsConnection`), which is refused at once when offline.
   */
  async submit(change: Change, seen: Order | null, approvedBy?: Api): Promise<Outcome> {
    const offlineReason = needsConnection(change);
    if (offlineReason && !this.online) {
      return {
        status: 'refused',
        problem: { code: 'OFFLINE', message: t('waiter.changes.needsConnection', { reason: offlineReason }) },
      };
    }
    const orderId = orderOf(change);
    const followsMine =
      orderId !== null && this.outbox.writes.some((write) => orderOf(write.action.change) === orderId);
    const by = this.signedIn() ?? undefined;
    const write: Waiting = {
      key: newKey(),
      createdAt: new Date().toISOString(),
      ...(by ? { by } : {}),
      action: {
        change,
        baseVersion: followsMine ? null : (seen?.version ?? null),
        seen: seen ? seen.items.map(lineLabel) : [],
      },
    };
    const outcome = new Promise<Outcome>((resolve) => this.waiters.set(write.key, resolve));
    if (approvedBy) this.approvedBy.set(write.key, approvedBy);
    await this.outbox.add(write);
    this.flush();
    return outcome;
  }

  /** The waiter's decision on a conflict: send their change on top of the order as it is now, or drop it. */
  async resolve(conflict: Conflict, choice: 'mine' | 'drop'): Promise<void> {
    this.handlers.conflict(null);
    this.heldByConflict = false;
    if (choice === 'drop') {
      this.settle(conflict.write.key, { status: 'refused', problem: conflict.problem });
      await this.outbox.settleHead(null);
    } else {
      const rebased = { ...conflict.write.action, baseVersion: conflict.current?.version ?? null };
      await this.outbox.settleHead({ ...conflict.write, action: rebased });
    }
    if (conflict.current) this.versionAfterMine.set(conflict.current.id, conflict.current.version);
    this.flush();
  }

  /** Sends what waits; when the service cannot be reached it tries again a little later. */
  flush(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.outbox
      .flush((write) => this.sendOne(write))
      .then(() => {
        if (this.outbox.writes.length > 0 && !this.heldByConflict) {
          this.retryTimer = setTimeout(() => this.flush(), RETRY_AFTER_MS);
        }
      })
      .catch(() => undefined);
  }

  private async sendOne(write: Waiting): Promise<'sent' | 'retry' | 'held'> {
    const { change, baseVersion } = write.action;
    const now = this.signedIn();
    if (write.by && now && write.by.userId !== now.userId) {
      // Its maker signed out before it went out: sent now, it would be this person's. Said, and left to them.
      const problem = {
        code: 'MADE_BY_ANOTHER',
        message: t('waiter.outbox.madeBy', { name: write.by.name }),
      };
      this.handlers.refused(change, problem);
      this.settle(write.key, { status: 'refused', problem });
      return 'sent';
    }
    const orderId = orderOf(change);
    const ifMatch = baseVersion ?? (orderId ? (this.versionAfterMine.get(orderId) ?? null) : null);
    const api = this.approvedBy.get(write.key) ?? this.api;
    const answer: Answer | null = await send(api, change, write.key, ifMatch).catch(() => null);
    if (!answer) return 'retry';
    if (answer.ok) {
      const orders = answer.orders.length > 0 || !orderId ? answer.orders : await this.reread(orderId);
      for (const order of orders) this.versionAfterMine.set(order.id, order.version);
      this.handlers.applied(orders);
      this.settle(write.key, { status: 'applied', orders });
      return 'sent';
    }
    const { response } = answer;
    const problem = problemOf(answer.error, response.status);
    if (response.status >= 500 || response.status === 429 || response.status === 401) return 'retry';
    if (response.status === 409 && problem.code === 'IDEMPOTENCY_IN_PROGRESS') return 'retry';
    // Only someone else's edit asks the waiter to choose; any other refusal is said with its reason and dropped.
    if (response.status === 409 && problem.code === 'VERSION_CONFLICT') {
      // A try made before the waiter chose, answered after: the choice stands, and the outbox sends it next.
      if (this.outbox.writes[0] !== write) return 'held';
      this.heldByConflict = true;
      this.handlers.conflict({ write, problem, current: currentOrderOf(problem) });
      return 'held';
    }
    this.handlers.refused(change, problem);
    this.settle(write.key, { status: 'refused', problem });
    return 'sent';
  }

  /** The order after a write whose reply is not the order (a payment, a print). */
  private async reread(orderId: string): Promise<Order[]> {
    const order = await ok(this.api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })).catch(
      () => null,
    );
    return order ? [order] : [];
  }

  private settle(key: string, outcome: Outcome): void {
    this.approvedBy.delete(key);
    this.waiters.get(key)?.(outcome);
    this.waiters.delete(key);
  }
}

/** An order line in a few words: "2 × Burger (Large) · in progress". */
export function lineLabel(item: Order['items'][number]): string {
  return `${item.quantity} × ${lineName(item)} · ${itemStatusLabel(item.status)}`;
}

/** VERSION_CONFLICT carries the current order in `error.details`. */
function currentOrderOf(problem: Problem): Order | null {
  const details = problem.details as Order | undefined;
  return details && typeof details === 'object' && 'version' in details && 'items' in details
    ? details
    : null;
}
