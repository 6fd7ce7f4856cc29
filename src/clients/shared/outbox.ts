/**
 * A write waiting to be sent: what to do (the client's own typed description, which its sender turns into a typed
 * API call) and the Idempotency-Key that goes with every try, so the server applies it once.
 */
export interface OutboxWrite<Action> {
  key: string;
  action: Action;
  createdAt: string;
  /**
   * The person who made it (absent on writes queued before this was kept): a write goes out under its maker's name
   * only, never under the next person's who signs in on the device.
   */
  by?: { userId: string; name: string };
}

/**
 * What became of one try: sent (applied, or refused for good), to try again later (no network, 5xx, 429), or held
 * at the head of the queue until a person decides (a 409: someone else changed the order meanwhile).
 */
export type Attempt = 'sent' | 'retry' | 'held';

const STORE = 'writes';

/**
 * The durable queue of a device's writes, in IndexedDB: they survive a reload and a closed tab, are sent in the
 * order they were made, one at a time, and a write leaves the queue only once the server answered it.
 */
export class Outbox<Action> {
  private queued: Array<OutboxWrite<Action> & { id: number }> = [];
  private flushing: Promise<void> | null = null;

  private constructor(
    private readonly db: IDBDatabase,
    /** Called with a fresh array after every change, so a client's state sees a new value each time. */
    private readonly onChange: (writes: readonly OutboxWrite<Action>[]) => void,
  ) {}

  static async open<Action>(
    name: string,
    onChange: (writes: readonly OutboxWrite<Action>[]) => void,
  ): Promise<Outbox<Action>> {
    const db = await request<IDBDatabase>(
      Object.assign(indexedDB.open(name, 1), {
        onupgradeneeded(this: IDBOpenDBRequest) {
          this.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
        },
      }),
    );
    const outbox = new Outbox<Action>(db, onChange);
    outbox.queued = await request<Array<OutboxWrite<Action> & { id: number }>>(
      db.transaction(STORE).objectStore(STORE).getAll(),
    );
    onChange([...outbox.queued]);
    return outbox;
  }

  get writes(): readonly OutboxWrite<Action>[] {
    return this.queued;
  }

  async add(write: OutboxWrite<Action>): Promise<void> {
    const id = await request(this.store('readwrite').add(write));
    this.queued.push({ ...write, id: id as number });
    this.onChange([...this.queued]);
  }

  /**
   * A person's decision on the held write at the head: `replacement` takes its place (same key) and is sent next,
   * null drops it.
   */
  async settleHead(replacement: OutboxWrite<Action> | null): Promise<void> {
    const head = this.queued[0];
    if (!head) return;
    if (replacement) {
      const settled = { ...replacement, id: head.id };
      await request(this.store('readwrite').put(settled));
      this.queued[0] = settled;
    } else {
      await request(this.store('readwrite').delete(head.id));
      this.queued.shift();
    }
    this.onChange([...this.queued]);
  }

  /**
   * Sends the queued writes in order until one must wait; a flush already running is joined, not doubled. The head
   * a person settled while a try of it was on the way is sent as settled by the same flush.
   */
  flush(send: (write: OutboxWrite<Action>) => Promise<Attempt>): Promise<void> {
    this.flushing ??= this.sendInOrder(send).finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async sendInOrder(send: (write: OutboxWrite<Action>) => Promise<Attempt>): Promise<void> {
    while (this.queued.length > 0) {
      const next = this.queued[0];
      const attempt = await send(next);
      // Decided while this try was on the way (settleHead): its answer no longer counts, the decision goes next.
      if (this.queued[0] !== next) continue;
      if (attempt !== 'sent') return;
      await request(this.store('readwrite').delete(next.id));
      this.queued.shift();
      this.onChange([...this.queued]);
    }
  }

  private store(mode: IDBTransactionMode): IDBObjectStore {
    return this.db.transaction(STORE, mode).objectStore(STORE);
  }
}

function request<T>(pending: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result as T);
    pending.onerror = () => reject(pending.error ?? new Error('IndexedDB refused the request'));
  });
}
