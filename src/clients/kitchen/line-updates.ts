import { type Api, newKey, type Problem, problemOf, type Schemas } from '../shared/api';
import { type Attempt, Outbox, type OutboxWrite } from '../shared/outbox';
import type { Order } from './ticket-board';

/** A cook's tap: one line (an item or a combo's component) to a new status. */
export interface LineUpdate {
  orderId: string;
  lineId: string;
  status: Schemas['ItemStatusInput']['status'];
}

interface Handlers {
  /** The order as the service answered after a write. */
  applied: (order: Order) => void;
  /** The service refused a write for good (the line moved on meanwhile, say): its state stands. */
  refused: (update: LineUpdate, problem: Problem) => void;
  /** The writes still waiting, after every change of the queue. */
  changed: (waiting: readonly OutboxWrite<LineUpdate>[]) => void;
  /** The service asked to wait (a card payment running on the order, say): the tap is kept and sent again. */
  delayed: (update: LineUpdate, problem: Problem) => void;
}

const RETRY_AFTER_MS = 2000;
/** Retries back off up to this while the service keeps asking to wait, so a long wait costs it little. */
const LONGEST_RETRY_MS = 16_000;

/**
 * 409s that say "not yet" rather than "no": the same key is sent again later. The first try of this key is
 * still running, or a card payment holds the order for now.
 */
const NOT_YET: readonly string[] = ['IDEMPOTENCY_IN_PROGRESS', 'TERMINAL_PAYMENT_RUNNING'];

/**
 * The screen's bumps, starts and recalls. Each goes through the durable outbox with its own Idempotency-Key, so a
 * tap made offline is sent when the network is back, in the order made, and applied once however often it is
 * retried. The screen shows a line at its queued status until then.
 */
export class LineUpdates {
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAfterMs = RETRY_AFTER_MS;

  private constructor(
    private readonly outbox: Outbox<LineUpdate>,
    private readonly api: Api,
    private readonly handlers: Handlers,
  ) {}

  static async open(api: Api, handlers: Handlers): Promise<LineUpdates> {
    const outbox = await Outbox.open<LineUpdate>('pos-kitchen-outbox', handlers.changed);
    const updates = new LineUpdates(outbox, api, handlers);
    updates.flush();
    return updates;
  }

  /** The status a line was last tapped to and not yet sent, if any. */
  queuedStatus(lineId: string): LineUpdate['status'] | undefined {
    return this.outbox.writes.findLast((write) => write.action.lineId === lineId)?.action.status;
  }

  async queue(updates: readonly LineUpdate[]): Promise<void> {
    for (const action of updates) {
      await this.outbox.add({ key: newKey(), action, createdAt: new Date().toISOString() });
    }
    this.flush();
  }

  /** Sends what waits; when the service cannot be reached it tries again a little later. */
  flush(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.outbox
      .flush((write) => this.send(write))
      .then(() => {
        if (this.outbox.writes.length === 0) return;
        this.retryTimer = setTimeout(() => this.flush(), this.retryAfterMs);
        this.retryAfterMs = Math.min(this.retryAfterMs * 2, LONGEST_RETRY_MS);
      })
      .catch(() => undefined);
  }

  private async send({ key, action }: OutboxWrite<LineUpdate>): Promise<Attempt> {
    const answer = await this.api
      .PATCH('/api/v1/orders/{id}/items/{itemId}/status', {
        params: { path: { id: action.orderId, itemId: action.lineId } },
        body: { status: action.status },
        headers: { 'Idempotency-Key': key },
      })
      .catch(() => null);
    if (!answer) return 'retry';
    const { data, error, response } = answer;
    if (response.ok && data) {
      this.retryAfterMs = RETRY_AFTER_MS;
      this.handlers.applied(data);
      return 'sent';
    }
    if (response.status >= 500 || response.status === 429 || response.status === 401) return 'retry';
    const problem = problemOf(error, response.status);
    if (response.status === 409 && NOT_YET.includes(problem.code)) {
      this.handlers.delayed(action, problem);
      return 'retry';
    }
    this.handlers.refused(action, problem);
    return 'sent';
  }
}
