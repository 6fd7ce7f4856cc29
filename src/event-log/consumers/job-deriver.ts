import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../common/time/clock';
import type { Database, Tx } from '../../database/database.service';
import type { EventFeed } from '../event-feed';
import type { EventLog } from '../event-log.service';
import type { ConsumerDefinition } from './consumer';
import { ConsumerCursor } from './consumer-cursor.entity';
import type { JobQueue } from './job-queue';

/** Events read and derived per transaction. */
const BATCH = 200;
/** Events an idle consumer passes before it stores its cursor: bounds what a restart reads again. */
const IDLE_STORE_EVERY = 1_000;
/**
 * How long a wake-up trusts the last verdict that the consumer is idle. This instance's own holds forget it at once;
 * a subscription or printer made on another instance is seen within this time (and its events derived then: the
 * stored cursor never passed them).
 */
const IDLE_VERDICT_MS = 1_000;

/**
 * Turns committed events into one consumer's jobs, durably: one transaction locks the consumer's cursor, reads it
 * again (another instance may have moved it), inserts the jobs of the events after it and moves it past them. A
 * crash before the commit leaves the cursor where it was, so the next run derives the same events again; the lock
 * keeps two instances from deriving the same events. Safe to run from any number of instances at once.
 *
 * While the consumer is idle (nothing could give a job), events are passed without reading them: a wake-up reads
 * nothing (the feed's position is the log's end it passed; the idle verdict is kept for IDLE_VERDICT_MS), and the
 * stored cursor follows every IDLE_STORE_EVERY events. That is only a saving: the stored cursor moves only under
 * its lock, past events that gave nothing (idle checked again under the lock, never from the kept verdict), and a
 * consumer that is not idle derives from the stored cursor.
 */
export class JobDeriver {
  /** The log's end when this instance last stored (or tried to store) the cursor of an idle consumer. */
  private idleStoredAt = 0;
  /** Until when (performance.now()) a wake-up takes the consumer as idle without asking the database. */
  private idleUntil = -Infinity;

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly feed: EventFeed,
    private readonly clock: Clock,
    private readonly definition: ConsumerDefinition,
    private readonly queue: JobQueue,
  ) {}

  /** Creates the cursor at the log's end if the consumer has none yet: a new consumer does not replay history. */
  async start(): Promise<void> {
    const { lastSeq } = await this.eventLog.bounds();
    await this.database.transaction((tx) =>
      tx.manager
        .createQueryBuilder()
        .insert()
        .into(ConsumerCursor)
        .values({ name: this.definition.name, seq: lastSeq })
        .orIgnore()
        .execute(),
    );
  }

  /** Derives until the cursor reaches the log's end (or `stopped()` says so); answers how many jobs it made. */
  async deriveAll(stopped: () => boolean = () => false): Promise<number> {
    let derived = 0;
    for (let more = true; more && !stopped();) {
      const batch = await this.deriveBatch();
      derived += batch.derived;
      more = batch.more;
    }
    return derived;
  }

  /**
   * Locks the cursor in `tx`; an idle consumer's moves to the log's end, as deriving the events before it would
   * (they give nothing): what `tx` writes then gives jobs from the next event on only.
   */
  async hold(tx: Tx): Promise<void> {
    this.forgetIdle();
    tx.afterCommit(() => this.forgetIdle());
    const locked = await this.lock(tx.manager);
    if (!locked || !(await this.idle(tx.manager))) return;
    const { lastSeq } = await this.eventLog.bounds();
    if (lastSeq > locked.seq) await this.store(tx.manager, lastSeq);
  }

  /** The events after the cursor, read before the transaction so that a look that finds none writes nothing. */
  private async deriveBatch(): Promise<{ derived: number; more: boolean }> {
    const reader = this.database.reader;
    if (await this.idleNow()) return this.passIdle();
    const cursor = await reader.findOneBy(ConsumerCursor, { name: this.definition.name });
    if (!cursor) return { derived: 0, more: false };
    const events = await this.eventLog.after(cursor.seq, BATCH);
    if (events.length === 0) return { derived: 0, more: false };
    const derived = await this.database.transaction(async (tx) => {
      const locked = await this.lock(tx.manager);
      const fresh = events.filter((event) => event.seq > (locked?.seq ?? Infinity));
      if (fresh.length === 0) return 0;
      const jobs = await this.definition.derive(fresh, tx);
      const seqs = new Set(fresh.map((event) => event.seq));
      const stray = jobs.find((job) => !seqs.has(job.seq));
      if (stray)
        throw new Error(`${this.definition.name}: derive() made a job of seq ${stray.seq}, not given`);
      await this.queue.insertDerived(tx, jobs, this.clock.now());
      await this.store(tx.manager, fresh[fresh.length - 1].seq);
      return jobs.length;
    });
    return { derived, more: events.length === BATCH };
  }

  /** An idle consumer stores the feed's position as its cursor every IDLE_STORE_EVERY events. */
  private async passIdle(): Promise<{ derived: number; more: boolean }> {
    const lastSeq = this.feed.position;
    if (lastSeq - this.idleStoredAt >= IDLE_STORE_EVERY) {
      this.idleStoredAt = lastSeq;
      await this.storePassed(lastSeq);
    }
    return { derived: 0, more: false };
  }

  /** Stores the log's end this instance passed while idle, if the consumer is idle still and no one stored further. */
  private storePassed(passed: number): Promise<void> {
    return this.database.transaction(async (tx) => {
      const locked = await this.lock(tx.manager);
      if (locked && locked.seq < passed && (await this.idle(tx.manager)))
        await this.store(tx.manager, passed);
    });
  }

  /** Whether the consumer is idle, from the verdict kept for IDLE_VERDICT_MS or else from the database. */
  private async idleNow(): Promise<boolean> {
    if (performance.now() < this.idleUntil) return true;
    const idle = await this.idle(this.database.reader);
    if (idle) this.idleUntil = performance.now() + IDLE_VERDICT_MS;
    return idle;
  }

  private forgetIdle(): void {
    this.idleUntil = -Infinity;
  }

  private idle(manager: EntityManager): Promise<boolean> {
    return this.definition.idle?.(manager) ?? Promise.resolve(false);
  }

  private lock(manager: EntityManager): Promise<ConsumerCursor | null> {
    return manager.findOne(ConsumerCursor, {
      where: { name: this.definition.name },
      ...this.database.forUpdate,
    });
  }

  private async store(manager: EntityManager, seq: number): Promise<void> {
    await manager.update(ConsumerCursor, { name: this.definition.name }, { seq });
  }
}
