import type { Clock } from '../../common/time/clock';
import type { Database } from '../../database/database.service';
import type { EventLog } from '../event-log.service';
import type { ConsumerDefinition } from './consumer';
import { ConsumerCursor } from './consumer-cursor.entity';
import type { JobQueue } from './job-queue';

/** Events read and derived per transaction. */
const BATCH = 200;

/**
 * Turns committed events into one consumer's jobs, durably: one transaction locks the consumer's cursor, reads it
 * again (another instance may have moved it), inserts the jobs of the events after it and moves it past them. A
 * crash before the commit leaves the cursor where it was, so the next run derives the same events again; the lock
 * keeps two instances from deriving the same events. Safe to run from any number of instances at once.
 */
export class JobDeriver {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
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

  /** The events after the cursor, read before the transaction so that a look that finds none writes nothing. */
  private async deriveBatch(): Promise<{ derived: number; more: boolean }> {
    const cursor = await this.database.reader.findOneBy(ConsumerCursor, { name: this.definition.name });
    if (!cursor) return { derived: 0, more: false };
    const events = await this.eventLog.after(cursor.seq, BATCH);
    if (events.length === 0) return { derived: 0, more: false };
    const derived = await this.database.transaction(async (tx) => {
      const locked = await tx.manager.findOneOrFail(ConsumerCursor, {
        where: { name: this.definition.name },
        ...this.database.forUpdate,
      });
      const fresh = events.filter((event) => event.seq > locked.seq);
      if (fresh.length === 0) return 0;
      const jobs = await this.definition.derive(fresh, tx);
      const seqs = new Set(fresh.map((event) => event.seq));
      const stray = jobs.find((job) => !seqs.has(job.seq));
      if (stray)
        throw new Error(`${this.definition.name}: derive() made a job of seq ${stray.seq}, not given`);
      await this.queue.insertDerived(tx, jobs, this.clock.now());
      await tx.manager.update(
        ConsumerCursor,
        { name: this.definition.name },
        { seq: fresh[fresh.length - 1].seq },
      );
      return jobs.length;
    });
    return { derived, more: events.length === BATCH };
  }
}
