import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { CoalescingRunner } from '../common/loops/coalescing-runner';
import { Database } from '../database/database.service';
import { EventRecord } from './event-record.entity';

export type EventListener = (event: EventRecord) => void;

const BATCH = 500;
/** How long a hole in the seqs may wait for its own commit callback before the feed reads the log to fill it. */
const GAP_WAIT_MS = 50;
/**
 * How often the feed reads the log unasked: events committed by another process (create-admin, or an instance
 * whose Redis signal was lost) reach this one within this time even when nothing here commits.
 */
const POLL_EVERY_MS = 1_000;

/**
 * The live tail of the event log: hands every committed event to its listeners exactly once, in seq order.
 * Events this process commits are handed over at once from memory; a seq that does not arrive that way in time
 * (a commit callback running late, or an event committed elsewhere) is read from the log. Either way the
 * listeners see a gap-free, ordered stream.
 */
@Injectable()
export class EventFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventFeed.name);
  private readonly listeners = new Set<EventListener>();
  private readonly waiting = new Map<number, EventRecord>();
  private cursor = 0;
  private gapTimer?: NodeJS.Timeout;
  /** On failure the cursor has not moved: the retry, or the next gap or commit, reads again from it. */
  private readonly reads = new CoalescingRunner(() => this.readLog(), {
    name: 'Reading the event log',
    logger: this.logger,
    everyMs: POLL_EVERY_MS,
  });

  constructor(private readonly database: Database) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ last_seq: lastSeq }] = await this.database.reader.query<Array<{ last_seq: string | number }>>(
      'SELECT last_seq FROM event_sequence WHERE id = 1',
    );
    this.cursor = Number(lastSeq);
    this.reads.start();
  }

  /**
   * Stops reading in the first phase of shutdown, before the database closes its readers: the feed's own reads
   * would fail on a closed reader. Events this process still commits are handed over from memory.
   */
  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.gapTimer);
    await this.reads.stop();
  }

  /** The last seq handed to the listeners: every event up to it has been, and no later one. */
  get position(): number {
    return this.cursor;
  }

  /** Listeners must not throw and must not block: they run inline, one event at a time. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once the transaction that appended `events` has committed. */
  committed(events: EventRecord[]): void {
    for (const event of events) if (event.seq > this.cursor) this.waiting.set(event.seq, event);
    this.drain();
  }

  /**
   * Reads the log past the cursor: for events this process did not see committed, or saw too late. The read starts
   * after the call: a read already out may have begun before the caller's event committed, so the caller waits for
   * one more after it (shared by every caller meanwhile).
   */
  catchUp(): Promise<void> {
    return this.reads.run();
  }

  private drain(): void {
    for (let next = this.waiting.get(this.cursor + 1); next; next = this.waiting.get(this.cursor + 1)) {
      this.waiting.delete(next.seq);
      this.hand(next);
    }
    if (this.waiting.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
      return;
    }
    // Set once per hole, not again by each later commit: under a steady stream of them it would never fire.
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = undefined;
      void this.catchUp();
    }, GAP_WAIT_MS);
  }

  private hand(event: EventRecord): void {
    this.cursor = event.seq;
    for (const listener of this.listeners) listener(event);
  }

  private async readLog(): Promise<void> {
    try {
      let batch: EventRecord[];
      do {
        batch = await this.database.reader.find(EventRecord, {
          where: { seq: MoreThan(this.cursor) },
          order: { seq: 'ASC' },
          take: BATCH,
        });
        for (const event of batch) {
          this.waiting.delete(event.seq);
          // A commit of this process may have handed it over while the read was on its way.
          if (event.seq > this.cursor) this.hand(event);
        }
      } while (batch.length === BATCH);
    } finally {
      this.drain();
    }
  }
}
